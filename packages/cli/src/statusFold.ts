/**
 * What `wiredesk status` and `GET /metrics` count from the log: articles received, rejected, copies found, the
 * articles whose last word is a stage failure, and where the most recent articles waited. A fold over the log, kept
 * in Redis as a checkpointed snapshot, so that each call folds only the events recorded since the last one.
 */
import { Effect } from "effect"
import { EventLog, foldLog, keysFor, RedisClient, Settings, tryRedis, type RecordedEvent } from "@wiredesk/core"
import { failureStands } from "./api/articleStatus.js"
import { evolveWaits, initialWaits, WAIT_EVENT_TYPES, WAITS_LOOKBACK, type WaitTracking } from "./waits.js"

/** Bumped when the snapshot's shape or what it counts changes: a snapshot of another version is folded again. */
export const STATUS_FOLD_VERSION = "status@1"

export interface StatusCounts {
  /** The log position folded up to. */
  position: number
  articles: number
  rejected: number
  copies: number
  /** Article -> its last stage failure, while nothing later (an extraction, a story) shows a retry went through. */
  readonly failures: Map<string, { readonly stage: string; readonly reason: string; readonly position: number }>
  /** The most recent articles' stage times (see waits.ts). */
  readonly waits: WaitTracking
}

export const initialStatusCounts = (): StatusCounts => ({ position: 0, articles: 0, rejected: 0, copies: 0, failures: new Map(), waits: initialWaits() })

/** The event types `countStatus` reads: a fold passes the others over undecoded. */
export const COUNTED_EVENT_TYPES: ReadonlySet<string> = new Set(["ArticleReceived.v1", "ArticleRejected.v1", "CopyDetected.v1", "StageFailed.v1", "ArticleExtracted.v1", "StoryAssigned.v3"])
export const STATUS_EVENT_TYPES: ReadonlySet<string> = new Set([...COUNTED_EVENT_TYPES, ...WAIT_EVENT_TYPES])

/** The counts alone (not the waits); events at or before the position folded are passed over. */
export const countStatus = (s: StatusCounts, e: RecordedEvent): StatusCounts => {
  if (e.meta.position <= s.position) return s
  s.position = e.meta.position
  switch (e.type) {
    case "ArticleReceived.v1":
      s.articles++
      break
    case "ArticleRejected.v1":
      s.rejected++
      break
    case "CopyDetected.v1":
      s.copies++
      break
    case "StageFailed.v1":
      s.failures.delete(e.data.articleId)
      s.failures.set(e.data.articleId, { stage: e.data.stage, reason: e.data.reason, position: e.meta.position })
      break
    case "ArticleExtracted.v1":
    case "StoryAssigned.v3":
      s.failures.delete(e.data.articleId)
      break
  }
  return s
}

/** The counts and the waits. */
export const evolveStatus = (s: StatusCounts, e: RecordedEvent): StatusCounts => {
  if (e.meta.position <= s.position) return s
  evolveWaits(s.waits, e)
  return countStatus(s, e)
}

/** Pure: the failures that still stand, given how far the reports are written (a report failure the report stage has read past is over). */
export const standingFailures = (s: StatusCounts, reportCheckpoint: number): Record<string, string> => {
  const standing: Record<string, string> = {}
  for (const [articleId, f] of s.failures) if (failureStands(f, reportCheckpoint)) standing[articleId] = `${f.stage}: ${f.reason}`
  return standing
}

/** Pure: the snapshot as stored. Stories waiting for a report keep only the articles the waits still track. */
export const encodeStatusSnapshot = (s: StatusCounts): string => {
  const tracked = s.waits.articles
  const unreported = [...s.waits.unreported].map(([story, ids]) => [story, ids.filter((id) => tracked.has(id))] as const).filter(([, ids]) => ids.length > 0)
  return JSON.stringify({
    version: STATUS_FOLD_VERSION,
    position: s.position,
    articles: s.articles,
    rejected: s.rejected,
    copies: s.copies,
    failures: [...s.failures],
    waits: { keep: s.waits.keep, articles: [...tracked], unreported },
  })
}

