import { readFileSync } from "node:fs"
import { gunzipSync } from "node:zlib"
import { parseHTML } from "linkedom"
import { Readability } from "@mozilla/readability"
import { extractArticle } from "../extract.ts"
const dir = "/work/shared/datasets/article-extraction-dev"
const gt = JSON.parse(readFileSync(dir + "/ground-truth.json", "utf8"))
const pages = Object.keys(gt).map((id) => gunzipSync(readFileSync(`${dir}/html/${id}.html.gz`)).toString("utf8"))
const INERT = /<!--[\s\S]*?-->|<(script|style|svg|noscript|template|iframe|object|canvas)\b[^>]*>[\s\S]*?<\/\1\s*>/gi
const t: Record<string, number[]> = { strip: [], parse: [], read: [], full: [] }
for (let round = 0; round < 3; round++) pages.forEach((html, i) => {
  const rec = (k: string, v: number) => { const a = t[k]!; a[i] = Math.min(a[i] ?? Infinity, v) }
  let a = performance.now(); const h = html.replace(INERT, ""); rec("strip", performance.now() - a)
  a = performance.now(); const { document } = parseHTML(h) as any; rec("parse", performance.now() - a)
  a = performance.now(); new Readability(document, { serializer: (n: any) => n, keepClasses: true } as any).parse(); rec("read", performance.now() - a)
  a = performance.now(); extractArticle({ articleId: "x", contentHash: "x", input: "x", format: "html", content: html, hints: { title: null, publishedAt: null, source: null, url: null } }); rec("full", performance.now() - a)
})
for (const [k, v] of Object.entries(t)) { v.sort((a, b) => a - b); console.log(k, v[v.length >> 1]!.toFixed(1), v[Math.floor(v.length * 0.9)]!.toFixed(1)) }
