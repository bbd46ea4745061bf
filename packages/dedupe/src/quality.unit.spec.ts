import { describe, expect, it } from "vitest"
import type { ArticleExtractedData } from "@wiredesk/core"
import { extractArticle } from "@wiredesk/extract"
import { receive, submissionFromRecord } from "@wiredesk/ingest"
import { desk, eventRecords, type EventRecord } from "./dedupe.fixtures.js"
import { clusterScores } from "./metrics.js"

const records = eventRecords()

/** The record as the pipeline takes it: a JSON record through the ingest and extract cores. */
const extracted = (record: EventRecord): ArticleExtractedData => {
  const received = receive(submissionFromRecord("giveme5w1h.jsonl", record, record.id, 5 * 1024 * 1024), record.id, 5 * 1024 * 1024)
  if (received.type !== "ArticleReceived.v1") throw new Error(`ingest rejected ${record.id}: ${received.data.reason}`)
  const outcome = extractArticle(received.data)
  if (outcome.kind !== "extracted") throw new Error(`extract rejected ${record.id}: ${outcome.kind}`)
  return outcome.data
}

const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
const fiveGrams = (text: string): Set<string> => {
  const w = words(text)
  return new Set(w.slice(0, Math.max(0, w.length - 4)).map((_, i) => w.slice(i, i + 5).join(" ")))
}
const jaccard = (a: ReadonlySet<string>, b: ReadonlySet<string>): number => {
  let shared = 0
  for (const x of a) if (b.has(x)) shared++
  return shared / (a.size + b.size - shared || 1)
}

describe.skipIf(records === null)("when the 249 articles of the Giveme5W1H dev events arrive one by one, in file order", () => {
  const all = records ?? []
  const articles = all.flatMap((r) => {
    try {
      return [extracted(r)]
    } catch {
      return []
    }
  })
  const stage = desk()
  const copies = articles.flatMap((a) => stage.process(a)).filter((e) => e.type === "CopyDetected.v1")
  const gold = new Map(all.filter((r) => stage.state.storyOf.has(r.id)).map((r) => [r.id, r.cluster]))

  it("groups them into stories far closer to the labelled events than TF-IDF single link (pairwise F1 0.72, B-cubed 0.85)", () => {
    const scores = clusterScores(gold, stage.state.storyOf)
    expect(gold.size).toBeGreaterThanOrEqual(245)
    expect(scores.f1).toBeGreaterThan(0.85)
    expect(scores.bcubed).toBeGreaterThan(0.9)
  })

  it("marks as a copy every pair sharing half its word 5-grams, and nothing sharing under 30%", () => {
    const texts = new Map(all.map((r) => [r.id, fiveGrams(r.text)]))
    const root = (id: string): string => {
      let x = id
      for (let hops = 0; hops < 100; hops++) {
        const original = stage.state.copyOf.get(x)
        if (original === undefined) return x
        x = original
      }
      return x
    }
    const ids = [...gold.keys()]
    const copyPairs = ids.flatMap((a, i) => ids.slice(i + 1).filter((b) => jaccard(texts.get(a)!, texts.get(b)!) >= 0.5).map((b) => [a, b] as const))
    expect(copyPairs.length).toBeGreaterThanOrEqual(10)
    expect(copyPairs.filter(([a, b]) => root(a) !== root(b))).toEqual([])
    expect(copies.filter((c) => jaccard(texts.get(c.data.articleId)!, texts.get(c.data.originalId)!) < 0.3)).toEqual([])
  })
})
