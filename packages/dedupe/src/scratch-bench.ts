import { readFileSync } from "node:fs"
import { desk } from "./dedupe.fixtures.js"
import type { ArticleExtractedData } from "@wiredesk/core"
const rows = readFileSync("/work/shared/datasets/story-clusters-dev/giveme5w1h_events.dev.jsonl", "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l))
const vocab = [...new Set(rows.flatMap((r) => r.text.split(/\s+/)))]
let seed = 1
const rnd = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32)
const make = (i: number): ArticleExtractedData => {
  const r = rows[i % rows.length]
  const paras = r.text.split("\n").filter((p: string) => rnd() < 0.6)
  const noise = Array.from({ length: 200 }, () => vocab[Math.floor(rnd() ** 2 * vocab.length)]).join(" ")
  const body = [...paras, noise].join("\n\n")
  return { articleId: `a${i}`, title: r.title + " " + vocab[Math.floor(rnd() * vocab.length)], publishedAt: r.date, dateline: null, credit: null, byline: null, language: null, source: null, url: null, body, subheadings: [], wordCount: 700, entities: { people: [], organisations: [], places: [] }, quotes: [] }
}
const N = Number(process.argv[2] ?? 10000)
const stage = desk()
const t0 = performance.now()
let last = t0
for (let i = 0; i < N; i++) {
  stage.process(make(i))
  if ((i + 1) % 2000 === 0) { const now = performance.now(); console.log(i + 1, "articles", ((now - last) / 2000).toFixed(2), "ms/article", "stories", stage.state.stories.size, "heap MB", (process.memoryUsage().heapUsed / 1e6).toFixed(0)); last = now }
}
stage.log.length = 0
global.gc?.()
console.log("heap MB after dropping log", (process.memoryUsage().heapUsed / 1e6).toFixed(0))
import { analyze } from "./features.js"
import { decideDedupe } from "./dedupe.js"
{
  const arts = Array.from({ length: 500 }, (_, i) => make(N + i))
  let t = performance.now()
  for (const a of arts) analyze(a)
  console.log("analyze ms/article", ((performance.now() - t) / 500).toFixed(2))
  t = performance.now()
  for (const a of arts) decideDedupe(stage.state, { causationId: "x" + a.articleId, article: a })
  console.log("decide ms/article (incl analyze)", ((performance.now() - t) / 500).toFixed(2))
}
