import { readFileSync } from "node:fs"
import { gunzipSync } from "node:zlib"
import { parseHTML } from "linkedom"
import { Readability } from "@mozilla/readability"
import { readHtmlMetadata } from "../htmlMetadata.ts"
import { blocksOf } from "../domText.ts"
const dir = "/work/shared/datasets/article-extraction-dev"
const gt = JSON.parse(readFileSync(dir + "/ground-truth.json", "utf8"))
const t: Record<string, number[]> = { parse: [], meta: [], read: [], blocks: [] }
for (let round = 0; round < 2; round++)
for (const id of Object.keys(gt)) {
  const html = gunzipSync(readFileSync(`${dir}/html/${id}.html.gz`)).toString("utf8")
  let a = performance.now()
  const { document } = parseHTML(html) as any
  t.parse.push(performance.now() - a); a = performance.now()
  readHtmlMetadata(document)
  t.meta.push(performance.now() - a); a = performance.now()
  const r = new Readability(document, { serializer: (n: any) => n } as any).parse() as any
  t.read.push(performance.now() - a); a = performance.now()
  if (r?.content) blocksOf(r.content)
  t.blocks.push(performance.now() - a)
}
for (const [k, v] of Object.entries(t)) { v.sort((a, b) => a - b); console.log(k, v[v.length >> 1].toFixed(1), v[Math.floor(v.length * 0.9)].toFixed(1)) }
