import { readFileSync } from "node:fs"
import { gunzipSync } from "node:zlib"
const dir = "/work/shared/datasets/article-extraction-dev"
const gt = JSON.parse(readFileSync(dir + "/ground-truth.json", "utf8"))
const [prefix, needle, width] = process.argv.slice(2)
const id = Object.keys(gt).find((k) => k.startsWith(prefix!))!
const html = gunzipSync(readFileSync(`${dir}/html/${id}.html.gz`)).toString("utf8")
let i = html.indexOf(needle!)
const w = Number(width ?? 1500)
i = html.indexOf(needle!, i + 1); while (i >= 0) { console.log("----", i, "\n" + html.slice(Math.max(0, i - w), i + 300)); i = html.indexOf(needle!, i + 1); break }
