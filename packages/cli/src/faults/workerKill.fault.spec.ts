import { rmSync } from "node:fs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Redis } from "ioredis"
import { keysFor } from "@wiredesk/core"
import { eventually, killProcess, RedisServer, spawnWorker, tempDir, workerReady, type Spawned, hasRedisServer } from "./harness.js"
import { duplicationProblems, fixtureSubmissions, readLog, reportProblems, settingsFor, submitAll, testRuntime, waitAll } from "./pipeline.js"

/**
 * Injects: SIGKILL of a `wiredesk worker` process while it holds active jobs (once, then twice in a row).
 * Checks: every article still ends reported (or recorded as rejected/failed), no event is recorded twice,
 * and each story's report lists its articles exactly once.
 */
describe.skipIf(!hasRedisServer)("when a worker process is killed with SIGKILL mid-job", () => {
  let redis: RedisServer
  let probe: Redis
  beforeAll(async () => {
    redis = await RedisServer.start({ persistence: "off" })
    probe = new Redis(redis.url)
  })
  afterAll(async () => {
    probe.disconnect()
    await redis.stop()
  })

  const activeJobs = async (prefix: string) => {
    let n = 0
    for (const stage of ["ingest", "extract", "dedupe", "report"]) n += await probe.llen(`${keysFor(prefix).queuePrefix}:${stage}:active`)
    return n
  }

  const scenario = async (kills: number) => {
    const prefix = `fault-kill${kills}-${Date.now()}`
    const reports = tempDir("kill")
    const settings = settingsFor(redis.url, prefix, reports)
    const runtime = testRuntime(settings)
    const workers: Spawned[] = []
    try {
      const submissions = fixtureSubmissions(16)
      let worker = spawnWorker(redis.url, prefix, reports)
      workers.push(worker)
      await workerReady(worker)
      await submitAll(runtime, submissions)
      for (let k = 0; k < kills; k++) {
        await eventually(async () => ((await activeJobs(prefix)) > 0 ? true : undefined), 30_000, "an active job", 5)
        await killProcess(worker, "SIGKILL")
        worker = spawnWorker(redis.url, prefix, reports)
        workers.push(worker)
        await workerReady(worker)
      }
      const outcomes = await waitAll(runtime, settings, submissions)
      const events = await readLog(redis.url, prefix)
      return { outcomes, events, reports, killed: workers.length - 1 }
    } finally {
      for (const w of workers) await killProcess(w, "SIGKILL")
      await runtime.dispose()
    }
  }

  for (const kills of [1, 2]) {
    it(`${kills === 1 ? "once" : "twice"}: every article is reported exactly once and no event is recorded twice`, async () => {
      const { outcomes, events, reports, killed } = await scenario(kills)
      expect(killed).toBe(kills)
      expect(outcomes.filter((o) => o.outcome === "pending")).toEqual([])
      expect(outcomes.every((o) => o.outcome === "done" || o.outcome === "rejected" || o.outcome === "failed")).toBe(true)
      expect(outcomes.filter((o) => o.outcome === "done").length).toBeGreaterThanOrEqual(12)
      expect(duplicationProblems(events)).toEqual([])
      expect(reportProblems(events, reports)).toEqual([])
      rmSync(reports, { recursive: true, force: true })
    }, 120_000)
  }
})
