import { UnrecoverableError, Worker, type Job } from "bullmq"
import { Effect, type ManagedRuntime } from "effect"
import { isRetryable } from "./errors.js"
import { EventLog } from "./eventLog.js"
import type { Stage } from "./events.js"
import { deriveEventId } from "./ids.js"
import { keysFor } from "./keys.js"
import { JobData, nextStage, Queues } from "./queues.js"
import { makeRedisClient } from "./redis.js"

type TaggedError = { readonly _tag: string }

/** A stage: from a reference to its input, record its output events and return the references for the next stage. */
export interface StageHandler<R> {
  readonly stage: Stage
  readonly version: string
  readonly handle: (ref: string) => Effect.Effect<readonly string[], TaggedError, R>
}

export interface StageWorkerOptions {
  readonly redisUrl: string
  readonly prefix: string
  readonly concurrency?: number
  readonly lockDuration?: number
  readonly stalledInterval?: number
  readonly maxStalledCount?: number
}

/** Records that a stage gave up on an input, so the article shows as failed instead of vanishing. */
export const recordStageFailed = (stage: Stage, ref: string, reason: string, attempts: number) =>
  Effect.gen(function* () {
    const log = yield* EventLog
    const input = yield* log.byId(ref).pipe(Effect.orElseSucceed(() => null))
    const articleId = input?.meta.articleId ?? ref.replace(/^[a-z]+-/, "").slice(0, 100)
    const data = { articleId, stage, reason: reason.slice(0, 500), attempts }
    yield* log.append([
      {
        event: { type: "StageFailed.v1", data },
        id: deriveEventId({ type: "StageFailed.v1", causationId: ref, stageVersion: stage, data: { attempts } }),
        articleId,
        causationId: ref,
        correlationId: input?.meta.correlationId ?? null,
        stage,
        stageVersion: "shell",
      },
    ])
  })

/** Runs one job: the handler, then the hand-off to the next stage. Retryable errors throw; permanent ones are recorded. */
export const processJob = <R>(handler: StageHandler<R>, runtime: ManagedRuntime.ManagedRuntime<R | EventLog | Queues, never>) =>
  async (job: Job): Promise<readonly string[]> => {
    const parsed = JobData.safeParse(job.data)
    if (!parsed.success) throw new UnrecoverableError(`invalid job data: ${parsed.error.message}`)
    const { ref } = parsed.data
    const program = handler.handle(ref).pipe(
      Effect.tap((refs) =>
        Effect.gen(function* () {
          const next = nextStage(handler.stage)
          if (next !== null) yield* (yield* Queues).enqueue(next, refs)
        }),
      ),
      Effect.result,
    )
    const result = await runtime.runPromise(program)
    if (result._tag === "Success") return result.success
    const error = result.failure
    const attempts = job.attemptsMade + 1
    const lastAttempt = attempts >= (job.opts.attempts ?? 1)
    const reason = `${error._tag}: ${describe(error)}`
    if (!isRetryable(error) || lastAttempt) {
      await runtime.runPromise(recordStageFailed(handler.stage, ref, reason, attempts).pipe(Effect.ignore))
      if (!isRetryable(error)) throw new UnrecoverableError(reason)
    }
    throw new Error(reason)
  }

const describe = (error: TaggedError): string => {
  const e = error as TaggedError & { cause?: unknown; eventId?: string; reason?: string }
  return String(e.reason ?? e.eventId ?? (e.cause instanceof Error ? e.cause.message : (e.cause ?? "")))
}

/** The thin BullMQ shell around a stage handler. */
export const startStageWorker = <R>(
  handler: StageHandler<R>,
  runtime: ManagedRuntime.ManagedRuntime<R | EventLog | Queues, never>,
  options: StageWorkerOptions,
): Worker => {
  // A template client (a Redis or a Cluster, from the URL): BullMQ duplicates it for the worker's own and
  // blocking connections and closes those; the template is ours to close. No command timeout: BZPOPMIN blocks.
  const connection = makeRedisClient(options.redisUrl, { maxRetriesPerRequest: null, commandTimeout: undefined, lazyConnect: true })
  const worker = new Worker(handler.stage, processJob(handler, runtime), {
    connection,
    prefix: keysFor(options.prefix).queuePrefix,
    concurrency: options.concurrency ?? 4,
    lockDuration: options.lockDuration ?? 30_000,
    stalledInterval: options.stalledInterval ?? 30_000,
    maxStalledCount: options.maxStalledCount ?? 2,
    autorun: true,
  })
  worker.once("closed", () => connection.disconnect())
  return worker
}
