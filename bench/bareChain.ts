import { spawn } from "node:child_process"
import { join } from "node:path"
import { Queue, QueueEvents, Worker } from "bullmq"
import { Redis } from "ioredis"
import { defaultJobOptions, keysFor, STAGES } from "@wiredesk/core"
import type { Submission } from "@wiredesk/ingest"
import { repoRoot } from "./corpus.js"
import { redisUrl } from "./redisPrefix.js"
import { processCpuMs } from "./stats.js"
import { stopChildren } from "./processes.js"

/** The per-stage concurrency wiredesk's workers use (packages/cli/src/workers.ts), so both chains get the same parallelism. */
export const CONCURRENCY = { ingest: 8, extract: 4, dedupe: 4, report: 1 } as const

/** The four do-nothing workers: each adds its job's payload to the next queue; `onFinished` runs after the last stage. */
export const bareChainWorkers = (prefix: string, onFinished: () => void) => {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null })
  const queuePrefix = keysFor(prefix).queuePrefix
  const queues = STAGES.map((stage) => new Queue(stage, { connection, prefix: queuePrefix, defaultJobOptions }))
  const workers = STAGES.map(
    (stage, i) =>
      new Worker(
        stage,
        async (job) => {
          const next = queues[i + 1]
          if (next) await next.add(STAGES[i + 1]!, job.data, { jobId: `${STAGES[i + 1]}-${job.id}` })
          else onFinished()
        },
        { connection: { url: redisUrl, maxRetriesPerRequest: null }, prefix: queuePrefix, concurrency: CONCURRENCY[stage] },
      ),
  )
  return {
    queues,
    ready: Promise.all(workers.map((w) => w.waitUntilReady())),
    close: async () => {
      await Promise.all(workers.map((w) => w.close()))
      await Promise.all(queues.map((q) => q.close()))
      connection.disconnect()
    },
  }
}

/**
 * The overhead floor of a hand-rolled BullMQ pipeline: four queues, processors that do nothing
 * but add the job's payload (the submission, content included) to the next queue. With
 * `processes` > 0 the workers run in that many processes of their own, as wiredesk's can.
 */
export const bareChainThroughput = async (prefix: string, corpus: readonly Submission[], processes = 0) => {
  let finished = 0
  let resolveDone: () => void = () => {}
  const done = new Promise<void>((r) => (resolveDone = r))
  const count = () => {
    if (++finished === corpus.length) resolveDone()
  }
  const local = bareChainWorkers(prefix, count)
  const workerProcesses = Array.from({ length: processes }, () =>
    spawn(process.execPath, ["--import", "tsx", join(repoRoot, "bench", "bareChainWorker.ts"), prefix], { cwd: repoRoot, env: { ...process.env, REDIS_URL: redisUrl }, stdio: ["ignore", "pipe", "inherit"] }),
  )
  // With worker processes, this process's own workers stand idle: finishing is seen on the last queue's completions.
  const events = processes > 0 ? new QueueEvents(STAGES[STAGES.length - 1]!, { connection: { url: redisUrl }, prefix: keysFor(prefix).queuePrefix }) : null
  events?.on("completed", count)
  try {
    if (processes > 0) await local.close()
    else await local.ready
    await events?.waitUntilReady()
    await Promise.all(workerProcesses.map((child) => new Promise<void>((resolve) => child.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve()))))
    const cpuNow = () => {
      const { user, system } = process.cpuUsage()
      return (user + system) / 1000 + workerProcesses.reduce((sum, c) => sum + (c.pid === undefined ? 0 : processCpuMs(c.pid)), 0)
    }
    const t0 = performance.now()
    const cpu0 = cpuNow()
    const submitter = new Queue(STAGES[0]!, { connection: { url: redisUrl }, prefix: keysFor(prefix).queuePrefix, defaultJobOptions })
    await submitter.addBulk(corpus.map((s, i) => ({ name: "ingest", data: s, opts: { jobId: `b${i}` } })))
    await done
    const seconds = (performance.now() - t0) / 1000
    const cpuMs = cpuNow() - cpu0
    await submitter.close()
    return { seconds, perSecond: corpus.length / seconds, cpuMsPerArticle: cpuMs / corpus.length }
  } finally {
    await events?.close()
    await stopChildren(workerProcesses)
    if (processes === 0) await local.close()
  }
}
