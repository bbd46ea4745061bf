import { readFileSync } from "node:fs"
import { extractArticle } from "../extract.ts"
const lines = readFileSync("/work/shared/datasets/story-clusters-dev/giveme5w1h_events.dev.jsonl", "utf8").trim().split("\n")
let nq = 0, nnull = 0
for (const [i, line] of lines.entries()) {
  const o = JSON.parse(line)
  const out = extractArticle({ articleId: "x", contentHash: "x", input: "x.txt", format: "text", content: o.text, hints: { title: o.title, publishedAt: null, source: null, url: null } })
  if (out.kind !== "extracted") continue
  nq += out.data.quotes.length; nnull += out.data.quotes.filter((q) => !q.speaker).length
  if (i % 25 === 0) {
    console.log("=====", o.title, "|", out.data.dateline, "|", out.data.credit, "|", out.data.byline, "|", out.data.language)
    console.log("  P", out.data.entities.people.slice(0, 8).map((e) => `${e.name}(${e.count})`).join(", "))
    console.log("  O", out.data.entities.organisations.slice(0, 8).map((e) => `${e.name}(${e.count})`).join(", "))
    for (const q of out.data.quotes.slice(0, 4)) console.log(`   Q [${q.speaker}] ${q.text.slice(0, 80)}`)
  }
}
console.log({ nq, nnull })
