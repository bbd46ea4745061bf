import { readFileSync } from "node:fs"
import { gunzipSync } from "node:zlib"
import { readHtml } from "../html.ts"
import { findEntities } from "../entities.ts"
import { findQuotes } from "../quotes.ts"
import { detectLanguage } from "../language.ts"
const dir = "/work/shared/datasets/article-extraction-dev"
const gt = JSON.parse(readFileSync(dir + "/ground-truth.json", "utf8"))
const t = { html: [] as number[], ent: [] as number[], q: [] as number[], lang: [] as number[] }
for (const id of Object.keys(gt)) {
  const html = gunzipSync(readFileSync(`${dir}/html/${id}.html.gz`)).toString("utf8")
  let a = performance.now()
  const d = readHtml(html, { title: null, publishedAt: null })
  t.html.push(performance.now() - a)
  if (!d) continue
  a = performance.now(); const e = findEntities(d.paragraphs); t.ent.push(performance.now() - a)
  a = performance.now(); findQuotes(d.paragraphs, e.people); t.q.push(performance.now() - a)
  a = performance.now(); detectLanguage(d.paragraphs.join("\n\n"), null); t.lang.push(performance.now() - a)
}
for (const [k, v] of Object.entries(t)) { v.sort((a, b) => a - b); console.log(k, v[v.length >> 1].toFixed(1), v[Math.floor(v.length * 0.9)].toFixed(1)) }
