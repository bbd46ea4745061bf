import { spawn, type ChildProcess } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { monitorEventLoopDelay } from "node:perf_hooks"
import { Effect } from "effect"
import { EventLog, foldLog, keysFor, Queues, RedisClient, resolveSettings, startStageWorker, workerSettings, STAGES, tryRedis, type Stage, type StageHandler, type WiredeskSettings } from "@wiredesk/core"
import { submit, type Submission } from "@wiredesk/ingest"
import { makeRuntime, type AppRuntime } from "../packages/cli/src/runtime.js"
import { evolveTracking, initialTracking, TRACKING_EVENT_TYPES, outcomeOf, type RunTracking } from "../packages/cli/src/tracker.js"
import { STAGE_HANDLERS, stopWorkers } from "../packages/cli/src/workers.js"
import { warmUp } from "../packages/cli/src/warmUp.js"
import { evolveWaits, initialWaits, WAIT_EVENT_TYPES, waitsOf } from "../packages/cli/src/waits.js"
import { CONCURRENCY } from "./bareChain.js"
import { generateStream, repoRoot } from "./corpus.js"
import { redisUrl } from "./redisPrefix.js"
import { processCpuMs, processRssMb, rssSampler } from "./stats.js"
import { stopChildren } from "./processes.js"

export interface PipelineHarness {
  readonly settings: WiredeskSettings
  readonly runtime: AppRuntime
  /** Folds new events and returns, per submission index not yet done, whether it is finished now. */
  readonly poll: () => Promise<number>
  readonly tracking: RunTracking
  /** CPU milliseconds spent so far by this process and the worker processes, if any. */
  readonly cpuMs: () => number
  /** Peak resident memory of the worker processes (this one when they run in it), MB. */
  readonly peakRssMb: () => number
  /** Resident memory now of the largest worker process (this one when they run in it), MB. */
  readonly rssMb: () => number
  readonly close: () => Promise<void>
}

export type Handlers = Partial<Record<Stage, StageHandler<never>>>

const current: Record<Stage, StageHandler<never>> = STAGE_HANDLERS

/**
 * The four wiredesk stage workers in this process, as `wiredesk run` starts them (packages/cli/src/workers.ts),
 * on a fresh prefix and reports folder; `handlers` swaps in other versions of stages for before/after runs.
 */
export const startPipeline = async (prefix: string, handlers: Handlers = {}): Promise<PipelineHarness> => {
  const reports = mkdtempSync(join(tmpdir(), "wiredesk-bench-"))
  const settings = workerSettings(resolveSettings({ prefix, reports }))
  const runtime = makeRuntime(settings)
  await runtime.runPromise(
    Effect.gen(function* () {
      const queues = yield* Queues
      yield* Effect.promise(() => queues.queue("report").setGlobalConcurrency(1))
      // Ready as a long-running worker is: its extraction threads booted and its stages warmed (as `wiredesk worker` does at start).
      yield* warmUp(STAGES)
    }),
  )
  const workers = STAGES.map((stage) =>
    startStageWorker(handlers[stage] ?? current[stage], runtime as never, { redisUrl: settings.redisUrl, prefix, concurrency: CONCURRENCY[stage] }),
  )
  const rss = rssSampler()
  return harness(settings, runtime, reports, {
    cpuMs: () => ownCpuMs(),
    peakRssMb: () => rss.stop(),
    rssMb: () => Math.round(process.memoryUsage().rss / 1048576),
    stop: () => stopWorkers(workers),
  })
}

const ownCpuMs = () => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

/**
 * The pipeline as an operator scales it out: `processes` separate `wiredesk worker` processes against
 * the same Redis and prefix, the first with every stage, the others with the stages that parallelise
 * (ingest and extract: dedupe decides one article at a time and the report writer is global, so more
 * of them add availability, not speed). This process only queues and watches the log.
 */
