import { rmSync } from "node:fs"
import { afterEach, describe, expect, it } from "vitest"
import { eventually, killProcess, RedisServer, sleep, spawnWorker, tempDir, workerReady, type Spawned, hasRedisServer } from "./harness.js"
import { duplicationProblems, fixtureSubmissions, readLog, settingsFor, submitAll, testRuntime, waitAll } from "./pipeline.js"

/**
 * Injects: SIGKILL of redis-server while workers are processing, then a restart from the same data dir.
 * Checks: with the append-only file (appendfsync everysec, the compose setting: a process crash keeps every write
 * Redis acknowledged, since it writes the file before replying) every acknowledged submission still ends reported
 * and every event seen before the crash is still in the log; with persistence off, the same crash loses them.
 */
describe.skipIf(!hasRedisServer)("when Redis is killed under load and restarted", () => {
  const cleanup: Array<() => Promise<unknown>> = []
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f().catch(() => undefined)
  })

  const crashUnderLoad = async (persistence: "always" | "everysec" | "off") => {
    const redis = await RedisServer.start({ persistence })
    cleanup.push(() => redis.stop())
    const prefix = `fault-crash-${persistence}`
    const reports = tempDir("crash")
    cleanup.push(async () => rmSync(reports, { recursive: true, force: true }))
    const settings = settingsFor(redis.url, prefix, reports)
    const runtime = testRuntime(settings)
    cleanup.push(() => runtime.dispose())
    const worker: Spawned = spawnWorker(redis.url, prefix, reports)
    cleanup.push(() => killProcess(worker, "SIGKILL"))
    await workerReady(worker, 60_000)
    const submissions = fixtureSubmissions(24)
    const before = submissions.slice(0, 12)
    const after = submissions.slice(12)
    await submitAll(runtime, before)
    // Crash while the pipeline is busy: some events recorded, not all.
    const seen = await eventually(async () => {
      const events = await readLog(redis.url, prefix)
      return events.length >= 10 ? events : undefined
    }, 60_000, () => `ten events (worker: ${worker.output().slice(-300)})`, 20)
    await redis.kill()
    await sleep(1_000)
    await redis.start()
    return { redis, prefix, settings, runtime, worker, seen, before, after }
  }

  it("with the append-only file (everysec, as in compose): no acknowledged article or event is lost, and the workers carry on without a restart", async () => {
    const { redis, prefix, settings, runtime, worker, seen, before, after } = await crashUnderLoad("everysec")
    await submitAll(runtime, after)
    const outcomes = await waitAll(runtime, settings, [...before, ...after], 90_000)
    expect(outcomes.filter((o) => o.outcome !== "done" && o.outcome !== "rejected")).toEqual([])
    const events = await readLog(redis.url, prefix)
    const ids = new Set(events.map((e) => e.meta.id))
    expect(seen.filter((e) => !ids.has(e.meta.id)).map((e) => e.meta.id)).toEqual([])
    expect(duplicationProblems(events)).toEqual([])
    expect(worker.child.exitCode).toBeNull()
  }, 150_000)

  it("with persistence off: the same crash loses the recorded events (why compose turns appendonly on)", async () => {
    const { redis, prefix, seen } = await crashUnderLoad("off")
    const events = await readLog(redis.url, prefix)
    const ids = new Set(events.map((e) => e.meta.id))
    const lost = seen.filter((e) => !ids.has(e.meta.id))
    expect(lost.length).toBe(seen.length)
  }, 120_000)
})
