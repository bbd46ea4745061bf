import { rmSync } from "node:fs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { eventually, freePort, killProcess, RedisServer, sleep, spawnWiredesk, spawnWorker, tempDir, type Spawned, hasRedisServer } from "./harness.js"
import { duplicationProblems, fixtureSubmissions, readLog } from "./pipeline.js"

const TOKEN = "pause-token"

/**
 * Runs the exact commands the containers run (`wiredesk serve --port N`, `wiredesk worker`).
 * Injects: SIGSTOP of redis-server for 10 s while articles are in flight, then SIGCONT.
 * Checks: during the pause the API answers 503 within its timeout instead of hanging; afterwards the same
 * processes (no restart) accept and finish every article, nothing recorded twice; SIGTERM then stops both with 0.
 */
describe.skipIf(!hasRedisServer)("when Redis is paused for 10 s", () => {
  let redis: RedisServer
  let api: Spawned
  let worker: Spawned
  let base: string
  const reports = tempDir("pause")
  const prefix = "fault-pause"

  beforeAll(async () => {
    redis = await RedisServer.start({ persistence: "off" })
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    const common = ["--redis", redis.url, "--prefix", prefix, "--reports", reports]
    api = spawnWiredesk(["serve", "--port", String(port), ...common], { WIREDESK_TOKEN: TOKEN, WIREDESK_REDIS_TIMEOUT_MS: "1500", HOST: "127.0.0.1" })
    worker = spawnWorker(redis.url, prefix, reports)
    await eventually(async () => ((await fetch(`${base}/health`)).status === 200 ? true : undefined), 30_000, `serve (${api.output()})`, 200)
    await eventually(async () => (worker.output().includes("wiredesk worker: ready") ? true : undefined), 30_000, "worker start")
  })
  afterAll(async () => {
    redis.resume()
    await killProcess(api, "SIGKILL")
    await killProcess(worker, "SIGKILL")
    await redis.stop()
    rmSync(reports, { recursive: true, force: true })
  })

  const post = (records: unknown) =>
    fetch(`${base}/articles`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" }, body: JSON.stringify(records) })

  it("the API answers 503 during the pause, and API and workers recover without a restart", async () => {
    const articles = fixtureSubmissions(20).map((s) => ({ id: s.requestedId, text: s.body.kind === "text" ? s.body.text : "" }))
    const first = await post(articles.slice(0, 10))
    expect(first.status).toBe(202)
    redis.pause()
    const pausedAt = Date.now()
    try {
      const t0 = Date.now()
      const health = await fetch(`${base}/health`)
      const write = await post(articles.slice(10, 11))
      expect([health.status, write.status]).toEqual([503, 503])
      expect(Date.now() - t0).toBeLessThan(5_000)
      await sleep(Math.max(0, 10_000 - (Date.now() - pausedAt)))
    } finally {
      redis.resume()
    }
    await eventually(async () => ((await fetch(`${base}/health`)).status === 200 ? true : undefined), 20_000, "health after the pause")
    const second = await post(articles.slice(10))
    expect(second.status).toBe(202)
    for (const a of articles)
      await eventually(async () => {
        const body = (await (await fetch(`${base}/articles/${a.id}`)).json()) as { status?: string }
        return body.status === "reported" || body.status === "rejected" ? body.status : undefined
      }, 60_000, `article ${a.id}`, 250)
    expect(duplicationProblems(await readLog(redis.url, prefix))).toEqual([])
    expect(api.child.exitCode).toBeNull()
    expect(worker.child.exitCode).toBeNull()

    const [apiCode, workerCode] = await Promise.all([killProcess(api, "SIGTERM"), killProcess(worker, "SIGTERM")])
    expect([apiCode, workerCode]).toEqual([0, 0])
    expect(api.output()).toMatch(/wiredesk serve: stopped/)
    expect(worker.output()).toMatch(/wiredesk worker: stopped/)
  }, 150_000)
})
