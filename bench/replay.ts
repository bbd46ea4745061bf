import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { setFlagsFromString } from "node:v8"
import { runInNewContext } from "node:vm"
import { Effect } from "effect"
import { Redis } from "ioredis"
import { EventLog, foldLog, makeRedisEventLog } from "@wiredesk/core"
import { initialDedupeState } from "@wiredesk/dedupe"
import { catchUp, replayDedupe } from "@wiredesk/dedupe/worker"
import { makeFileReportStore } from "@wiredesk/report"
import { rebuildReports, refreshReports } from "@wiredesk/report/worker"
import { replay, replayExtract } from "../packages/cli/src/commands/replay.js"
import type { receiveAndExtract } from "./realArticles.js"
import { logRecorder } from "./recordedLog.js"
import { prefixMemory, redisUrl } from "./redisPrefix.js"

/** Heap in use after a full collection (the bench runs without --expose-gc, so it asks V8 for `gc` itself). */
const settledHeap = (): number => {
  setFlagsFromString("--expose-gc")
  ;(runInNewContext("gc") as () => void)()
  return process.memoryUsage().heapUsed
}

const seconds = async <A>(f: () => Promise<A>): Promise<[A, number]> => {
  const t = performance.now()
  const a = await f()
  return [a, (performance.now() - t) / 1000]
}

/** Bytes of the stored log entries (all their fields) and their number, by event type (read raw, without parsing). */
const entriesByType = async (redis: Redis, prefix: string): Promise<{ bytes: Record<string, number>; count: Record<string, number> }> => {
  const bytes: Record<string, number> = {}
  const count: Record<string, number> = {}
  let from = "-"
  for (;;) {
    const entries = (await redis.xrangeBuffer(`{${prefix}}:log`, from, "+", "COUNT", 2000)) as unknown as [Buffer, Buffer[]][]
    for (const [, fields] of entries) {
      let type = "?"
      let size = 0
      for (let i = 0; i + 1 < fields.length; i += 2) {
        size += fields[i]!.length + fields[i + 1]!.length
        if (fields[i]!.toString() === "y") type = fields[i + 1]!.toString()
      }
      bytes[type] = (bytes[type] ?? 0) + size
      count[type] = (count[type] ?? 0) + 1
    }
    if (entries.length < 2000) return { bytes, count }
    from = `(${entries[entries.length - 1]![0].toString()}`
  }
}

/** The dedupe stage's own events: together they are its index (its state is a fold over them). */
const isDedupeType = (type: string) => /^(StoryAssigned|CopyDetected|StoriesMerged)\./.test(type)

/** Records `articles` articles' events, then times folding, stage replays and a full report rebuild over them. */
export const replayBench = async (prefix: string, real: ReturnType<typeof receiveAndExtract>, articles: number) => {
  const redis = new Redis(redisUrl)
  const reports = mkdtempSync(join(tmpdir(), "wiredesk-bench-replay-"))
  try {
    const record = logRecorder(makeRedisEventLog(redis, prefix), real)
    const [events, recordSeconds] = await seconds(() => record(articles))
    const memory = await prefixMemory(redis, prefix)
    const entries = await entriesByType(redis, prefix)
    const bytesByType = entries.bytes
    const sum = (r: Record<string, number>, keep: (t: string) => boolean = () => true) => Object.entries(r).reduce((n, [t, v]) => n + (keep(t) ? v : 0), 0)
    // The dedupe index's share of the log stream (by bytes of its entries) and of the event-id index (by number of events).
    const dedupeIndexBytes =
      (memory.byFamily["log"] ?? 0) * (sum(entries.bytes, isDedupeType) / sum(entries.bytes)) +
      (memory.byFamily["event-ids"] ?? 0) * (sum(entries.count, isDedupeType) / sum(entries.count))
    const log = makeRedisEventLog(redis, prefix)
    const run = <A, E>(e: Effect.Effect<A, E>) => Effect.runPromise(e as Effect.Effect<A, never>)

    const [, foldSeconds] = await seconds(() => run(foldLog(log, 0, (n) => n + 1)))
    // What a dedupe worker does when it starts: fold its state (the index) from position zero.
    const [, dedupeFoldSeconds] = await seconds(() => run(catchUp(log, initialDedupeState())))
    // The replay command itself (dry run: nothing recorded), over the whole log. Ingest's: every ArticleReceived
    // derived again from its recorded content and compared (ingest's outcome is never re-recorded).
    const ingestLines: string[] = []
    const [, ingestSeconds] = await seconds(() =>
      run(replay({ stage: "ingest", article: null, downstream: false, dryRun: true }, (line) => ingestLines.push(line)).pipe(Effect.provideService(EventLog, log)) as Effect.Effect<void, never>),
    )
    const ingestReplaySummary = ingestLines.at(-1) ?? ""
    const [, extractSeconds] = await seconds(() =>
      run(replayExtract({ stage: "extract", article: null, downstream: false, dryRun: true }, () => undefined).pipe(Effect.provideService(EventLog, log))),
    )
    const [dedupeResult, dedupeSeconds] = await seconds(() => run(replayDedupe(log, { dryRun: true, article: null })))
    const store = makeFileReportStore(reports)
    const rebuildAndRefresh = async () => {
      const [projection, rebuildSeconds] = await seconds(() => run(rebuildReports(log, store)))
      // One more article into an existing story: an incremental refresh should cost one story, not the log.
      const before = projection.state.checkpoint
      await record(1)
      const [, refreshSeconds] = await seconds(() => run(refreshReports(log, store, projection)))
      return { held: { projection: projection as unknown }, stories: projection.summaries.size, before, rebuildSeconds, refreshSeconds }
    }
    const { held, stories, before, rebuildSeconds, refreshSeconds } = await rebuildAndRefresh()
    // What the report worker holds per article: the heap its story projection retains (with it, then without it).
    const withProjection = settledHeap()
    held.projection = null
    const projectionHeapPerArticle = Math.round((withProjection - settledHeap()) / articles)
    return {
      articles,
      events,
      recordSeconds,
      redisBytes: memory.total,
      redisBytesPerArticle: Math.round(memory.total / articles),
      dedupeIndexBytesPerArticle: Math.round(dedupeIndexBytes / articles),
      redisByFamily: memory.byFamily,
      logBytesPerArticleByType: Object.fromEntries(Object.entries(bytesByType).map(([t, b]) => [t, Math.round(b / articles)])),
      foldEventsPerSecond: events / foldSeconds,
      dedupeFoldEventsPerSecond: events / dedupeFoldSeconds,
      ingestReplayEventsPerSecond: events / ingestSeconds,
      ingestReplaySummary,
      extractReplayEventsPerSecond: events / extractSeconds,
      dedupeReplayEventsPerSecond: events / dedupeSeconds,
      dedupeReplaySame: dedupeResult.same,
      dedupeReplayChanged: dedupeResult.changed,
      rebuildSeconds,
      rebuildEventsPerSecond: events / rebuildSeconds,
      stories,
      projectionHeapPerArticle,
      refreshAfterOneMs: refreshSeconds * 1000,
      checkpointBefore: before,
    }
  } finally {
    redis.disconnect()
    rmSync(reports, { recursive: true, force: true })
  }
}
