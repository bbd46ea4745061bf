import { readFileSync } from "node:fs"
import { gunzipSync } from "node:zlib"
import { extractArticle } from "../extract.ts"
const dir = "/work/shared/datasets/article-extraction-dev"
const gt = JSON.parse(readFileSync(dir + "/ground-truth.json", "utf8"))
for (const prefix of process.argv.slice(2)) {
  const id = Object.keys(gt).find((k) => k.startsWith(prefix))!
  const html = gunzipSync(readFileSync(`${dir}/html/${id}.html.gz`)).toString("utf8")
  const out = extractArticle({ articleId: "x", contentHash: "x", input: "x", format: "html", content: html, hints: { title: null, publishedAt: null, source: null, url: null } })
  if (out.kind !== "extracted") { console.log(prefix, out); continue }
  const d = out.data
  console.log("=====", prefix, d.title, "|", d.publishedAt, "|", d.dateline, "|", d.credit, "|", d.byline, "|", d.language)
  for (const k of ["people", "organisations", "places"] as const) console.log(" ", k, d.entities[k].map((x) => `${x.name}(${x.count})`).join(", "))
  for (const q of d.quotes) console.log(`   Q [${q.speaker}] ${q.text.slice(0, 90)}`)
}
