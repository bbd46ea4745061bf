import { readFileSync } from "node:fs"
import { gunzipSync } from "node:zlib"
import { readHtml } from "../html.ts"
const dir = "/work/shared/datasets/article-extraction-dev"
const gt = JSON.parse(readFileSync(dir + "/ground-truth.json", "utf8"))
const pages = Object.keys(gt).map((id) => gunzipSync(readFileSync(`${dir}/html/${id}.html.gz`)).toString("utf8"))
for (let round = 0; round < 3; round++) for (const html of pages) readHtml(html, { title: null, publishedAt: null })