export const startPipelineProcesses = async (prefix: string, processes: number, env: Record<string, string> = {}, extraNodeArgs: readonly string[] = []): Promise<PipelineHarness> => {
  const reports = mkdtempSync(join(tmpdir(), "wiredesk-bench-"))
  const settings = resolveSettings({ prefix, reports })
  const runtime = makeRuntime(settings)
  const children: ChildProcess[] = []
  for (let i = 0; i < processes; i++) {
    // BENCH_WORKER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the worker processes; BENCH_WORKER_ENTRY
    // runs another entry point (a bundle of the sources, say, whose profile keeps function names and lines).
    const nodeArgs = [...(process.env["BENCH_WORKER_NODE_ARGS"] ?? "").split(" ").filter(Boolean), ...extraNodeArgs]
    // BENCH_STAGES ("report;ingest,extract,dedupe") gives each process its stages instead.
    const stages = process.env["BENCH_STAGES"]?.split(";")[i]
    const stageArgs = stages !== undefined ? ["--stage", stages] : i === 0 ? [] : ["--stage", "ingest,extract"]
    const child = spawn(process.execPath, [...nodeArgs, process.env["BENCH_WORKER_ENTRY"] ?? join(repoRoot, "packages/cli/bin/wiredesk.js"), "worker", "--prefix", prefix, "--reports", reports, ...stageArgs], {
      cwd: repoRoot,
      // Scaled by processes, one per core: no extra extraction threads unless asked for.
      env: { WIREDESK_EXTRACT_THREADS: "0", ...process.env, ...env, REDIS_URL: redisUrl },
      stdio: ["ignore", "ignore", "pipe"],
    })
    children.push(child)
    await new Promise<void>((resolve, reject) => {
      let seen = ""
      child.stderr!.on("data", (chunk: Buffer) => {
        seen += chunk.toString()
        if (seen.includes("wiredesk worker: ready")) resolve()
      })
      child.once("exit", (code) => reject(new Error(`worker process exited (${code}): ${seen.slice(-500)}`)))
    })
  }
  const stop = async () => {
    await stopChildren(children)
  }
  return harness(settings, runtime, reports, {
    cpuMs: () => ownCpuMs() + children.reduce((sum, c) => sum + (c.pid === undefined ? 0 : processCpuMs(c.pid)), 0),
    peakRssMb: () => Math.max(...children.map((c) => (c.pid === undefined ? 0 : processRssMb(c.pid, "VmHWM")))),
    rssMb: () => Math.max(...children.map((c) => (c.pid === undefined ? 0 : processRssMb(c.pid, "VmRSS")))),
    stop,
  })
}

const harness = (
  settings: WiredeskSettings,
  runtime: AppRuntime,
  reports: string,
  workers: { readonly cpuMs: () => number; readonly peakRssMb: () => number; readonly rssMb: () => number; readonly stop: () => Promise<void> },
): PipelineHarness => {
  const tracking = initialTracking()
  const keys = keysFor(settings.prefix)
  const poll = () =>
    runtime.runPromise(
      Effect.gen(function* () {
        const log = yield* EventLog
        const redis = yield* RedisClient
        const { last } = yield* foldLog(log, tracking, evolveTracking, { after: tracking.checkpoint, types: TRACKING_EVENT_TYPES })
        tracking.checkpoint = Math.max(tracking.checkpoint, last)
        return Number((yield* tryRedis("checkpoint", () => redis.get(keys.checkpoint("report")))) ?? 0)
      }),
    )
  return {
    settings,
    runtime,
    poll,
    tracking,
    cpuMs: workers.cpuMs,
    peakRssMb: workers.peakRssMb,
    rssMb: workers.rssMb,
    close: async () => {
      await workers.stop()
      await runtime.dispose()
      rmSync(reports, { recursive: true, force: true })
    },
  }
}

/** Workers in this process (`processes` 0, as `wiredesk run` does) or in that many `wiredesk worker` processes. */
const start = (prefix: string, handlers: Handlers, processes: number) =>
  processes > 0 ? startPipelineProcesses(prefix, processes) : startPipeline(prefix, handlers)

/** Submits the whole corpus at once and waits until every article's story report is written (or it was rejected). */
export const pipelineThroughput = async (prefix: string, corpus: readonly Submission[], handlers: Handlers = {}, processes = 0) => {
  const h = await start(prefix, handlers, processes)
  try {
    const t0 = performance.now()
    const cpu0 = h.cpuMs()
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
    const cpuMs = h.cpuMs() - cpu0
    const count = (o: string) => outcomes.filter((x) => x === o).length
    return {
      seconds,
      perSecond: corpus.length / seconds,
      cpuMsPerArticle: cpuMs / corpus.length,
      done: count("done"),
      rejected: count("rejected"),
      failed: count("failed"),
      peakRssMb: h.peakRssMb(),
    }
  } finally {
    await h.close()
  }
}

/** Where each article's latency went, from the times the log recorded its events (packages/cli/src/waits.ts). */
const stageWaits = Effect.gen(function* () {
  const { state } = yield* foldLog(yield* EventLog, initialWaits(Number.POSITIVE_INFINITY), evolveWaits, { types: WAIT_EVENT_TYPES })
  return waitsOf(state)
})

