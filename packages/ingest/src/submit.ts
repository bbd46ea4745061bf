import { Effect } from "effect"
import { EventLog, keysFor, Queues, RedisClient, Settings, tryRedis } from "@wiredesk/core"
import { receivedEventId } from "./ingest.js"
import { submissionRef, type Submission } from "./submission.js"

export interface Submitted {
  readonly ref: string
  readonly input: string
  /** "new": queued for ingest; "duplicate": the same content was already recorded as `articleId`. */
  readonly status: "new" | "duplicate"
  readonly articleId: string | null
}

/** Puts submissions in the inbox and queues them for ingest; content already in the log is reported as a duplicate. */
export const submit = (submissions: readonly Submission[]) =>
  Effect.gen(function* () {
    const log = yield* EventLog
    const redis = yield* RedisClient
    const queues = yield* Queues
    const keys = keysFor((yield* Settings).prefix)
    const results: Submitted[] = []
    const fresh: Submission[] = []
    for (const s of submissions) {
      const recorded = yield* log.byId(receivedEventId(s.contentHash))
      if (recorded !== null) results.push({ ref: submissionRef(s), input: s.input, status: "duplicate", articleId: recorded.meta.articleId })
      else {
        results.push({ ref: submissionRef(s), input: s.input, status: "new", articleId: null })
        fresh.push(s)
      }
    }
    if (fresh.length > 0) {
      const entries = fresh.flatMap((s) => [s.contentHash, JSON.stringify(s)])
      yield* tryRedis("inbox write", () => redis.hset(keys.inbox, ...entries))
      yield* queues.enqueue("ingest", [...new Set(fresh.map(submissionRef))])
    }
    return results
  })
