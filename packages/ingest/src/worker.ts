import { Effect } from "effect"
import { EventLog, EventNotFound, InvalidJob, keysFor, RedisClient, Settings, tryRedis, type StageHandler } from "@wiredesk/core"
import { INGEST_VERSION, receive, receivedEventId } from "./ingest.js"
import { Submission } from "./submission.js"

const parseSubmission = (raw: string) =>
  Effect.try({
    try: () => Submission.parse(JSON.parse(raw)),
    catch: (e) => new InvalidJob({ reason: `inbox entry does not parse: ${String(e).slice(0, 200)}` }),
  })

/** Ingest: an inbox entry to ArticleReceived (or ArticleRejected), recorded once per content hash. */
export const ingestHandler: StageHandler<EventLog | RedisClient | Settings> = {
  stage: "ingest",
  version: INGEST_VERSION,
  handle: (ref) =>
    Effect.gen(function* () {
      const log = yield* EventLog
      const redis = yield* RedisClient
      const settings = yield* Settings
      const keys = keysFor(settings.prefix)
      const contentHash = ref.replace(/^sub-/, "")
      const id = receivedEventId(contentHash)
      const recorded = yield* log.byId(id)
      if (recorded !== null) {
        // A crash after the append left the inbox entry behind: the log has it, so drop it now.
        yield* tryRedis("inbox delete", () => redis.hdel(keys.inbox, contentHash))
        return recorded.type === "ArticleReceived.v1" ? [id] : []
      }
      const raw = yield* tryRedis("inbox read", () => redis.hget(keys.inbox, contentHash))
      if (raw === null) return yield* Effect.fail(new EventNotFound({ eventId: ref }))
      const submission = yield* parseSubmission(raw)
      const wanted = submission.requestedId ?? `a-${contentHash.slice(0, 12)}`
      // Claim the id atomically: two different articles asking for the same id at once must not share it.
      const claimed = yield* tryRedis("article id claim", () => redis.hsetnx(keys.articles, wanted, contentHash))
      const owner = claimed === 1 ? contentHash : yield* tryRedis("article id owner", () => redis.hget(keys.articles, wanted))
      const taken = owner !== contentHash || (claimed === 1 && (yield* tryRedis("article id check", () => redis.exists(keys.article(wanted)))) === 1)
      const articleId = taken ? `${wanted.slice(0, 100)}-${contentHash.slice(0, 8)}` : wanted
      const event = receive(submission, articleId, settings.maxDocumentBytes)
      yield* log.append([{ event, id, articleId, causationId: ref, correlationId: id, stage: "ingest", stageVersion: INGEST_VERSION }])
      yield* tryRedis("inbox delete", () => redis.hdel(keys.inbox, contentHash))
      return event.type === "ArticleReceived.v1" ? [id] : []
    }),
}
