import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect } from "effect"
import { Redis } from "ioredis"
import { foldLog, isType, makeRedisEventLog, type RecordedEvent } from "@wiredesk/core"
import { replayDedupe } from "@wiredesk/dedupe/worker"
import { extractArticle } from "@wiredesk/extract"
import { extractEvents } from "@wiredesk/extract/worker"
import { makeFileReportStore } from "@wiredesk/report"
import { rebuildReports, refreshReports } from "@wiredesk/report/worker"
import type { receiveAndExtract } from "./realArticles.js"
import { logRecorder } from "./recordedLog.js"
import { prefixMemory, redisUrl } from "./redisPrefix.js"

const seconds = async <A>(f: () => Promise<A>): Promise<[A, number]> => {
  const t = performance.now()
  const a = await f()
  return [a, (performance.now() - t) / 1000]
}

/** Bytes of the stored event bodies, by event type (read raw, without parsing). */
const entryBytesByType = async (redis: Redis, prefix: string): Promise<Record<string, number>> => {
  const out: Record<string, number> = {}
  let from = "-"
  for (;;) {
    const entries = (await redis.xrange(`{${prefix}}:log`, from, "+", "COUNT", 2000)) as [string, string[]][]
    for (const [, fields] of entries) {
      const body = fields[1] ?? ""
      const type = /^\{"type":"([^"]+)"/.exec(body)?.[1] ?? "?"
      out[type] = (out[type] ?? 0) + Buffer.byteLength(body)
    }
    if (entries.length < 2000) return out
    from = `(${entries[entries.length - 1]![0]}`
  }
}

/** Records `articles` articles' events, then times folding, stage replays and a full report rebuild over them. */
export const replayBench = async (prefix: string, real: ReturnType<typeof receiveAndExtract>, articles: number) => {
  const redis = new Redis(redisUrl)
  const reports = mkdtempSync(join(tmpdir(), "wiredesk-bench-replay-"))
  try {
    const record = logRecorder(redis, prefix, real)
    const [events, recordSeconds] = await seconds(() => record(articles))
    const memory = await prefixMemory(redis, prefix)
    const bytesByType = await entryBytesByType(redis, prefix)
    const log = makeRedisEventLog(redis, prefix)
    const run = <A, E>(e: Effect.Effect<A, E>) => Effect.runPromise(e as Effect.Effect<A, never>)

    const [, foldSeconds] = await seconds(() => run(foldLog(log, 0, (n) => n + 1)))
    const [extractCount, extractSeconds] = await seconds(() =>
      run(
        foldLog(log, 0, (n, e: RecordedEvent) => {
          if (isType("ArticleReceived.v1")(e)) extractEvents(e.meta, extractArticle(e.data), e.data.articleId)
          return n + 1
        }),
      ),
    )
    const [dedupeResult, dedupeSeconds] = await seconds(() => run(replayDedupe(log, { dryRun: true, article: null })))
    const store = makeFileReportStore(reports)
    const [projection, rebuildSeconds] = await seconds(() => run(rebuildReports(log, store)))
    const stories = projection.summaries.size

    // One more article into an existing story: an incremental refresh should cost one story, not the log.
    const before = projection.state.checkpoint
    await record(1)
    const [, refreshSeconds] = await seconds(() => run(refreshReports(log, store, projection)))
    return {
      articles,
      events,
      recordSeconds,
      redisBytes: memory.total,
      redisBytesPerArticle: Math.round(memory.total / articles),
      redisByFamily: memory.byFamily,
      logBytesPerArticleByType: Object.fromEntries(Object.entries(bytesByType).map(([t, b]) => [t, Math.round(b / articles)])),
      foldEventsPerSecond: events / foldSeconds,
      extractReplayEventsPerSecond: extractCount.state / extractSeconds,
      dedupeReplayEventsPerSecond: events / dedupeSeconds,
      dedupeReplaySame: dedupeResult.same,
      dedupeReplayChanged: dedupeResult.changed,
      rebuildSeconds,
      rebuildEventsPerSecond: events / rebuildSeconds,
      stories,
      refreshAfterOneMs: refreshSeconds * 1000,
      checkpointBefore: before,
    }
  } finally {
    redis.disconnect()
    rmSync(reports, { recursive: true, force: true })
  }
}
