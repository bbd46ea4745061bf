import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { Effect } from "effect"
import { Redis } from "ioredis"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { EventLog, keysFor, resolveSettings, type WiredeskSettings } from "@wiredesk/core"
import { deletePrefix, pending, testPrefix, testRedisUrl } from "@wiredesk/core/testing"
import { statusReport } from "./commands/inspect.js"
import { runOnce } from "./commands/run.js"
import { makeRuntime } from "./runtime.js"
import { currentStatusCounts, decodeStatusSnapshot, encodeStatusSnapshot } from "./statusFold.js"

const seeds = resolve(import.meta.dirname, "../../../fixtures/seeds")

let redisUrl = ""
let redis: Redis
let settings: WiredeskSettings
let reports = ""

beforeAll(async () => {
  redisUrl = await testRedisUrl()
  redis = new Redis(redisUrl)
  reports = await mkdtemp(join(tmpdir(), "wiredesk-status-"))
  settings = resolveSettings({ redis: redisUrl, prefix: testPrefix("status"), reports }, {})
  await runOnce(settings, { paths: [seeds], json: true, timeoutMs: 120_000, startWorkers: true })
}, 180_000)
afterAll(async () => {
  redis.disconnect()
  await deletePrefix(redisUrl, settings.prefix)
  await rm(reports, { recursive: true, force: true })
})

const inRuntime = async <A, E, R>(effect: Effect.Effect<A, E, R>): Promise<A> => {
  const runtime = makeRuntime(settings)
  try {
    return await runtime.runPromise(effect as Effect.Effect<A, E, never>)
  } finally {
    await runtime.dispose()
  }
}
const status = () => inRuntime(statusReport)
const snapshotKey = () => keysFor(settings.prefix).checkpoint("status")
const head = async () => Number(await redis.get(keysFor(settings.prefix).position))

describe("given the five seeds run through the pipeline", () => {
  it("`wiredesk status` counts five articles in one story, no rejections, copies or failures, at the log's head", async () => {
    const s = await status()
    expect(s).toMatchObject({ articles: 5, rejected: 0, copies: 0, failed: 0, stories: 1, events: await head(), failedArticles: {} })
    expect(s.reportCheckpoint).toBeGreaterThan(0)
    expect(s.waits.extract.articles).toBe(5)
    // The run took every job its workers were given before it stopped them: no backlog is left behind.
    for (const counts of Object.values(s.stages)) expect({ waiting: counts["waiting"], active: counts["active"] }).toEqual({ waiting: 0, active: 0 })
  })

  it("keeps its counts as a snapshot at the position it folded to, and folds only what was recorded after it", async () => {
    await status()
    const stored = decodeStatusSnapshot(await redis.get(snapshotKey()))
    expect(stored).toMatchObject({ articles: 5, position: await head() })
    // A snapshot is trusted as the fold up to its position: one that says otherwise is what status reports.
    await redis.set(snapshotKey(), encodeStatusSnapshot({ ...stored!, articles: 1_000 }))
    expect((await status()).articles).toBe(1_000)
    // A failure recorded after the snapshot is folded in from there.
    await inRuntime(Effect.flatMap(EventLog, (log) => log.append([pending({ type: "StageFailed.v1", data: { articleId: "status-late", stage: "extract", reason: "timed out", attempts: 3 } }, "status-late-failure")])))
    const later = await status()
    expect(later).toMatchObject({ articles: 1_000, failed: 1, failedArticles: { "status-late": "extract: timed out" }, events: await head() })
    expect(decodeStatusSnapshot(await redis.get(snapshotKey()))?.position).toBe(await head())
  })

  it("with a time budget, counts a log never counted before a part at a time, storing how far it got", async () => {
    await redis.del(snapshotKey())
    const total = await head()
    expect(total).toBeGreaterThan(10)
    // No time at all: one part of 5 positions, stored; the next call goes on from there.
    expect((await inRuntime(currentStatusCounts(0, 5))).position).toBe(5)
    expect(decodeStatusSnapshot(await redis.get(snapshotKey()))?.position).toBe(5)
    expect((await inRuntime(currentStatusCounts(0, 5))).position).toBe(10)
    // Without a limit it goes to the head, and counts what one fold from zero counts.
    expect(await inRuntime(currentStatusCounts(Number.POSITIVE_INFINITY, 5))).toMatchObject({ position: total, articles: 5, failures: new Map([["status-late", expect.anything()]]) })
  })

  it("folds the log again from zero when the snapshot is unreadable", async () => {
    await redis.set(snapshotKey(), "not a snapshot")
    expect(await status()).toMatchObject({ articles: 5, failed: 1, stories: 1, events: await head() })
    expect(decodeStatusSnapshot(await redis.get(snapshotKey()))).toMatchObject({ articles: 5, position: await head() })
  })
})