const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0
const isTime = (v: unknown): boolean => v === undefined || typeof v === "number"
const isFailure = (f: unknown): f is [string, { stage: string; reason: string; position: number }] =>
  Array.isArray(f) && typeof f[0] === "string" && typeof f[1]?.stage === "string" && typeof f[1]?.reason === "string" && isCount(f[1]?.position)
const isTimes = (a: unknown): a is [string, { received: number; extracted?: number; assigned?: number; reported?: number }] =>
  Array.isArray(a) && typeof a[0] === "string" && typeof a[1]?.received === "number" && isTime(a[1].extracted) && isTime(a[1].assigned) && isTime(a[1].reported)
const isWaiting = (u: unknown): u is [string, string[]] => Array.isArray(u) && typeof u[0] === "string" && Array.isArray(u[1]) && u[1].every((id) => typeof id === "string")

/** Pure: a stored snapshot read back; anything unreadable (another version, a damaged value) reads as none. */
export const decodeStatusSnapshot = (raw: string | null): StatusCounts | null => {
  if (raw === null) return null
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    return null
  }
  const s = json as Partial<Record<"version" | "position" | "articles" | "rejected" | "copies" | "failures" | "waits", unknown>> | null
  if (typeof s !== "object" || s === null || s.version !== STATUS_FOLD_VERSION) return null
  const { position, articles, rejected, copies, failures } = s
  const waits = s.waits as { keep?: unknown; articles?: unknown; unreported?: unknown } | undefined
  if (!isCount(position) || !isCount(articles) || !isCount(rejected) || !isCount(copies) || !Array.isArray(failures) || !failures.every(isFailure)) return null
  if (typeof waits !== "object" || waits === null || !isCount(waits.keep) || !Array.isArray(waits.articles) || !Array.isArray(waits.unreported)) return null
  if (!waits.articles.every(isTimes) || !waits.unreported.every(isWaiting)) return null
  return {
    position,
    articles,
    rejected,
    copies,
    failures: new Map(failures),
    waits: { keep: waits.keep, articles: new Map(waits.articles), unreported: new Map(waits.unreported) },
  }
}

/** How many log positions a fold of the counts reads between two stored snapshots. */
const SNAPSHOT_EVERY = 10_000

/**
 * The counts up to the log's head: the stored snapshot with the events since it folded in, stored again as it moves
 * (every `every` positions, so a long first fold that is interrupted resumes where it was stopped). The waits
 * are folded from WAITS_LOOKBACK positions before the head only: the first fold of a long log counts its events but
 * does not track where each article waited. With `budgetMs`, it stops at the first stored snapshot after that long
 * and gives the counts as far as they go (`position` says where: below the head while a first fold catches up).
 * Two callers at once may both store theirs: either is the fold of the log up to its position.
 */
export const currentStatusCounts = (budgetMs: number = Number.POSITIVE_INFINITY, every: number = SNAPSHOT_EVERY) =>
  Effect.gen(function* () {
    const started = Date.now()
    const log = yield* EventLog
    const redis = yield* RedisClient
    const key = keysFor((yield* Settings).prefix).checkpoint("status")
    const stored = decodeStatusSnapshot(yield* tryRedis("status snapshot", () => redis.get(key)))
    const head = yield* log.head
    // A snapshot past the head is of a log since deleted and begun again: that one is folded from the start.
    const counts = stored !== null && stored.position <= head ? stored : initialStatusCounts()
    const waitsFrom = head - WAITS_LOOKBACK
    const evolve = (s: StatusCounts, e: RecordedEvent) => (e.meta.position > waitsFrom ? evolveStatus(s, e) : countStatus(s, e))
    for (;;) {
      const from = counts.position
      const { last } = yield* foldLog(log, counts, evolve, { after: from, types: STATUS_EVENT_TYPES, until: from + every })
      counts.position = Math.max(from, last)
      // Nothing new since the stored snapshot: nothing to store again.
      if (counts.position === from && counts === stored) break
      yield* tryRedis("status snapshot", () => redis.set(key, encodeStatusSnapshot(counts)))
      if (counts.position - from < every || Date.now() - started >= budgetMs) break
    }
    return counts
  })
