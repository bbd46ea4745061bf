import { rmSync } from "node:fs"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Worker } from "bullmq"
import { Redis } from "ioredis"
import { keysFor, Queues, STAGES, type Stage, type StageHandler } from "@wiredesk/core"
import { dedupeHandler } from "@wiredesk/dedupe/worker"
import { extractHandler } from "@wiredesk/extract/worker"
import { submissionRef } from "@wiredesk/ingest"
import { ingestHandler } from "@wiredesk/ingest/worker"
import { reportHandler } from "@wiredesk/report/worker"
import type { AppRuntime } from "../runtime.js"
import { startWorkers, stopWorkers } from "../workers.js"
import { eventually, RedisServer, tempDir, hasRedisServer } from "./harness.js"
import { duplicationProblems, fixtureSubmissions, readLog, settingsFor, submitAll, testRuntime, waitAll } from "./pipeline.js"

const handlers: Record<Stage, StageHandler<never>> = {
  ingest: ingestHandler as StageHandler<never>,
  extract: extractHandler as StageHandler<never>,
  dedupe: dedupeHandler as StageHandler<never>,
  report: reportHandler as StageHandler<never>,
}

describe.skipIf(!hasRedisServer)("when jobs run again", () => {
  let redis: RedisServer
  let reports: string
  const prefix = "fault-rerun"
  let runtime: AppRuntime
  let workers: Worker[]
  const settings = () => settingsFor(redis.url, prefix, reports)

  beforeAll(async () => {
    redis = await RedisServer.start({ persistence: "off" })
    reports = tempDir("rerun")
    runtime = testRuntime(settings())
    workers = await startWorkers(runtime, settings(), STAGES, { lockDuration: 2_000, stalledInterval: 1_000 })
  })
  afterAll(async () => {
    await stopWorkers(workers, 2_000)
    await runtime.dispose()
    await redis.stop()
    rmSync(reports, { recursive: true, force: true })
  })

  const drained = () =>
    eventually(
      () =>
        runtime.runPromise(
          Effect.gen(function* () {
            const queues = yield* Queues
            for (const stage of STAGES) {
              const c = yield* Effect.promise(() => queues.queue(stage).getJobCounts("waiting", "active", "delayed", "prioritized"))
              if (Object.values(c).some((n) => n > 0)) return undefined
            }
            return true
          }),
        ),
      30_000,
      "empty queues",
    )

  /**
   * Injects: the re-run a crash between "event appended" and "job completed" causes, twice over: each stage's
   * handler called again on its recorded input, and every job added again under a fresh job id.
   * Checks: the log does not grow.
   */
  it("after a crash between appending and completing: the re-run records nothing new", async () => {
    const submissions = fixtureSubmissions(8)
    await submitAll(runtime, submissions)
    expect((await waitAll(runtime, settings(), submissions)).every((o) => o.outcome === "done")).toBe(true)
    await drained()
    const recorded = await readLog(redis.url, prefix)
    const inputs: Record<Stage, string[]> = {
      ingest: submissions.map(submissionRef),
      extract: recorded.filter((e) => e.type === "ArticleReceived.v1").map((e) => e.meta.id),
      dedupe: recorded.filter((e) => e.type === "ArticleExtracted.v1").map((e) => e.meta.id),
      report: recorded.filter((e) => e.type === "ArticleExtracted.v1").map((e) => e.meta.id),
    }
    // The crash came after the append and before the inbox entry was dropped: put the entries back.
    const inbox = keysFor(prefix).inbox
    const probe = new Redis(redis.url)
    try {
      await probe.hset(inbox, ...submissions.flatMap((s) => [s.contentHash, JSON.stringify(s)]))
      for (const stage of STAGES)
        for (const ref of inputs[stage]) await runtime.runPromise(handlers[stage].handle(ref) as Effect.Effect<readonly string[], unknown, never>)
      expect(await probe.hlen(inbox)).toBe(0)
    } finally {
      probe.disconnect()
    }
    expect((await readLog(redis.url, prefix)).length).toBe(recorded.length)

    await runtime.runPromise(
      Effect.gen(function* () {
        const queues = yield* Queues
        for (const stage of STAGES)
          yield* Effect.promise(() => queues.queue(stage).addBulk(inputs[stage].map((ref) => ({ name: stage, data: { ref }, opts: { jobId: `again-${stage}-${ref}` } }))))
      }),
    )
    await drained()
    const after = await readLog(redis.url, prefix)
    expect(after.length).toBe(recorded.length)
    expect(duplicationProblems(after)).toEqual([])
  }, 90_000)

  /**
   * Injects: one article submitted five times concurrently, then again after it completed.
   * Checks: one article, one set of events; the late resubmission is reported as a duplicate of it.
   */
  it("the same article five times at once, and again later: one article, one set of events", async () => {
    const [article] = fixtureSubmissions(9).slice(8)
    const at = await Promise.all(Array.from({ length: 5 }, () => submitAll(runtime, [article!])))
    expect(new Set(at.map(([r]) => r!.ref)).size).toBe(1)
    const [outcome] = await waitAll(runtime, settings(), [article!])
    expect(outcome!.outcome).toBe("done")
    await drained()
    const before = await readLog(redis.url, prefix)
    const mine = before.filter((e) => e.meta.articleId === outcome!.articleId)
    expect(mine.filter((e) => e.type === "ArticleReceived.v1")).toHaveLength(1)
    expect(mine.filter((e) => e.type === "ArticleExtracted.v1")).toHaveLength(1)
    expect(mine.filter((e) => e.type === "StoryAssigned.v3")).toHaveLength(1)

    const [late] = await submitAll(runtime, [article!])
    expect(late).toMatchObject({ status: "duplicate", articleId: outcome!.articleId })
    await drained()
    const after = await readLog(redis.url, prefix)
    expect(after.length).toBe(before.length)
    expect(duplicationProblems(after)).toEqual([])
  }, 60_000)
})
