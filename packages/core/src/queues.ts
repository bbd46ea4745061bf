import { Queue, type JobsOptions } from "bullmq"
import { Context, Effect, Layer } from "effect"
import { z } from "zod"
import { Settings } from "./config.js"
import { RedisUnavailable } from "./errors.js"
import type { Stage } from "./events.js"
import { keysFor } from "./keys.js"
import { makeRedisClient, quietErrorLog } from "./redis.js"

export const STAGES = ["ingest", "extract", "dedupe", "report"] as const satisfies readonly Stage[]

/** The next stage of the pipeline, or null after the last. */
export const nextStage = (stage: Stage): Stage | null => STAGES[STAGES.indexOf(stage) + 1] ?? null

/** Job data is a reference to the input (an event id, or an inbox entry for ingest), never a copy. */
export const JobData = z.object({ ref: z.string().regex(/^[A-Za-z0-9._-]+$/) })
export type JobData = z.infer<typeof JobData>

/** Job ids derive from the input, so adding the same input twice is a no-op while the job is kept. */
export const jobId = (stage: Stage, ref: string): string => `${stage}-${ref}`

/**
 * A report job only asks for a refresh, and a refresh folds everything recorded before it starts: while one waits,
 * another adds nothing; while one runs, one more is kept to run after it (BullMQ's `keepLastIfActive`), for what is
 * recorded meanwhile. So under load one job serves a burst of articles instead of one job each.
 */
export const REPORT_REFRESH = { id: "refresh", keepLastIfActive: true } as const

export const defaultJobOptions: JobsOptions = {
  attempts: 6,
  backoff: { type: "exponential", delay: 250 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 50_000 },
}

export interface QueuesShape {
  readonly queue: (stage: Stage) => Queue
  readonly enqueue: (stage: Stage, refs: readonly string[]) => Effect.Effect<void, RedisUnavailable>
}

/** The four stage queues of one prefix, closed when the layer's scope ends. */
export class Queues extends Context.Service<Queues, QueuesShape>()("wiredesk/Queues") {
  static readonly layer = Layer.effect(
    Queues,
    Effect.gen(function* () {
      const { redisUrl, prefix } = yield* Settings
      // Once the queues close, a socket error is the closing itself (a command of BullMQ's still being written when the
      // connection quits, in a command that ends within milliseconds): not worth a line on stderr.
      let closing = false
      const log = quietErrorLog("queues")
      const connection = yield* Effect.acquireRelease(
        Effect.sync(() => makeRedisClient(redisUrl, { maxRetriesPerRequest: null }).on("error", (e: Error) => closing || log(e))),
        (c) => Effect.promise(() => c.quit().then(() => undefined, () => c.disconnect())),
      )
      const queues = new Map<Stage, Queue>()
      for (const stage of STAGES) {
        const queue = yield* Effect.acquireRelease(
          Effect.sync(() => new Queue(stage, { connection, prefix: keysFor(prefix).queuePrefix, defaultJobOptions }).on("error", quietErrorLog(`${stage} queue`))),
          (q) => Effect.promise(() => ((closing = true), q.close().catch(() => undefined))),
        )
        queues.set(stage, queue)
      }
      const queue = (stage: Stage) => queues.get(stage)!
      return {
        queue,
        enqueue: (stage, refs) =>
          refs.length === 0
            ? Effect.void
            : Effect.tryPromise({
                // One job (the common hand-off) is one script call; addBulk wraps even one in MULTI/EXEC.
                try: (): Promise<unknown> =>
                  stage === "report"
                    ? queue(stage).add(stage, { ref: refs[refs.length - 1]! }, { jobId: jobId(stage, refs[refs.length - 1]!), deduplication: REPORT_REFRESH })
                    : refs.length === 1
                      ? queue(stage).add(stage, { ref: refs[0]! }, { jobId: jobId(stage, refs[0]!) })
                      : queue(stage).addBulk(refs.map((ref) => ({ name: stage, data: { ref }, opts: { jobId: jobId(stage, ref) } }))),
                catch: (cause) => new RedisUnavailable({ operation: `enqueue ${stage}`, cause }),
              }).pipe(Effect.asVoid),
      }
    }),
  )
}
