import { rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import type { Worker } from "bullmq"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Queues, STAGES } from "@wiredesk/core"
import { apiServices, makeApi } from "../api/app.js"
import { guardFrom } from "../api/auth.js"
import type { AppRuntime } from "../runtime.js"
import { startWorkers, stopWorkers } from "../workers.js"
import { eventually, RedisServer, spawnWiredesk, tempDir, hasRedisServer } from "./harness.js"
import { fixtureSubmissions, readLog, settingsFor, submitAll, testRuntime } from "./pipeline.js"

/**
 * Injects: a reports folder that cannot be written (its path is a file): a transient error as far as the
 * pipeline knows; and a job whose input event does not exist: a permanent one.
 * Checks: the transient one is retried with backoff until the last attempt, then recorded as StageFailed and shown
 * as failed by `wiredesk status` and the API; once the folder is fixed, `wiredesk retry` re-queues it and the
 * article is reported. The permanent one fails on its first attempt, with a StageFailed event.
 */
describe.skipIf(!hasRedisServer)("when a stage fails", () => {
  let redis: RedisServer
  let runtime: AppRuntime
  let workers: Worker[]
  const dir = tempDir("retry")
  const reports = join(dir, "reports")
  const prefix = "fault-retry"
  const cli = (...args: string[]) => spawnWiredesk([...args, "--redis", redis.url, "--prefix", prefix, "--reports", reports])

  beforeAll(async () => {
    redis = await RedisServer.start({ persistence: "off" })
    writeFileSync(reports, "not a folder")
    runtime = testRuntime(settingsFor(redis.url, prefix, reports))
    workers = await startWorkers(runtime, settingsFor(redis.url, prefix, reports), STAGES, { lockDuration: 5_000, stalledInterval: 2_000 })
  })
  afterAll(async () => {
    await stopWorkers(workers, 2_000)
    await runtime.dispose()
    await redis.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it("a transient error is retried with backoff, recorded as failed on the last attempt, and `wiredesk retry` finishes it", async () => {
    const submissions = fixtureSubmissions(2)
    await submitAll(runtime, submissions)
    const failures = await eventually(async () => {
      const failed = (await readLog(redis.url, prefix)).filter((e) => e.type === "StageFailed.v1")
      return failed.length > 0 ? failed : undefined
    }, 40_000, "StageFailed")
    expect(failures[0]).toMatchObject({ data: { stage: "report", attempts: 6 } })
    expect(failures[0]!.type === "StageFailed.v1" && failures[0]!.data.reason).toMatch(/ReportStoreFailed/)
    const articleId = failures[0]!.meta.articleId!

    const status = cli("status", "--json")
    expect(await status.exited).toBe(0)
    const counts = JSON.parse(status.output().split("\n").find((l) => l.startsWith("{"))!) as { failed: number; failedArticles: Record<string, string>; stages: Record<string, Record<string, number>> }
    expect(counts.failed).toBeGreaterThan(0)
    expect(counts.failedArticles[articleId]).toMatch(/^report: ReportStoreFailed/)
    expect(counts.stages["report"]!["failed"]).toBeGreaterThan(0)

    const { redis: client, queues } = await runtime.runPromise(apiServices)
    const api = makeApi(runtime, settingsFor(redis.url, prefix, reports), client, queues, { guard: guardFrom("t", false) })
    expect(await (await api.request(`/articles/${articleId}`)).json()).toMatchObject({ status: "failed" })

    rmSync(reports, { force: true })
    const retry = cli("retry")
    expect(await retry.exited).toBe(0)
    expect(retry.output()).toMatch(/re-queued [1-9]\d* failed jobs/)
    await eventually(async () => {
      const body = (await (await api.request(`/articles/${articleId}`)).json()) as { status: string }
      return body.status === "reported" ? true : undefined
    }, 30_000, "reported after retry")
    const storyId = ((await (await api.request(`/articles/${articleId}`)).json()) as { storyId: string }).storyId
    expect((await api.request(`/stories/${storyId}`)).status).toBe(200)
  }, 120_000)

  it("a permanent error is not retried: one attempt, one StageFailed", async () => {
    await runtime.runPromise(
      Effect.gen(function* () {
        yield* (yield* Queues).enqueue("extract", ["ev-does-not-exist"])
      }),
    )
    const failed = await eventually(async () => {
      const e = (await readLog(redis.url, prefix)).find((x) => x.type === "StageFailed.v1" && x.meta.causationId === "ev-does-not-exist")
      return e
    }, 20_000, "StageFailed of the missing input")
    expect(failed).toMatchObject({ data: { stage: "extract", attempts: 1 } })
    const job = await runtime.runPromise(
      Effect.gen(function* () {
        const queues = yield* Queues
        return yield* Effect.promise(() => queues.queue("extract").getJob("extract-ev-does-not-exist"))
      }),
    )
    expect(job?.attemptsMade).toBe(1)
    expect(job?.failedReason).toMatch(/EventNotFound/)
  }, 60_000)
})
