/**
 * The dedupe and report stage handlers as they were before the performance work (commit 628ed47),
 * kept so the bench can run them beside the current ones in the same process and report the effect.
 */
import { Effect } from "effect"
import { EventLog, InvalidJob, keysFor, RedisClient, requireEvent, Settings, tryRedis, VersionConflict, type ArticleExtracted, type EventLogShape, type RecordedEvent, type StageHandler } from "@wiredesk/core"
import { DEDUPE_VERSION, decideDedupe, type DedupeState } from "@wiredesk/dedupe"
import { catchUp, DEDUPE_STREAM, DedupeIndex, dedupeEvents } from "@wiredesk/dedupe/worker"
import { ReportStore } from "@wiredesk/report"
import { ReportModel, refreshReports, REPORT_VERSION } from "@wiredesk/report/worker"

const decideAndRecord = (log: EventLogShape, state: DedupeState, input: RecordedEvent<ArticleExtracted>) =>
  Effect.gen(function* () {
    for (;;) {
      const version = yield* log.version(DEDUPE_STREAM)
      yield* catchUp(log, state)
      const events = decideDedupe(state, { causationId: input.meta.id, article: input.data })
      if (events.length === 0) return []
      const appended = yield* log.append(dedupeEvents(input, events, version), { stream: DEDUPE_STREAM, version }).pipe(
        Effect.map((a) => a.positions),
        Effect.catchTag("VersionConflict", (_: VersionConflict) => Effect.succeed(null)),
      )
      if (appended !== null) {
        yield* catchUp(log, state)
        return events
      }
    }
  })

export const baselineDedupeHandler: StageHandler<EventLog | DedupeIndex> = {
  stage: "dedupe",
  version: DEDUPE_VERSION,
  handle: (ref) =>
    Effect.gen(function* () {
      const log = yield* EventLog
      const index = yield* DedupeIndex
      const input = yield* requireEvent(log, ref)
      if (input.type !== "ArticleExtracted.v1") return yield* Effect.fail(new InvalidJob({ reason: `${ref} is ${input.type}, not ArticleExtracted` }))
      yield* index.lock.withPermits(1)(decideAndRecord(log, index.state, input))
      return [ref]
    }),
}

export const baselineReportHandler: StageHandler<EventLog | ReportStore | ReportModel | RedisClient | Settings> = {
  stage: "report",
  version: REPORT_VERSION,
  handle: (_ref) =>
    Effect.gen(function* () {
      const log = yield* EventLog
      const store = yield* ReportStore
      const model = yield* ReportModel
      const redis = yield* RedisClient
      const keys = keysFor((yield* Settings).prefix)
      yield* model.lock.withPermits(1)(
        Effect.gen(function* () {
          const checkpoint = yield* refreshReports(log, store, model.projection)
          yield* tryRedis("report checkpoint", () => redis.set(keys.checkpoint("report"), checkpoint))
        }),
      )
      return []
    }),
}
