import { readFileSync } from "node:fs"
import { extractArticle } from "../extract.ts"
for (const f of process.argv.slice(2)) {
  const o = JSON.parse(readFileSync(f, "utf8"))
  const out = extractArticle({ articleId: "x", contentHash: "x", input: "x.txt", format: "text", content: o.text, hints: { title: o.title, publishedAt: o.date?.slice(0, 10) ?? null, source: o.source, url: o.url } })
  if (out.kind !== "extracted") { console.log(out); continue }
  const { body, entities, ...rest } = out.data
  console.log(JSON.stringify(rest, null, 0).slice(0, 1500)); console.log(body.slice(0, 300)); console.log(entities.people.map((p) => p.name).join(", "))
}
