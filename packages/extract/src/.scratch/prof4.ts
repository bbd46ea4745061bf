import { readFileSync } from "node:fs"
import { gunzipSync } from "node:zlib"
import { readHtml } from "../html.ts"
import { findEntities } from "../entities.ts"
import { findQuotes } from "../quotes.ts"
import { detectLanguage } from "../language.ts"
const dir = "/work/shared/datasets/article-extraction-dev"
const gt = JSON.parse(readFileSync(dir + "/ground-truth.json", "utf8"))
const pages = Object.keys(gt).map((id) => gunzipSync(readFileSync(`${dir}/html/${id}.html.gz`)).toString("utf8"))
const t: Record<string, number[]> = { html: [], ent: [], quotes: [], lang: [] }
for (let round = 0; round < 3; round++) pages.forEach((html, i) => {
  const rec = (k: string, v: number) => { const a = t[k]!; a[i] = Math.min(a[i] ?? Infinity, v) }
  let a = performance.now(); const d = readHtml(html, { title: null, publishedAt: null })!; rec("html", performance.now() - a)
  a = performance.now(); const e = findEntities(d.paragraphs); rec("ent", performance.now() - a)
  a = performance.now(); findQuotes(d.paragraphs, e.people); rec("quotes", performance.now() - a)
  a = performance.now(); detectLanguage(d.paragraphs.join("\n\n"), null); rec("lang", performance.now() - a)
})
for (const [k, v] of Object.entries(t)) { v.sort((a, b) => a - b); console.log(k, v[v.length >> 1]!.toFixed(1), v[Math.floor(v.length * 0.9)]!.toFixed(1), v[v.length - 1]!.toFixed(1)) }
