import { readFileSync } from "node:fs"
import { extractArticle } from "../extract.ts"
const lines = readFileSync("/work/shared/datasets/story-clusters-dev/giveme5w1h_events.dev.jsonl", "utf8").trim().split("\n")
let total = 0, kept = 0, rejected = 0
const dropped: string[] = []
const titles: [string, string | null][] = []
for (const line of lines) {
  const o = JSON.parse(line)
  const out = extractArticle({ articleId: "x", contentHash: "x", input: "x.txt", format: "text", content: o.text, hints: { title: null, publishedAt: null, source: null, url: null } })
  if (out.kind !== "extracted") { rejected++; continue }
  titles.push([o.title, out.data.title])
  const norm = (s: string) => s.replace(/\s+/g, " ")
  const body = norm(out.data.body)
  for (const p of o.text.split(/\n+/)) for (const s of p.split(/(?<=[.!?]["”]?)\s+/)) {
    if (s.split(/\s+/).length < 6) continue
    total++
    if (body.includes(norm(s.trim()))) kept++
    else dropped.push(s.trim())
  }
}
console.log({ total, kept, rejected, rate: kept / total })
for (const d of dropped.slice(0, 40)) console.log("  -", d.slice(0, 160))
console.log(titles.slice(0, 10))
