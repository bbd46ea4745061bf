import { readFileSync } from "node:fs"
import { gunzipSync } from "node:zlib"
import { parseHTML } from "linkedom"
import { readHtmlMetadata } from "../htmlMetadata.ts"
import { extractArticle } from "../extract.ts"
import { scorePage } from "../shingleScore.ts"
const dir = "/work/shared/datasets/article-extraction-dev"
const gt = JSON.parse(readFileSync(dir + "/ground-truth.json", "utf8"))
for (const id of Object.keys(gt)) {
  const html = gunzipSync(readFileSync(`${dir}/html/${id}.html.gz`)).toString("utf8")
  const ld = [...html.matchAll(/<script\b[^>]*application\/ld\+json[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]!)
  const { document } = parseHTML(html) as any
  const m = readHtmlMetadata(document, ld)
  const out = extractArticle({ articleId: "x", contentHash: "x", input: "x", format: "html", content: html, hints: { title: null, publishedAt: null, source: null, url: null } })
  const body = out.kind === "extracted" ? out.data.body : ""
  const s1 = scorePage(body, gt[id].articleBody)
  const s2 = m.articleBody ? scorePage(m.articleBody, gt[id].articleBody) : null
  console.log(id.slice(0, 12), "ours", s1.precision.toFixed(2), s1.recall.toFixed(2), "ld", s2 ? `${s2.precision.toFixed(2)} ${s2.recall.toFixed(2)}` : "-", "len", body.length, m.articleBody?.length ?? 0, out.kind === "extracted" ? [out.data.title, out.data.publishedAt, out.data.byline, out.data.language].join(" / ").slice(0, 150) : "")
}
