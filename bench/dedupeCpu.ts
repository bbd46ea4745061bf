/**
 * CPU per article of the dedupe core over a fixed corpus (the bench corpus, seed 7), in one process:
 * - live: each extraction folded, decided, and its decision folded back, as a dedupe worker does;
 * - fold from zero: the events the live run recorded folded into a fresh state (a worker starting, each signature derived).
 * Prints one JSON object: the median over rounds of CPU ms per article (user + system), and a digest of the decided events.
 * Usage: node --expose-gc --import tsx bench/dedupeCpu.ts [articles=1500] [rounds=7]
 */
import { createHash } from "node:crypto"
import type { RecordedEvent } from "@wiredesk/core"
import { decideDedupe, evolveDedupe, initialDedupeState } from "@wiredesk/dedupe"
import { generateCorpus } from "./corpus.js"
import { receiveAndExtract } from "./realArticles.js"
import { median } from "./stats.js"

const count = Number(process.argv[2] ?? 1500)
const rounds = Number(process.argv[3] ?? 7)
const articles = receiveAndExtract(generateCorpus(count, 7)).map((r) => r.extracted)

const cpuMs = (): number => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

const meta = (position: number, id: string, articleId: string, causationId: string | null) => ({
  id, position, recordedAt: "", articleId, causationId, correlationId: null, stage: "dedupe", stageVersion: "bench",
})

/** Decides every article in order, folding each decision back; returns every event folded, in order. */
const live = (): RecordedEvent[] => {
  const state = initialDedupeState()
  const log: RecordedEvent[] = []
  const fold = (event: RecordedEvent) => {
    log.push(event)
    evolveDedupe(state, event)
  }
  for (const article of articles) {
    const causationId = `extracted-${article.articleId}`
    fold({ type: "ArticleExtracted.v1", data: article, meta: meta(log.length + 1, causationId, article.articleId, null) } as RecordedEvent)
    for (const event of decideDedupe(state, { causationId, article }))
      fold({ ...event, meta: meta(log.length + 1, `ev-${log.length + 1}`, event.data.articleId, causationId) } as RecordedEvent)
  }
  return log
}

const foldFromZero = (log: readonly RecordedEvent[]): void => {
  const state = initialDedupeState()
  for (const event of log) evolveDedupe(state, event)
}

const liveMs: number[] = []
const foldMs: number[] = []
let digest = ""
live() // warm-up
for (let round = 0; round < rounds; round++) {
  global.gc?.()
  const t0 = cpuMs()
  const log = live()
  const t1 = cpuMs()
  foldFromZero(log)
  const t2 = cpuMs()
  liveMs.push((t1 - t0) / articles.length)
  foldMs.push((t2 - t1) / articles.length)
  digest = createHash("sha256").update(log.filter((e) => e.type !== "ArticleExtracted.v1").map((e) => JSON.stringify(e)).join("\n")).digest("hex").slice(0, 16)
}
const fixed = (xs: number[]) => xs.map((x) => Number(x.toFixed(3)))
process.stdout.write(
  `${JSON.stringify({ articles: articles.length, rounds, liveCpuMsPerArticle: Number(median(liveMs).toFixed(3)), foldFromZeroCpuMsPerArticle: Number(median(foldMs).toFixed(3)), live: fixed(liveMs), fold: fixed(foldMs), decidedEventsSha256: digest })}\n`,
)
