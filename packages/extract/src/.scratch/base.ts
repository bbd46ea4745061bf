import { parseHTML } from "linkedom"
import { Readability } from "@mozilla/readability"
import { gunzipSync } from "node:zlib"
import { readFileSync, readdirSync } from "node:fs"
import { comparePage, summarise } from "../shingleScore.ts"
const dir = "/work/shared/datasets/article-extraction-dev"
const gt = JSON.parse(readFileSync(dir + "/ground-truth.json", "utf8"))
const pages = []
const times: number[] = []
for (const id of Object.keys(gt)) {
  const html = gunzipSync(readFileSync(`${dir}/html/${id}.html.gz`)).toString("utf8")
  const t = performance.now()
  const { document } = parseHTML(html)
  const r = new Readability(document as any).parse()
  times.push(performance.now() - t)
  const c = comparePage(r?.textContent ?? "", gt[id].articleBody)
  pages.push(c)
}
console.log(summarise(pages), times.sort((a, b) => a - b)[times.length >> 1])
