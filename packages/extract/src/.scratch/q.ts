import { readFileSync, readdirSync } from "node:fs"
import { readPlainText } from "../plainText.ts"
import { findEntities } from "../entities.ts"
import { findQuotes } from "../quotes.ts"
const dir = "/work/main/fixtures/seeds/"
for (const f of readdirSync(dir)) {
  const d = readPlainText(readFileSync(dir + f, "utf8"), { title: null, publishedAt: null })
  const e = findEntities(d.paragraphs)
  console.log("=====", f)
  for (const q of findQuotes(d.paragraphs, e.people)) console.log(`  [${q.speaker}] ${q.text.slice(0, 80)}  ||| ${q.sentence.slice(0, 60)}`)
}
