import { rmSync } from "node:fs"
import type { Worker } from "bullmq"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { STAGES } from "@wiredesk/core"
import type { AppRuntime } from "../runtime.js"
import { startWorkers, stopWorkers } from "../workers.js"
import { hasRedisServer, RedisServer, tempDir } from "./harness.js"
import { duplicationProblems, fixtureSubmissions, readLog, reportProblems, settingsFor, submitAll, testRuntime, waitAll } from "./pipeline.js"

/**
 * Injects: twenty different articles that all ask for the same id, ingested by three sets of workers at once
 * (as with `--scale worker=3`).
 * Checks: twenty distinct article ids, each with its own single set of events and its own place in a report;
 * before the id claim in ingest, concurrent ingests could give two articles the same id and merge them.
 */
describe.skipIf(!hasRedisServer)("when different articles ask for the same id at once", () => {
  let redis: RedisServer
  const reports = tempDir("ids")
  const runtimes: AppRuntime[] = []
  const workers: Worker[] = []
  const prefix = "fault-ids"

  beforeAll(async () => {
    redis = await RedisServer.start({ persistence: "off" })
    for (let i = 0; i < 3; i++) {
      const runtime = testRuntime(settingsFor(redis.url, prefix, reports))
      runtimes.push(runtime)
      workers.push(...(await startWorkers(runtime, settingsFor(redis.url, prefix, reports), STAGES)))
    }
  })
  afterAll(async () => {
    await stopWorkers(workers, 2_000)
    for (const r of runtimes) await r.dispose()
    await redis.stop()
    rmSync(reports, { recursive: true, force: true })
  })

  it("gives each its own id", async () => {
    const submissions = fixtureSubmissions(20).map((s) => ({ ...s, requestedId: "same" }))
    await submitAll(runtimes[0]!, submissions)
    const outcomes = await waitAll(runtimes[0]!, settingsFor(redis.url, prefix, reports), submissions)
    expect(outcomes.every((o) => o.outcome === "done")).toBe(true)
    expect(new Set(outcomes.map((o) => o.articleId)).size).toBe(20)
    expect(outcomes.filter((o) => o.articleId === "same")).toHaveLength(1)
    const events = await readLog(redis.url, prefix)
    expect(duplicationProblems(events)).toEqual([])
    expect(reportProblems(events, reports)).toEqual([])
  }, 60_000)
})
