import { Effect } from "effect"
import { EventLog, foldLog, Queues, RedisClient, Settings, STAGES, tryRedis, type QueuesShape, type RecordedEvent } from "@wiredesk/core"
import { readReportProgress } from "@wiredesk/report/worker"
import { currentStatusCounts, standingFailures } from "../statusFold.js"
import { waitSummary } from "../waits.js"

/** `wiredesk events`: the log, or one article's events, as text or one JSON object per line. */
export const printEvents = (article: string | null, json: boolean, write: (s: string) => void) =>
  Effect.gen(function* () {
    const log = yield* EventLog
    const print = (e: RecordedEvent) => {
      if (json) write(`${JSON.stringify({ type: e.type, data: e.data, meta: e.meta })}\n`)
      else
        write(
          `${String(e.meta.position).padStart(6)}  ${e.meta.recordedAt}  ${e.type.padEnd(20)} ${(e.meta.articleId ?? "-").padEnd(28)} ${e.meta.stageVersion}  ${e.meta.id}\n`,
        )
    }
    if (article !== null) {
      const events = yield* log.readArticle(article)
      if (events.length === 0) write(json ? "" : `no events for article ${article}\n`)
      events.forEach(print)
      return
    }
    yield* foldLog(log, 0, (n, e) => (print(e), n + 1))
  })

/** Jobs per state of every stage queue (completed and failed as the queues' retention keeps them). */
export const stageJobCounts = (queues: QueuesShape) =>
  Effect.gen(function* () {
    const stages: Record<string, Record<string, number>> = {}
    for (const stage of STAGES)
      stages[stage] = yield* tryRedis("counts", () => queues.queue(stage).getJobCounts("waiting", "active", "completed", "failed", "delayed", "prioritized"))
    return stages
  })

/**
 * Counts per stage and of the read models: what an operator looks at first. The counts and the waits of the last 1,000
 * articles are a checkpointed fold (each call folds only what was recorded since the last: see statusFold.ts); stories
 * are as the reports hold them.
 */
export const statusReport = Effect.gen(function* () {
  const stages = yield* stageJobCounts(yield* Queues)
  const counts = yield* currentStatusCounts()
  const report = yield* readReportProgress(yield* RedisClient, (yield* Settings).prefix)
  const failedArticles = standingFailures(counts, report.checkpoint)
  return {
    stages,
    articles: counts.articles,
    rejected: counts.rejected,
    failed: Object.keys(failedArticles).length,
    copies: counts.copies,
    stories: report.stories ?? 0,
    events: counts.position,
    reportCheckpoint: report.checkpoint,
    waits: waitSummary(counts.waits),
    failedArticles,
  }
})

/** Re-queues every failed job of every stage (the job keeps its input reference). */
export const retryFailed = Effect.gen(function* () {
  const queues = yield* Queues
  let retried = 0
  for (const stage of STAGES) {
    const jobs = yield* tryRedis("failed jobs", () => queues.queue(stage).getFailed(0, -1))
    for (const job of jobs) {
      yield* tryRedis("retry", () => job.retry("failed"))
      retried++
    }
  }
  return retried
})
