import { rmSync } from "node:fs"
import { Redis } from "ioredis"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { keysFor } from "@wiredesk/core"
import { eventually, freePort, killProcess, RedisServer, spawnWiredesk, spawnWorker, tempDir, workerReady, type Spawned, hasRedisServer } from "./harness.js"
import { duplicationProblems, fixtureSubmissions, readLog, reportProblems, settingsFor, submitAll, testRuntime, waitAll } from "./pipeline.js"

/**
 * Injects: SIGTERM to a `wiredesk worker` process while it holds jobs, and SIGTERM after Redis went away.
 * Checks: it exits 0 within the grace period (plus closing), a job it could not finish is handed back and
 * finished by the next worker, nothing is recorded twice; with Redis gone it still exits 0 instead of hanging.
 */
describe.skipIf(!hasRedisServer)("when a worker gets SIGTERM", () => {
  let redis: RedisServer
  let probe: Redis
  const spawned: Spawned[] = []
  beforeAll(async () => {
    redis = await RedisServer.start({ persistence: "off" })
    probe = new Redis(redis.url)
    probe.on("error", () => undefined)
  })
  afterAll(async () => {
    probe.disconnect()
    for (const w of spawned) await killProcess(w, "SIGKILL")
    await redis.stop()
  })

  it("mid-load: stops taking jobs, exits 0 within the grace period, and the next worker finishes everything once", async () => {
    const prefix = "fault-term"
    const reports = tempDir("term")
    const settings = settingsFor(redis.url, prefix, reports)
    const runtime = testRuntime(settings)
    try {
      const first = spawnWorker(redis.url, prefix, reports, { WIREDESK_GRACE_MS: "3000" })
      spawned.push(first)
      await workerReady(first)
      const submissions = fixtureSubmissions(16)
      await submitAll(runtime, submissions)
      await eventually(async () => {
        let n = 0
        for (const stage of ["ingest", "extract", "dedupe", "report"]) n += await probe.llen(`${keysFor(prefix).queuePrefix}:${stage}:active`)
        return n > 0 ? true : undefined
      }, 30_000, "an active job", 5)
      const t0 = Date.now()
      expect(await killProcess(first, "SIGTERM")).toBe(0)
      expect(Date.now() - t0).toBeLessThan(3_000 + 5_000)
      expect(first.output()).toMatch(/SIGTERM, draining[\s\S]*stopped/)

      const second = spawnWorker(redis.url, prefix, reports)
      spawned.push(second)
      await workerReady(second)
      const outcomes = await waitAll(runtime, settings, submissions)
      expect(outcomes.filter((o) => o.outcome !== "done" && o.outcome !== "rejected")).toEqual([])
      const events = await readLog(redis.url, prefix)
      expect(duplicationProblems(events)).toEqual([])
      expect(reportProblems(events, reports)).toEqual([])
    } finally {
      await runtime.dispose()
      rmSync(reports, { recursive: true, force: true })
    }
  }, 120_000)

  it("with Redis gone: worker and API still exit 0, and do not hang", async () => {
    const reports = tempDir("term-gone")
    const worker = spawnWorker(redis.url, "fault-term-gone", reports, { WIREDESK_GRACE_MS: "3000" })
    const port = await freePort()
    const api = spawnWiredesk(["serve", "--port", String(port), "--redis", redis.url, "--prefix", "fault-term-gone", "--reports", reports], { WIREDESK_GRACE_MS: "3000", HOST: "127.0.0.1" })
    spawned.push(worker, api)
    await workerReady(worker)
    await eventually(async () => (api.output().includes("listening on") ? true : undefined), 90_000, "serve start")
    await redis.kill()
    try {
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(503)
      const t0 = Date.now()
      expect(await Promise.all([killProcess(worker, "SIGTERM"), killProcess(api, "SIGTERM")])).toEqual([0, 0])
      expect(Date.now() - t0).toBeLessThan(3_000 + 2_000 + 2_000 + 3_000)
    } finally {
      await redis.start()
      rmSync(reports, { recursive: true, force: true })
    }
  }, 60_000)

  it("while warming up: exits 0 without taking a job", async () => {
    const prefix = "fault-term-warming"
    const reports = tempDir("term-warming")
    const settings = settingsFor(redis.url, prefix, reports)
    const runtime = testRuntime(settings)
    try {
      await submitAll(runtime, fixtureSubmissions(2))
      const worker = spawnWorker(redis.url, prefix, reports, { WIREDESK_GRACE_MS: "3000" })
      spawned.push(worker)
      await eventually(async () => (worker.output().includes("warming up") ? true : undefined), 90_000, "warm-up start")
      expect(await killProcess(worker, "SIGTERM")).toBe(0)
      expect(worker.output()).not.toMatch(/wiredesk worker: ready/)
      expect(worker.output()).toMatch(/wiredesk worker: stopped/)
      expect(await probe.llen(`${keysFor(prefix).queuePrefix}:ingest:wait`)).toBe(2)
    } finally {
      await runtime.dispose()
      rmSync(reports, { recursive: true, force: true })
    }
  }, 120_000)
})
