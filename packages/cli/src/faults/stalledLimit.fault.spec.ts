import { rmSync } from "node:fs"
import { Worker } from "bullmq"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { keysFor } from "@wiredesk/core"
import type { AppRuntime } from "../runtime.js"
import { startWorkers, stopWorkers } from "../workers.js"
import { eventually, hasRedisServer, RedisServer, tempDir } from "./harness.js"
import { fixtureSubmissions, readLog, settingsFor, submitAll, testRuntime, waitAll } from "./pipeline.js"

/**
 * Injects: a job whose worker dies more often than maxStalledCount allows (a "poison" article that crashes every
 * worker that takes it), played by a worker that takes the job and never renews its lock.
 * Checks: BullMQ fails the job without running the stage shell, and wiredesk still records StageFailed, so the
 * article shows as failed instead of pending forever.
 */
describe.skipIf(!hasRedisServer)("when a job stalls more often than allowed", () => {
  let redis: RedisServer
  let runtime: AppRuntime
  const workers: Worker[] = []
  const reports = tempDir("stalled")
  const prefix = "fault-stalled"
  const settings = () => settingsFor(redis.url, prefix, reports)

  beforeAll(async () => {
    redis = await RedisServer.start({ persistence: "off" })
    runtime = testRuntime(settings())
  })
  afterAll(async () => {
    await stopWorkers(workers, 1_000)
    await runtime.dispose()
    await redis.stop()
    rmSync(reports, { recursive: true, force: true })
  })

  it("records StageFailed for it", async () => {
    const submissions = fixtureSubmissions(1)
    workers.push(...(await startWorkers(runtime, settings(), ["ingest"])))
    await submitAll(runtime, submissions)
    const dying = new Worker("extract", null, { connection: { url: redis.url }, prefix: keysFor(prefix).queuePrefix, lockDuration: 500, autorun: false })
    workers.push(dying)
    const taken = await eventually(async () => (await dying.getNextJob("dies-holding-it")) ?? undefined, 20_000, "the extract job")
    expect(taken.id).toMatch(/^extract-/)

    workers.push(...(await startWorkers(runtime, settings(), ["extract", "dedupe", "report"], { lockDuration: 500, stalledInterval: 300, maxStalledCount: 0 })))
    const [outcome] = await waitAll(runtime, settings(), submissions, 30_000)
    expect(outcome).toMatchObject({ outcome: "failed" })
    const failed = (await readLog(redis.url, prefix)).filter((e) => e.type === "StageFailed.v1")
    expect(failed).toHaveLength(1)
    expect(failed[0]).toMatchObject({ data: { stage: "extract", reason: expect.stringMatching(/stalled more than allowable limit/) } })
  }, 60_000)
})
