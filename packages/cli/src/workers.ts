import type { Worker } from "bullmq"
import { Effect } from "effect"
import { JobData, Queues, quietErrorLog, recordStageFailed, startStageWorker, type Stage, type StageHandler, type WiredeskSettings } from "@wiredesk/core"
import { dedupeHandler } from "@wiredesk/dedupe/worker"
import { extractHandler } from "@wiredesk/extract/worker"
import { ingestHandler } from "@wiredesk/ingest/worker"
import { reportHandler } from "@wiredesk/report/worker"
import type { AppRuntime } from "./runtime.js"

/** The stage handlers a worker runs (the bench's in-process pipeline runs the same). */
export const STAGE_HANDLERS: Record<Stage, StageHandler<never>> = {
  ingest: ingestHandler as StageHandler<never>,
  extract: extractHandler as StageHandler<never>,
  dedupe: dedupeHandler as StageHandler<never>,
  report: reportHandler as StageHandler<never>,
}

/** Per-stage concurrency in one process; dedupe and report serialise inside anyway. */
const concurrency: Record<Stage, number> = { ingest: 8, extract: 4, dedupe: 4, report: 1 }

export interface WorkerTuning {
  readonly lockDuration?: number
  readonly stalledInterval?: number
  readonly maxStalledCount?: number
}

/** Lock and stall intervals from WIREDESK_LOCK_MS, WIREDESK_STALLED_MS and WIREDESK_MAX_STALLED (tests shorten them). */
export const tuningFromEnv = (env: Record<string, string | undefined> = process.env): WorkerTuning => {
  const num = (name: string) => (env[name] !== undefined && Number(env[name]) > 0 ? Number(env[name]) : undefined)
  const tuning = { lockDuration: num("WIREDESK_LOCK_MS"), stalledInterval: num("WIREDESK_STALLED_MS"), maxStalledCount: num("WIREDESK_MAX_STALLED") }
  return Object.fromEntries(Object.entries(tuning).filter(([, v]) => v !== undefined)) as WorkerTuning
}

/** Starts the BullMQ workers of the given stages in this process. */
export const startWorkers = async (runtime: AppRuntime, settings: WiredeskSettings, stages: readonly Stage[], tuning: WorkerTuning = {}): Promise<Worker[]> => {
  // One report writer across all hosts: reports are files, and the last writer must have seen the latest events.
  await runtime.runPromise(
    Effect.gen(function* () {
      const queues = yield* Queues
      yield* Effect.promise(() => queues.queue("report").setGlobalConcurrency(1))
    }),
  )
  return stages.map((stage) => {
    const worker = startStageWorker(STAGE_HANDLERS[stage], runtime as never, {
      redisUrl: settings.redisUrl,
      prefix: settings.prefix,
      concurrency: concurrency[stage],
      ...tuning,
    })
    worker.on("error", quietErrorLog(`${stage} worker`))
    recordStalledFailures(runtime, stage, worker)
    return worker
  })
}

/**
 * A job whose worker died more than maxStalledCount times is failed by BullMQ itself, without running our
 * shell: record the StageFailed here so the article shows as failed instead of pending forever.
 * BullMQ marks such a job when its stalled check finds it and fails it in the worker that takes it next, which
 * emits `failed` there (no event-stream reader needed: one per stage read every job's events, for this one case).
 * The event id is deterministic, so it is recorded once.
 */
const recordStalledFailures = (runtime: AppRuntime, stage: Stage, worker: Worker): void => {
  worker.on("failed", (job, error) => {
    if (job === undefined || !/stalled more than allowable limit/.test(error.message)) return
    const parsed = JobData.safeParse(job.data)
    if (!parsed.success) return
    const record = recordStageFailed(stage, parsed.data.ref, `Stalled: ${error.message}`, job.attemptsMade + job.stalledCounter)
    runtime.runPromise(record.pipe(Effect.ignore) as Effect.Effect<void>).catch(() => undefined)
  })
}

const within = <A>(promise: Promise<A>, ms: number): Promise<A | "timeout"> =>
  Promise.race([promise, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), ms).unref())])

/**
 * Stops taking jobs, lets running ones finish within the grace period, then force-closes. Never hangs,
 * even with Redis gone: a job still running is handed back when its lock expires (stalled-job check).
 */
export const stopWorkers = async (workers: readonly Worker[], graceMs = 10_000): Promise<void> => {
  const closing = Promise.all(workers.map((w) => w.close())).catch(() => undefined)
  if ((await within(closing, graceMs)) === "timeout")
    await within(Promise.all(workers.map((w) => w.close(true))).catch(() => undefined), 2_000)
}
