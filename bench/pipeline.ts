import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { monitorEventLoopDelay } from "node:perf_hooks"
import { Effect } from "effect"
import { EventLog, foldLog, keysFor, Queues, RedisClient, resolveSettings, startStageWorker, STAGES, tryRedis, type Stage, type StageHandler, type WiredeskSettings } from "@wiredesk/core"
import { dedupeHandler } from "@wiredesk/dedupe/worker"
import { extractHandler } from "@wiredesk/extract/worker"
import { ingestHandler } from "@wiredesk/ingest/worker"
import { reportHandler } from "@wiredesk/report/worker"
import { submit, type Submission } from "@wiredesk/ingest"
import { makeRuntime, type AppRuntime } from "../packages/cli/src/runtime.js"
import { evolveTracking, initialTracking, outcomeOf, type RunTracking } from "../packages/cli/src/tracker.js"
import { stopWorkers } from "../packages/cli/src/workers.js"
import { CONCURRENCY } from "./bareChain.js"
import { rssSampler } from "./stats.js"

export interface PipelineHarness {
  readonly settings: WiredeskSettings
  readonly runtime: AppRuntime
  /** Folds new events and returns, per submission index not yet done, whether it is finished now. */
  readonly poll: () => Promise<number>
  readonly tracking: RunTracking
  readonly close: () => Promise<void>
}

export type Handlers = Partial<Record<Stage, StageHandler<never>>>

const current: Record<Stage, StageHandler<never>> = {
  ingest: ingestHandler as StageHandler<never>,
  extract: extractHandler as StageHandler<never>,
  dedupe: dedupeHandler as StageHandler<never>,
  report: reportHandler as StageHandler<never>,
}

/**
 * The four wiredesk stage workers in this process, as `wiredesk run` starts them (packages/cli/src/workers.ts),
 * on a fresh prefix and reports folder; `handlers` swaps in other versions of stages for before/after runs.
 */
export const startPipeline = async (prefix: string, handlers: Handlers = {}): Promise<PipelineHarness> => {
  const reports = mkdtempSync(join(tmpdir(), "wiredesk-bench-"))
  const settings = resolveSettings({ prefix, reports })
  const runtime = makeRuntime(settings)
  await runtime.runPromise(
    Effect.gen(function* () {
      const queues = yield* Queues
      yield* Effect.promise(() => queues.queue("report").setGlobalConcurrency(1))
    }),
  )
  const workers = STAGES.map((stage) =>
    startStageWorker(handlers[stage] ?? current[stage], runtime as never, { redisUrl: settings.redisUrl, prefix, concurrency: CONCURRENCY[stage] }),
  )
  const tracking = initialTracking()
  const keys = keysFor(prefix)
  const poll = () =>
    runtime.runPromise(
      Effect.gen(function* () {
        const log = yield* EventLog
        const redis = yield* RedisClient
        yield* foldLog(log, tracking, evolveTracking, { after: tracking.checkpoint })
        return Number((yield* tryRedis("checkpoint", () => redis.get(keys.checkpoint("report")))) ?? 0)
      }),
    )
  return {
    settings,
    runtime,
    poll,
    tracking,
    close: async () => {
      await stopWorkers(workers)
      await runtime.dispose()
      rmSync(reports, { recursive: true, force: true })
    },
  }
}

/** Submits the whole corpus at once and waits until every article's story report is written (or it was rejected). */
export const pipelineThroughput = async (prefix: string, corpus: readonly Submission[], handlers: Handlers = {}) => {
  const h = await startPipeline(prefix, handlers)
  const rss = rssSampler()
  try {
    const t0 = performance.now()
    const cpu0 = process.cpuUsage()
    await h.runtime.runPromise(submit(corpus))
    let outcomes: string[] = []
    for (;;) {
      const checkpoint = await h.poll()
      outcomes = corpus.map((s) => outcomeOf(h.tracking, s, checkpoint).outcome)
      if (outcomes.every((o) => o !== "pending")) break
      if (performance.now() - t0 > 600_000) throw new Error("pipeline throughput run timed out")
      await new Promise((r) => setTimeout(r, 50))
    }
    const seconds = (performance.now() - t0) / 1000
    const cpu = process.cpuUsage(cpu0)
    const count = (o: string) => outcomes.filter((x) => x === o).length
    return {
      seconds,
      perSecond: corpus.length / seconds,
      cpuMsPerArticle: (cpu.user + cpu.system) / 1000 / corpus.length,
      done: count("done"),
      rejected: count("rejected"),
      failed: count("failed"),
      peakRssMb: rss.stop(),
    }
  } finally {
    rss.stop()
    await h.close()
  }
}

/**
 * Offered load: one article every 1000/rate ms; latency is from queuing it to the first poll
 * (every 5 ms) that sees the report checkpoint at or past its StoryAssigned position.
 */
export const pipelineLatency = async (prefix: string, corpus: readonly Submission[], rate: number, handlers: Handlers = {}) => {
  const h = await startPipeline(prefix, handlers)
  const rss = rssSampler()
  const rssAt: number[] = []
  // How long the event loop, shared by all four stages, was blocked by synchronous work.
  const loopDelay = monitorEventLoopDelay({ resolution: 5 })
  loopDelay.enable()
  try {
    const queuedAt = new Array<number>(corpus.length).fill(NaN)
    const doneAt = new Array<number>(corpus.length).fill(NaN)
    const t0 = performance.now()
    let stopped = false
    const submitter = (async () => {
      for (let i = 0; i < corpus.length; i++) {
        const due = t0 + (i * 1000) / rate
        const wait = due - performance.now()
        if (wait > 0) await new Promise((r) => setTimeout(r, wait))
        queuedAt[i] = performance.now()
        await h.runtime.runPromise(submit([corpus[i]!]))
        if (i % Math.max(1, Math.floor(corpus.length / 4)) === 0) rssAt.push(process.memoryUsage().rss)
      }
    })()
    let pending = corpus.length
    while (pending > 0 && !stopped) {
      const checkpoint = await h.poll()
      const now = performance.now()
      pending = 0
      for (let i = 0; i < corpus.length; i++) {
        if (!Number.isNaN(doneAt[i]!)) continue
        if (Number.isNaN(queuedAt[i]!)) {
          pending++
          continue
        }
        const o = outcomeOf(h.tracking, corpus[i]!, checkpoint).outcome
        if (o === "pending") pending++
        else doneAt[i] = now
      }
      if (now - t0 > corpus.length * (1000 / rate) + 120_000) stopped = true
      await new Promise((r) => setTimeout(r, 5))
    }
    await submitter
    rssAt.push(process.memoryUsage().rss)
    const latencies = corpus.map((_, i) => doneAt[i]! - queuedAt[i]!).filter((x) => Number.isFinite(x))
    loopDelay.disable()
    const loopBlockedMs = { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 }
    return { latencies, unfinished: corpus.length - latencies.length, seconds: (performance.now() - t0) / 1000, peakRssMb: rss.stop(), rssMb: rssAt.map((b) => Math.round(b / 1048576)), loopBlockedMs }
  } finally {
    rss.stop()
    await h.close()
  }
}
