import { Queue, Worker } from "bullmq"
import { Redis } from "ioredis"
import { defaultJobOptions, keysFor, STAGES } from "@wiredesk/core"
import type { Submission } from "@wiredesk/ingest"
import { redisUrl } from "./redisPrefix.js"

/** The per-stage concurrency wiredesk's workers use (packages/cli/src/workers.ts), so both chains get the same parallelism. */
export const CONCURRENCY = { ingest: 8, extract: 4, dedupe: 4, report: 1 } as const

/**
 * The overhead floor of a hand-rolled BullMQ pipeline: four queues, processors that do nothing
 * but add the job's payload (the submission, content included) to the next queue.
 */
export const bareChainThroughput = async (prefix: string, corpus: readonly Submission[]) => {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null })
  const queuePrefix = keysFor(prefix).queuePrefix
  const queues = STAGES.map((stage) => new Queue(stage, { connection, prefix: queuePrefix, defaultJobOptions }))
  let finished = 0
  let resolveDone: () => void = () => {}
  const done = new Promise<void>((r) => (resolveDone = r))
  const workers = STAGES.map(
    (stage, i) =>
      new Worker(
        stage,
        async (job) => {
          const next = queues[i + 1]
          if (next) await next.add(STAGES[i + 1]!, job.data, { jobId: `${STAGES[i + 1]}-${job.id}` })
          else if (++finished === corpus.length) resolveDone()
        },
        { connection: { url: redisUrl, maxRetriesPerRequest: null }, prefix: queuePrefix, concurrency: CONCURRENCY[stage] },
      ),
  )
  try {
    await Promise.all(workers.map((w) => w.waitUntilReady()))
    const t0 = performance.now()
    const cpu0 = process.cpuUsage()
    await queues[0]!.addBulk(corpus.map((s, i) => ({ name: "ingest", data: s, opts: { jobId: `b${i}` } })))
    await done
    const seconds = (performance.now() - t0) / 1000
    const cpu = process.cpuUsage(cpu0)
    return { seconds, perSecond: corpus.length / seconds, cpuMsPerArticle: (cpu.user + cpu.system) / 1000 / corpus.length }
  } finally {
    await Promise.all(workers.map((w) => w.close()))
    await Promise.all(queues.map((q) => q.close()))
    connection.disconnect()
  }
}
