import { Effect } from "effect"
import { EventLog, EventNotFound, InvalidJob, keysFor, RedisClient, Settings, tryRedis, type RedisConnection, type StageHandler } from "@wiredesk/core"
import { INGEST_VERSION, receive, receivedEventId } from "./ingest.js"
import { Submission } from "./submission.js"

const parseSubmission = (raw: string) =>
  Effect.try({
    try: () => Submission.parse(JSON.parse(raw)),
    catch: (e) => new InvalidJob({ reason: `inbox entry does not parse: ${String(e).slice(0, 200)}` }),
  })

/**
 * HSETNX the wanted id, then (in the same round trip) who owns it and whether an article already has events
 * under it (a claim made before the claims hash existed).
 */
const claimArticleId = async (redis: RedisConnection, keys: ReturnType<typeof keysFor>, wanted: string, contentHash: string) => {
  const replies = (await redis.pipeline().hsetnx(keys.articles, wanted, contentHash).hget(keys.articles, wanted).exists(keys.article(wanted)).exec()) ?? []
  for (const [error] of replies) if (error) throw error
  const [claimed, owner, used] = replies.map(([, value]) => value)
  return { claimed: claimed === 1, owner: owner as string | null, used: used === 1 }
}

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
      // Whether the log has it and the inbox entry, in one round trip.
      const [recorded, raw] = yield* Effect.all([log.byId(id), tryRedis("inbox read", () => redis.hget(keys.inbox, contentHash))], { concurrency: 2 })
      if (recorded !== null) {
        // A crash after the append left the inbox entry behind: the log has it, so drop it now.
        yield* tryRedis("inbox delete", () => redis.hdel(keys.inbox, contentHash))
        return recorded.type === "ArticleReceived.v1" ? [id] : []
      }
      if (raw === null) return yield* Effect.fail(new EventNotFound({ eventId: ref }))
      const submission = yield* parseSubmission(raw)
      const wanted = submission.requestedId ?? `a-${contentHash.slice(0, 12)}`
      // Claim the id atomically: two different articles asking for the same id at once must not share it.
      const { claimed, owner, used } = yield* tryRedis("article id claim", () => claimArticleId(redis, keys, wanted, contentHash))
      const taken = owner !== contentHash || (claimed && used)
      const articleId = taken ? `${wanted.slice(0, 100)}-${contentHash.slice(0, 8)}` : wanted
      const event = receive(submission, articleId, settings.maxDocumentBytes)
      yield* log.append([{ event, id, articleId, causationId: ref, correlationId: id, stage: "ingest", stageVersion: INGEST_VERSION }])
      yield* tryRedis("inbox delete", () => redis.hdel(keys.inbox, contentHash))
      return event.type === "ArticleReceived.v1" ? [id] : []
    }),
}
