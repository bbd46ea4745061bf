import { readFileSync, readdirSync } from "node:fs"
import { readPlainText } from "../plainText.ts"
const dir = "/work/main/fixtures/seeds/"
for (const f of readdirSync(dir)) {
  const d = readPlainText(readFileSync(dir + f, "utf8"), { title: null, publishedAt: null })
  console.log("=====", f, JSON.stringify({ ...d, paragraphs: undefined }))
  console.log(d.paragraphs.map((p) => p.slice(0, 100)).join("\n"))
}
