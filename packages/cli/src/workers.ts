import type { Worker } from "bullmq"
import { Effect } from "effect"
import { Queues, startStageWorker, type Stage, type StageHandler, type WiredeskSettings } from "@wiredesk/core"
import { dedupeHandler } from "@wiredesk/dedupe/worker"
import { extractHandler } from "@wiredesk/extract/worker"
import { ingestHandler } from "@wiredesk/ingest/worker"
import { reportHandler } from "@wiredesk/report/worker"
import type { AppRuntime } from "./runtime.js"

const handlers: Record<Stage, StageHandler<never>> = {
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
  return stages.map((stage) =>
    startStageWorker(handlers[stage], runtime as never, {
      redisUrl: settings.redisUrl,
      prefix: settings.prefix,
      concurrency: concurrency[stage],
      ...tuning,
    }),
  )
}

/** Stops taking jobs, lets running ones finish within the grace period, then closes. */
export const stopWorkers = async (workers: readonly Worker[], graceMs = 10_000): Promise<void> => {
  const closing = Promise.all(workers.map((w) => w.close()))
  const timer = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), graceMs).unref())
  if ((await Promise.race([closing, timer])) === "timeout") await Promise.all(workers.map((w) => w.close(true)))
}