/**
 * Offered load: one article every 1000/rate ms; latency is from queuing it to the first poll
 * (every 5 ms) that sees the report checkpoint at or past its StoryAssigned position.
 */
export const pipelineLatency = async (prefix: string, corpus: readonly Submission[], rate: number, handlers: Handlers = {}, processes = 0) => {
  const h = await start(prefix, handlers, processes)
  const rssAt: number[] = []
  // How long the event loop, shared by all four stages, was blocked by synchronous work.
  const loopDelay = monitorEventLoopDelay({ resolution: 5 })
  loopDelay.enable()
  try {
    const queuedAt = new Array<number>(corpus.length).fill(NaN)
    const doneAt = new Array<number>(corpus.length).fill(NaN)
    const t0 = performance.now()
    const cpu0 = h.cpuMs()
    let stopped = false
    const submitter = (async () => {
      for (let i = 0; i < corpus.length; i++) {
        const due = t0 + (i * 1000) / rate
        const wait = due - performance.now()
        if (wait > 0) await new Promise((r) => setTimeout(r, wait))
        queuedAt[i] = performance.now()
        await h.runtime.runPromise(submit([corpus[i]!]))
        if (i % Math.max(1, Math.floor(corpus.length / 4)) === 0) rssAt.push(h.rssMb())
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
    rssAt.push(h.rssMb())
    const latencies = corpus.map((_, i) => doneAt[i]! - queuedAt[i]!).filter((x) => Number.isFinite(x))
    loopDelay.disable()
    const loopBlockedMs = { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 }
    const cpuMsPerArticle = (h.cpuMs() - cpu0) / corpus.length
    const stages = await h.runtime.runPromise(stageWaits)
    return { latencies, unfinished: corpus.length - latencies.length, seconds: (performance.now() - t0) / 1000, peakRssMb: h.peakRssMb(), rssMb: rssAt, loopBlockedMs, cpuMsPerArticle, stages }
  } finally {
    await h.close()
  }
}

/**
 * A long run for the worker's memory: one `wiredesk worker` process (all four stages, as an operator starts it) is fed
 * `total` articles of the synthetic stream, at most `inflight` unfinished at a time, and its resident memory is read
 * from /proc every `total / samples` finished articles.
 */
export const pipelineMemory = async (
  prefix: string,
  total: number,
  options: {
    readonly chunk: number
    readonly inflight: number
    readonly samples: number
    readonly env: Record<string, string>
    readonly nodeArgs: readonly string[]
    readonly say: (line: string) => void
  },
) => {
  const h = await startPipelineProcesses(prefix, 1, options.env, options.nodeArgs)
  try {
    const t0 = performance.now()
    const cpu0 = h.cpuMs()
    const samples: { articles: number; rssMb: number; seconds: number }[] = [{ articles: 0, rssMb: h.rssMb(), seconds: 0 }]
    const pending = new Map<number, Submission>()
    const every = Math.max(1, Math.floor(total / options.samples))
    let submitted = 0
    let done = 0
    let rejected = 0
    while (done < total) {
      while (submitted < total && pending.size < options.inflight) {
        const batch = generateStream(submitted, Math.min(options.chunk, total - submitted))
        await h.runtime.runPromise(submit(batch))
        batch.forEach((s, i) => pending.set(submitted + i, s))
        submitted += batch.length
      }
      const checkpoint = await h.poll()
      for (const [i, s] of pending) {
        const o = outcomeOf(h.tracking, s, checkpoint).outcome
        if (o === "pending") continue
        pending.delete(i)
        done++
        if (o !== "done") rejected++
      }
      const seconds = (performance.now() - t0) / 1000
      while (samples.length <= options.samples && done >= samples.length * every) {
        const sample = { articles: samples.length * every, rssMb: h.rssMb(), seconds }
        samples.push(sample)
        options.say(`  ${sample.articles} articles, worker RSS ${sample.rssMb} MB, ${(done / seconds).toFixed(1)}/s`)
      }
      if (seconds > 7_200) throw new Error(`memory run timed out with ${total - done} articles unfinished`)
      await new Promise((r) => setTimeout(r, 200))
    }
    const seconds = (performance.now() - t0) / 1000
    return { samples, peakRssMb: h.peakRssMb(), seconds, perSecond: total / seconds, cpuMsPerArticle: (h.cpuMs() - cpu0) / total, rejected }
  } finally {
    await h.close()
  }
}
