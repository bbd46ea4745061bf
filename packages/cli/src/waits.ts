/**
 * Where articles waited, from the times the log recorded their events (the Redis clock, so every host agrees):
 * extract is ArticleReceived to ArticleExtracted, dedupe is ArticleExtracted to StoryAssigned, report is StoryAssigned
 * to the next ReportWritten of its story. A fold over the log that keeps the most recent articles only.
 */
import type { RecordedEvent } from "@wiredesk/core"

export const WAIT_STAGES = ["extract", "dedupe", "report"] as const
export type WaitStage = (typeof WAIT_STAGES)[number]

interface ArticleTimes {
  received: number
  extracted?: number
  assigned?: number
  reported?: number
}

export interface WaitTracking {
  /** Received articles, oldest first: at most `keep` of them. */
  readonly articles: Map<string, ArticleTimes>
  /** Story -> the articles assigned to it since its last report. */
  readonly unreported: Map<string, string[]>
  readonly keep: number
}

/**
 * How many log positions back a fold of the waits starts when it has folded none yet: enough for the last 1,000
 * articles (an article records four to six events) without reading the whole log.
 */
export const WAITS_LOOKBACK = 20_000

export const initialWaits = (keep = 1_000): WaitTracking => ({ articles: new Map(), unreported: new Map(), keep })

const at = (e: RecordedEvent): number => Date.parse(e.meta.recordedAt)

export const evolveWaits = (t: WaitTracking, e: RecordedEvent): WaitTracking => {
  const article = e.meta.articleId === null ? undefined : t.articles.get(e.meta.articleId)
  switch (e.type) {
    case "ArticleReceived.v1":
      t.articles.set(e.data.articleId, { received: at(e) })
      if (t.articles.size > t.keep) t.articles.delete(t.articles.keys().next().value!)
      break
    case "ArticleExtracted.v1":
      if (article) article.extracted ??= at(e)
      break
    case "StoryAssigned.v3":
      if (article && article.assigned === undefined) {
        article.assigned = at(e)
        t.unreported.set(e.data.storyId, [...(t.unreported.get(e.data.storyId) ?? []), e.data.articleId])
      }
      break
    case "StoriesMerged.v1": {
      // Its articles are reported in the story they were merged into.
      const moved = t.unreported.get(e.data.from) ?? []
      if (moved.length > 0) t.unreported.set(e.data.into, [...(t.unreported.get(e.data.into) ?? []), ...moved])
      t.unreported.delete(e.data.from)
      break
    }
    case "ReportWritten.v2":
      for (const id of t.unreported.get(e.data.storyId) ?? []) {
        const waiting = t.articles.get(id)
        if (waiting) waiting.reported = at(e)
      }
      t.unreported.delete(e.data.storyId)
      break
  }
  return t
}

/** The event types `evolveWaits` reads: a fold can pass the others over undecoded. */
export const WAIT_EVENT_TYPES: ReadonlySet<string> = new Set(["ArticleReceived.v1", "ArticleExtracted.v1", "StoryAssigned.v3", "StoriesMerged.v1", "ReportWritten.v2"])

/** Each stage's waits in milliseconds, one per article that has passed it, oldest article first. */
export const waitsOf = (t: WaitTracking): Record<WaitStage, number[]> => {
  const waits: Record<WaitStage, number[]> = { extract: [], dedupe: [], report: [] }
  for (const a of t.articles.values()) {
    if (a.extracted !== undefined) waits.extract.push(a.extracted - a.received)
    if (a.assigned !== undefined && a.extracted !== undefined) waits.dedupe.push(a.assigned - a.extracted)
    if (a.reported !== undefined && a.assigned !== undefined) waits.report.push(a.reported - a.assigned)
  }
  return waits
}

/** The nearest-rank quantile (q in 0..1) of a list of numbers, or null for none. */
export const quantileOf = (xs: readonly number[], q: number): number | null => {
  if (xs.length === 0) return null
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
}

/** Per stage: how many articles passed it among the recent ones, the median and 99th percentile of their waits, and their sum. */
export const waitSummary = (t: WaitTracking) =>
  Object.fromEntries(
    Object.entries(waitsOf(t)).map(([stage, w]) => [
      stage,
      { articles: w.length, p50Ms: quantileOf(w, 0.5), p99Ms: quantileOf(w, 0.99), sumMs: w.reduce((sum, x) => sum + x, 0) },
    ]),
  ) as Record<WaitStage, { articles: number; p50Ms: number | null; p99Ms: number | null; sumMs: number }>
