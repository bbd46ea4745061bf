import { readFileSync, readdirSync } from "node:fs"
import { gunzipSync } from "node:zlib"
import { extractArticle } from "../extract.ts"
const dir = "/work/shared/datasets/article-extraction-dev"
const gt = JSON.parse(readFileSync(dir + "/ground-truth.json", "utf8"))
const grams = (t: string) => { const w = t.match(/[\p{L}\p{N}_]+/gu) ?? []; const s = new Set<string>(); for (let i = 0; i + 4 <= w.length; i++) s.add(w.slice(i, i + 4).join(" ")); if (w.length < 4 && w.length) s.add(w.join(" ")); return s }
for (const prefix of process.argv.slice(2)) {
  const id = Object.keys(gt).find((k) => k.startsWith(prefix))!
  const html = gunzipSync(readFileSync(`${dir}/html/${id}.html.gz`)).toString("utf8")
  const out = extractArticle({ articleId: "x", contentHash: "x", input: "x", format: "html", content: html, hints: { title: null, publishedAt: null, source: null, url: null } })
  const body = out.kind === "extracted" ? out.data.body : ""
  const truth = gt[id].articleBody as string
  const tg = grams(truth), bg = grams(body)
  console.log("=====", id.slice(0, 12), gt[id].url)
  for (const p of body.split("\n\n")) { const g = grams(p); const hit = [...g].filter((x) => tg.has(x)).length; if (hit < g.size * 0.7) console.log("  FP", `${hit}/${g.size}`, JSON.stringify(p.slice(0, 200))) }
  for (const p of truth.split(/\n+/)) { const g = grams(p); const hit = [...g].filter((x) => bg.has(x)).length; if (hit < g.size * 0.7) console.log("  FN", `${hit}/${g.size}`, JSON.stringify(p.slice(0, 200))) }
}
