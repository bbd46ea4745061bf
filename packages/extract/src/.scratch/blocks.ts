import { readFileSync } from "node:fs"
import { gunzipSync } from "node:zlib"
import { parseHTML } from "linkedom"
import { Readability } from "@mozilla/readability"
import { blocksOf } from "../domText.ts"
import { bylineOf } from "../boilerplate.ts"
const dir = "/work/shared/datasets/article-extraction-dev"
const gt = JSON.parse(readFileSync(dir + "/ground-truth.json", "utf8"))
const id = Object.keys(gt).find((k) => k.startsWith(process.argv[2]!))!
const html = gunzipSync(readFileSync(`${dir}/html/${id}.html.gz`)).toString("utf8")
const { document } = parseHTML(html) as any
const r = new Readability(document, { serializer: (n: any) => n, keepClasses: true } as any).parse() as any
for (const b of blocksOf(r.content)) console.log(b.tag, b.linkDensity.toFixed(2), b.inFigure, JSON.stringify(b.text.slice(0, 120)), bylineOf(b.text))
if (process.argv[3]) console.log(r.content.innerHTML.slice(0, Number(process.argv[3])))
