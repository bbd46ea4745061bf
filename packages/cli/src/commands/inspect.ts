import { Effect } from "effect"
import { failureStands } from "../api/articleStatus.js"
import { EventLog, foldLog, Queues, RedisClient, Settings, STAGES, tryRedis, type QueuesShape, type RecordedEvent } from "@wiredesk/core"
import { readReportCheckpoint } from "@wiredesk/report/worker"
import { evolveWaits, initialWaits, waitSummary } from "../waits.js"

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

/** Counts per stage and of the read models: what an operator looks at first. */
export const statusReport = Effect.gen(function* () {
  const log = yield* EventLog
  const stages = yield* stageJobCounts(yield* Queues)
  const counts = { articles: 0, rejected: 0, failed: 0, copies: 0 }
  const stories = new Set<string>()
  const failedArticles = new Map<string, string>()
  const storyOf = new Map<string, string>()
  const reportCheckpoint = yield* readReportCheckpoint(yield* RedisClient, (yield* Settings).prefix)
  const waits = initialWaits()
  yield* foldLog(log, counts, (c, e) => {
    evolveWaits(waits, e)
    if (e.type === "ArticleReceived.v1") c.articles++
    else if (e.type === "ArticleRejected.v1") c.rejected++
    else if (e.type === "CopyDetected.v1") c.copies++
    else if (e.type === "StageFailed.v1") {
      if (failureStands(e, reportCheckpoint)) failedArticles.set(e.data.articleId, `${e.data.stage}: ${e.data.reason}`)
    } else if (e.type === "ArticleExtracted.v1") failedArticles.delete(e.data.articleId)
    else if (e.type === "StoryAssigned.v3") {
      storyOf.set(e.data.articleId, e.data.storyId)
      failedArticles.delete(e.data.articleId)
    } else if (e.type === "StoriesMerged.v1") for (const [a, s] of storyOf) if (s === e.data.from) storyOf.set(a, e.data.into)
    return c
  })
  for (const s of storyOf.values()) stories.add(s)
  counts.failed = failedArticles.size
  const head = yield* log.head
  return { stages, ...counts, stories: stories.size, events: head, reportCheckpoint, waits: waitSummary(waits), failedArticles: Object.fromEntries(failedArticles) }
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
