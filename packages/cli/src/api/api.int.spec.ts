import { readFileSync, rmSync } from "node:fs"
import type { Worker } from "bullmq"
import type { Hono } from "hono"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { STAGES } from "@wiredesk/core"
import { eventually, RedisServer, tempDir, hasRedisServer } from "../faults/harness.js"
import { FIXTURE, duplicationProblems, readLog, settingsFor, testRuntime } from "../faults/pipeline.js"
import { markdownProblems } from "../faults/badInputs.js"
import type { AppRuntime } from "../runtime.js"
import { startWorkers, stopWorkers } from "../workers.js"
import { apiServices, makeApi } from "./app.js"
import { guardFrom } from "./auth.js"

type Body = NonNullable<RequestInit["body"]>
const TOKEN = "test-token"
const auth = { authorization: `Bearer ${TOKEN}` }
const json = (body: unknown) => ({ method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) })
const fixture = readFileSync(FIXTURE, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, string>)

describe.skipIf(!hasRedisServer)("the HTTP API", () => {
  let redis: RedisServer
  let runtime: AppRuntime
  let workers: Worker[]
  let app: Hono
  const reports = tempDir("api")
  const prefix = "api-int"

  beforeAll(async () => {
    redis = await RedisServer.start({ persistence: "always" })
    const settings = { ...settingsFor(redis.url, prefix, reports), maxDocumentBytes: 1024 * 1024 }
    runtime = testRuntime(settings)
    workers = await startWorkers(runtime, settings, STAGES, { lockDuration: 2_000, stalledInterval: 1_000 })
    const { redis: client, queues } = await runtime.runPromise(apiServices)
    app = makeApi(runtime, settings, client, queues, { guard: guardFrom(TOKEN, false), redisTimeoutMs: 1_000 })
  })
  afterAll(async () => {
    await stopWorkers(workers, 2_000)
    await runtime.dispose()
    await redis.stop()
    rmSync(reports, { recursive: true, force: true })
  })

  const finished = (location: string) =>
    eventually(async () => {
      const body = (await (await app.request(location)).json()) as { status: string }
      return ["reported", "rejected", "failed"].includes(body.status) ? body : undefined
    }, 30_000, `${location} to finish`)

  describe("when no token is configured", () => {
    it("refuses writes with 401 and says how to open them", async () => {
      const { redis: client, queues } = await runtime.runPromise(apiServices)
      const closed = makeApi(runtime, settingsFor(redis.url, prefix, reports), client, queues, { guard: guardFrom(undefined, false) })
      const res = await closed.request("/articles", json({ text: "x" }))
      expect(res.status).toBe(401)
      expect(((await res.json()) as { error: string }).error).toMatch(/WIREDESK_TOKEN/)
      expect((await closed.request("/dashboard")).status).toBe(401)
    })
  })

  describe("when a token is configured", () => {
    it("refuses a write without it or with a wrong one", async () => {
      expect((await app.request("/articles", { method: "POST", body: "{}", headers: { "content-type": "application/json" } })).status).toBe(401)
      expect((await app.request("/articles", { method: "POST", body: "{}", headers: { "content-type": "application/json", authorization: "Bearer nope" } })).status).toBe(401)
    })
  })

  it("accepts one record, a list, {articles}, and a text body; each article is reported and readable by id", async () => {
    const [a, b, c, d] = fixture
    const one = await app.request("/articles", json({ id: "api-one", title: a!["title"], text: a!["text"], date: a!["date"] }))
    expect(one.status).toBe(202)
    const list = await app.request("/articles", json([{ id: "api-two", text: b!["text"] }, { id: "api-three", text: c!["text"] }]))
    const wrapped = await app.request("/articles", json({ articles: [{ id: "api-four", text: d!["text"], source: "x" }] }))
    const text = await app.request("/articles?id=api-five", { method: "POST", headers: { ...auth, "content-type": "text/plain; charset=utf-8" }, body: fixture[4]!["text"] })
    const accepted = [one, list, wrapped, text]
    for (const r of accepted) expect(r.status).toBe(202)
    const bodies = (await Promise.all(accepted.map((r) => r.json()))) as Array<{ articles: Array<{ ref: string; status: string; requestedId: string; location: string }> }>
    const articles = bodies.flatMap((x) => x.articles)
    expect(articles.map((x) => [x.status, x.requestedId])).toEqual([
      ["new", "api-one"],
      ["new", "api-two"],
      ["new", "api-three"],
      ["new", "api-four"],
      ["new", "api-five"],
    ])
    for (const x of articles) expect(await finished(x.location)).toMatchObject({ status: "reported", articleId: x.requestedId })
    const byId = (await (await app.request("/articles/api-one")).json()) as { status: string; storyId: string; events: Array<{ type: string }> }
    expect(byId.status).toBe("reported")
    expect(byId.events.map((e) => e.type)).toEqual(expect.arrayContaining(["ArticleReceived.v1", "ArticleExtracted.v1", "StoryAssigned.v3"]))

    const stories = (await (await app.request("/stories")).json()) as { stories: Array<{ storyId: string; articleIds: string[]; report: string }> }
    const story = stories.stories.find((s) => s.articleIds.includes("api-one"))!
    expect(story).toBeDefined()
    const report = await app.request(story.report)
    expect(report.status).toBe(200)
    expect(report.headers.get("content-type")).toMatch(/text\/markdown/)
    expect(await report.text()).toMatch(/^# /)
    expect((await app.request("/stories/no-such-story")).status).toBe(404)
    expect((await app.request("/articles/no-such-article")).status).toBe(404)
    expect((await app.request("/articles/bad%20id")).status).toBe(400)

    // A later article: the same process's story list (updated for what changed) is the list a fresh process folds.
    const later = await app.request("/articles", json({ id: "api-six", title: a!["title"], text: `${a!["text"]}\n\nThis report was updated.`, date: a!["date"] }))
    for (const x of ((await later.json()) as { articles: Array<{ location: string }> }).articles) await finished(x.location)
    const { redis: client, queues } = await runtime.runPromise(apiServices)
    const fresh = makeApi(runtime, settingsFor(redis.url, prefix, reports), client, queues, { guard: guardFrom(TOKEN, false) })
    const listed = async (api: Hono) => ((await (await api.request("/stories")).json()) as { stories: Array<{ storyId: string; articleIds: string[] }> }).stories
    const updated = await listed(app)
    expect(updated.find((s) => s.articleIds.includes("api-six"))?.articleIds).toEqual(expect.arrayContaining(["api-one", "api-six"]))
    expect(updated).toEqual(await listed(fresh))

    // The list pages, newest first, and says how many stories there are.
    type Page = { stories: Array<{ storyId: string }>; total: number; offset: number; limit: number }
    const page = async (query: string) => (await (await app.request(`/stories?${query}`)).json()) as Page
    expect(await page("offset=0&limit=1")).toMatchObject({ stories: [{ storyId: updated[0]!.storyId }], total: updated.length, offset: 0, limit: 1 })
    expect((await page(`offset=${updated.length - 1}&limit=5`)).stories.map((s) => s.storyId)).toEqual([updated[updated.length - 1]!.storyId])
    for (const bad of ["limit=0", "limit=10001", "offset=-1", "limit=ten"]) expect((await app.request(`/stories?${bad}`)).status).toBe(400)
  }, 60_000)

  it("exposes the queues, the reports' lag and where recent articles waited as Prometheus metrics", async () => {
    const response = await app.request("/metrics")
    expect(response.status).toBe(200)
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/)
    const text = await response.text()
    const samples = text.split("\n").filter((l) => l.length > 0 && !l.startsWith("#"))
    for (const line of samples) expect(line).toMatch(/^wiredesk_[a-z_]+(\{[a-z]+="[^"]*"(,[a-z]+="[^"]*")*\})? \d+(\.\d+)?$/)
    const value = (name: string) => Number(samples.find((l) => l.startsWith(`${name} `))?.split(" ")[1])
    // The first test reported six articles: every stage completed their jobs (report jobs are requests for a refresh,
    // and one refresh serves every article recorded before it: at least one), and the waits of each stage are there.
    for (const stage of STAGES) expect(value(`wiredesk_queue_jobs{stage="${stage}",state="completed"}`)).toBeGreaterThanOrEqual(stage === "report" ? 1 : 6)
    for (const stage of ["extract", "dedupe", "report"]) {
      expect(value(`wiredesk_stage_wait_ms_count{stage="${stage}"}`)).toBeGreaterThanOrEqual(6)
      expect(value(`wiredesk_stage_wait_ms{stage="${stage}",quantile="0.99"}`)).toBeGreaterThanOrEqual(value(`wiredesk_stage_wait_ms{stage="${stage}",quantile="0.5"}`))
    }
    // Workers may still record a report after the request: the log is at least where the metrics saw it.
    expect(value("wiredesk_log_events")).toBeGreaterThan(0)
    expect(value("wiredesk_log_events")).toBeLessThanOrEqual((await readLog(redis.url, prefix)).at(-1)!.meta.position)
    expect(value("wiredesk_report_lag_events")).toBe(value("wiredesk_log_events") - value("wiredesk_report_checkpoint"))
    // The totals `wiredesk status` prints: the six articles of the first test, no failure; each in a story.
    expect(value("wiredesk_articles_received")).toBeGreaterThanOrEqual(6)
    expect(value("wiredesk_articles_failed")).toBe(0)
    expect(value("wiredesk_stories")).toBeGreaterThanOrEqual(1)
    for (const name of ["wiredesk_articles_rejected", "wiredesk_copies_detected"]) expect(value(name)).toBeGreaterThanOrEqual(0)
  })

  it("takes the same article five times at once as one, and later answers that it is a duplicate", async () => {
    const record = { id: "api-same", text: fixture[5]!["text"] }
    const all = await Promise.all(Array.from({ length: 5 }, () => app.request("/articles", json(record))))
    const refs = await Promise.all(all.map(async (r) => ((await r.json()) as { articles: Array<{ ref: string }> }).articles[0]!.ref))
    expect(new Set(refs).size).toBe(1)
    await finished(`/articles/${refs[0]}`)
    const again = (await (await app.request("/articles", json(record))).json()) as { articles: Array<{ status: string; articleId: string }> }
    expect(again.articles[0]).toMatchObject({ status: "duplicate", articleId: "api-same" })
    const events = await readLog(redis.url, prefix)
    expect(events.filter((e) => e.type === "ArticleReceived.v1" && e.meta.articleId === "api-same")).toHaveLength(1)
    expect(duplicationProblems(events)).toEqual([])
  }, 60_000)

  /**
   * Injects: empty, invalid JSON, wrong types, invalid UTF-8, an unknown content type, 50 MB (announced and streamed),
   * binary, HTML with scripts and Markdown-breaking text.
   * Checks: a clear 4xx for what cannot be an article, a rejection event for what ingest refuses, a well-formed report otherwise.
   */
  describe("when the body is bad", () => {
    const post = (body: Body, contentType: string, extra: RequestInit = {}) =>
      app.request("/articles", { method: "POST", headers: { ...auth, "content-type": contentType }, body, ...extra })

    it("answers 400 with the issue for empty, invalid JSON, wrong types and invalid UTF-8", async () => {
      const cases: Array<[Body, string, RegExp]> = [
        ["", "application/json", /empty/],
        ["", "text/plain", /empty/],
        ['{"text": ', "application/json", /not valid JSON/],
        [JSON.stringify({ title: 5, text: ["a"] }), "application/json", /invalid article record/],
        [JSON.stringify({ title: "no text" }), "application/json", /invalid article record/],
        [JSON.stringify([]), "application/json", /invalid article record/],
        [new Uint8Array([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), "application/json", /UTF-8/],
      ]
      for (const [body, type, message] of cases) {
        const res = await post(body, type)
        expect(res.status, `${type} ${String(body).slice(0, 20)}`).toBe(400)
        expect(((await res.json()) as { error: string }).error).toMatch(message)
      }
      const wrong = (await (await post(JSON.stringify({ articles: [{ text: "ok" }, { text: 3 }] }), "application/json")).json()) as { issues: string[] }
      expect(wrong.issues).toEqual(["articles.1.text: Invalid input: expected string, received number"])
      expect((await post("x", "image/png")).status).toBe(415)
    })

    it("answers 413 to 50 MB, whether announced or streamed, without reading it all", async () => {
      const big = new Uint8Array(50 * 1024 * 1024).fill(97)
      const announced = await post(big, "text/plain", { headers: { ...auth, "content-type": "text/plain", "content-length": String(big.length) } })
      expect(announced.status).toBe(413)
      let sent = 0
      const chunk = new Uint8Array(1024 * 1024).fill(97)
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= 50) return controller.close()
          sent++
          controller.enqueue(chunk)
        },
      })
      const streamed = await post(stream, "application/json", { duplex: "half" } as RequestInit)
      expect(streamed.status).toBe(413)
      expect(sent).toBeLessThan(50)
    })

    it("records a rejection for binary, and writes well-formed reports for scripts and Markdown tricks, leaving the rest alone", async () => {
      const binary = await post(new Uint8Array(Array.from({ length: 4096 }, (_, i) => i % 256)), "application/octet-stream", {})
      const html = await app.request("/articles?id=api-html", {
        method: "POST",
        headers: { ...auth, "content-type": "text/html" },
        body:
          '<html><head><title>Council approves budget</title><script>alert("x")</script></head><body><article><h1>Council approves budget</h1>' +
          "<p>LONDON (AP) — The city council approved the budget on Tuesday after a long debate, officials said.</p><script>document.write('<p>x</p>')</script>" +
          '<p>The mayor, Anna Berg, said the plan would fund new schools over the next five years.</p><img src=x onerror="alert(1)"></article></body></html>',
      })
      const markdown = await app.request(
        "/articles",
        json({
          id: "api-md",
          title: "# Title | with ``` and <script>alert(1)</script>",
          text: "# Injected\n\n```\nfence\n\n| a | b |\n|---|---|\n[click](javascript:alert(1)) <details>\n\nBERLIN (dpa) - The parliament voted on Thursday to extend the mission, the speaker said.\n\n## Sources\n",
        }),
      )
      const locations = await Promise.all([binary, html, markdown].map(async (r) => {
        expect(r.status).toBe(202)
        return ((await r.json()) as { articles: Array<{ location: string }> }).articles[0]!.location
      }))
      const [b, h, m] = await Promise.all(locations.map(finished))
      expect(b).toMatchObject({ status: "rejected" })
      expect((b as unknown as { reason: string }).reason).toMatch(/binary/)
      expect(h).toMatchObject({ status: "reported" })
      expect(m).toMatchObject({ status: "reported" })
      for (const article of [h, m] as unknown as Array<{ storyId: string }>) {
        const md = await (await app.request(`/stories/${article.storyId}`)).text()
        expect(markdownProblems(md, article.storyId)).toEqual([])
      }
      expect(await finished("/articles/api-one")).toMatchObject({ status: "reported" })
    }, 60_000)
  })

  describe("the dashboard", () => {
    it("wants the token: ?token= becomes a cookie, the cookie opens it, and it shows every stage's queue", async () => {
      expect((await app.request("/dashboard")).status).toBe(401)
      const login = await app.request(`/dashboard?token=${TOKEN}`)
      expect(login.status).toBe(303)
      expect(login.headers.get("location")).toBe("/dashboard")
      const cookie = login.headers.get("set-cookie")!
      expect(cookie).toMatch(/HttpOnly/)
      const page = await app.request("/dashboard", { headers: { cookie: cookie.split(";")[0]! } })
      expect(page.status).toBe(200)
      expect(await page.text()).toMatch(/<title>wiredesk<\/title>/)
      const queues = (await (await app.request("/dashboard/api/queues", { headers: auth })).json()) as { queues: Array<{ name: string }> }
      expect(queues.queues.map((q) => q.name).sort()).toEqual(["dedupe", "extract", "ingest", "report"])
    })
  })

  /** Injects: SIGKILL of Redis, then a restart. Checks: 503 at once while it is down, 200 again after, with no API restart. */
  describe("when Redis is down", () => {
    it("answers 503 at once, and recovers by itself", async () => {
      await redis.kill()
      const started = Date.now()
      const health = await app.request("/health")
      const write = await app.request("/articles", json({ text: "x y z" }))
      const read = await app.request("/articles/api-one")
      expect([health.status, write.status, read.status]).toEqual([503, 503, 503])
      expect(Date.now() - started).toBeLessThan(3_500)
      await redis.start()
      await eventually(async () => ((await app.request("/health")).status === 200 ? true : undefined), 20_000, "health 200")
      expect((await app.request("/articles/api-one")).status).toBe(200)
    }, 60_000)
  })
})
