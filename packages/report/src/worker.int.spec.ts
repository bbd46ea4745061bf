import { mkdtemp, readdir, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { EventLog, keysFor, makeRedisEventLog, RedisClient, Settings, type Event } from "@wiredesk/core"
import { pending, redisTestScope } from "@wiredesk/core/testing"
import { makeMemoryReportStore, ReportStore } from "./reportStore.js"
import { extractedData } from "./views.testing.js"
import { ReportModel, reportHandler } from "./worker.js"

const redis = redisTestScope()
const features = { terms: "", titleTerms: "", publishedOn: null, language: null }

const article = (articleId: string, storyId: string, day: number): Event[] => [
  {
    type: "ArticleReceived.v1",
    data: { articleId, contentHash: articleId, input: `${articleId}.txt`, format: "text", content: "x", hints: { title: null, publishedAt: null, source: null, url: null } },
  },
  {
    type: "ArticleExtracted.v1",
    data: extractedData(articleId, {
      title: `Harbour budget passes, report ${articleId}`,
      publishedAt: `2024-05-${String(day).padStart(2, "0")}`,
      source: `Outlet ${articleId}`,
      body: `The harbour council approved the budget on Tuesday (${articleId}).\n\nWork on the docks is due to start in the spring.`,
    }),
  },
  { type: "StoryAssigned.v3", data: { articleId, storyId, opened: false, score: 0.5, features } } as Event,
]

/** Three stories of two articles in a fresh log; `jobs` report jobs run at once; what the worker read and wrote. */
const burst = async (jobs: number, thread: (typeof ReportModel)["Service"]["thread"] = null) => {
  const prefix = redis.prefix("report-burst")
  const client = redis.client()
  const redisLog = makeRedisEventLog(client, prefix)
  const events = ["s1", "s2", "s3"].flatMap((s, k) => [1, 2].flatMap((n) => article(`${s}-a${n}`, s, 2 * k + n)))
  await Effect.runPromise(redisLog.append(events.map((e, i) => pending(e, `ev-${i}`))))
  let logReads = 0
  const log = { ...redisLog, scan: (...args: Parameters<typeof redisLog.scan>) => (logReads++, redisLog.scan(...args)) }
  const store = makeMemoryReportStore()
  const layer = Layer.mergeAll(
    Layer.succeed(EventLog, log),
    Layer.succeed(ReportStore, store),
    Layer.succeed(RedisClient, client as never),
    Settings.layer({ redisUrl: redis.url(), prefix, reportsDir: "unused", maxDocumentBytes: 1 << 20, extractThreads: 0, dedupeWindow: 100 }),
    thread === null ? ReportModel.layer() : Layer.effect(ReportModel, Effect.map(ReportModel, (model) => ({ ...model, thread }))).pipe(Layer.provide(ReportModel.layer())),
  )
  const handled = Array.from({ length: jobs }, (_, i) => reportHandler.handle(`ev-${3 * i + 2}`))
  await Effect.runPromise(Effect.all(handled, { concurrency: "unbounded" }).pipe(Effect.provide(layer)))
  const checkpoint = Number(await client.get(keysFor(prefix).checkpoint("report")))
  return { store, logReads, checkpoint, events: events.length }
}

describe("when a burst of report jobs reaches one report worker at once", () => {
  it("writes every story of the burst and records how far it rendered", async () => {
    const { store, checkpoint, events } = await burst(6)
    expect([...store.files.keys()].sort()).toEqual(["index.md", "s1.md", "s2.md", "s3.md"])
    expect(store.files.get("s2.md")).toContain("s2-a2")
    expect(checkpoint).toBeGreaterThanOrEqual(events)
  })

  it("does not refresh once per job: the jobs with another behind them leave the refresh to the last", async () => {
    const alone = await burst(1)
    const together = await burst(6)
    // The first job finds none behind it and refreshes; the five that queued meanwhile share one more refresh.
    expect(together.logReads).toBeLessThanOrEqual(2 * alone.logReads)
    expect(together.store.files).toEqual(alone.store.files)
  })
})

describe("when the report stage's thread has died too often to be started again", () => {
  it("refreshes on the event loop: every story of the burst is written", async () => {
    let asked = 0
    const givenUp = { refresh: Effect.sync(() => (asked++, false)), warm: () => Effect.void }
    const { store, checkpoint, events } = await burst(1, givenUp)
    expect(asked).toBe(1)
    expect([...store.files.keys()].sort()).toEqual(["index.md", "s1.md", "s2.md", "s3.md"])
    expect(checkpoint).toBeGreaterThanOrEqual(events)
  })
})

describe("when a report worker (re)starts on a log whose reports are written", () => {
  /** A report worker process: its own projection, the shared reports folder; the story files it rendered, by name. */
  const start = (prefix: string, store: ReturnType<typeof makeMemoryReportStore>) => {
    const client = redis.client()
    const rendered: string[] = []
    const watched = { ...store, read: (f: string) => (f !== "index.md" && rendered.push(f), store.read(f)) }
    const layer = Layer.mergeAll(
      Layer.succeed(EventLog, makeRedisEventLog(client, prefix)),
      Layer.succeed(ReportStore, watched),
      Layer.succeed(RedisClient, client as never),
      Settings.layer({ redisUrl: redis.url(), prefix, reportsDir: "unused", maxDocumentBytes: 1 << 20, extractThreads: 0, dedupeWindow: 100 }),
      ReportModel.layer(),
    )
    const job = (ref: string) => Effect.runPromise(reportHandler.handle(ref).pipe(Effect.provide(layer)))
    return { job, rendered, client }
  }
  const setUp = async () => {
    const prefix = redis.prefix("report-resume")
    const log = makeRedisEventLog(redis.client(), prefix)
    let n = 0
    const append = (events: readonly Event[]) => Effect.runPromise(log.append(events.map((e) => pending(e, `ev-${n++}`))))
    await append(["s1", "s2", "s3"].flatMap((s, k) => [1, 2].flatMap((i) => article(`${s}-a${i}`, s, 2 * k + i))))
    const store = makeMemoryReportStore()
    const first = start(prefix, store)
    await first.job("ev-2")
    return { prefix, store, append, first }
  }

  it("renders only the stories touched since the report checkpoint, and writes what a worker that never stopped writes", async () => {
    const { prefix, store, append, first } = await setUp()
    expect(first.rendered.sort()).toEqual(["s1.md", "s2.md", "s3.md"])
    await append(article("s2-a3", "s2", 9))
    const restarted = start(prefix, store)
    await restarted.job("ev-20")
    expect(restarted.rendered).toEqual(["s2.md"])
    expect(store.files.get("s2.md")).toContain("s2-a3")

    const never = makeMemoryReportStore()
    const fresh = start(prefix, never)
    await fresh.job("ev-20")
    expect(store.files).toEqual(never.files)
  })

  it("renders every story again when the checkpoint was recorded by another report version", async () => {
    const { prefix, store, first } = await setUp()
    await first.client.set(keysFor(prefix).checkpoint("report-version"), "report@0.0.0")
    const restarted = start(prefix, store)
    await restarted.job("ev-2")
    expect(restarted.rendered.sort()).toEqual(["s1.md", "s2.md", "s3.md"])
  })
})

describe("when the report stage runs on a thread of its own", () => {
  it("the thread folds, renders and records the checkpoint; the event loop's projection stays empty", async () => {
    const prefix = redis.prefix("report-thread")
    const client = redis.client()
    const log = makeRedisEventLog(client, prefix)
    await Effect.runPromise(log.append(["s1", "s2"].flatMap((s, k) => [1, 2].flatMap((i) => article(`${s}-a${i}`, s, 2 * k + i))).map((e, i) => pending(e, `ev-${i}`))))
    const reportsDir = await mkdtemp(join(tmpdir(), "wiredesk-thread-"))
    try {
      const settings = { redisUrl: redis.url(), prefix, reportsDir, maxDocumentBytes: 1 << 20, extractThreads: 0, dedupeWindow: 100 }
      const layer = Layer.mergeAll(Layer.succeed(EventLog, log), Layer.succeed(RedisClient, client as never), Settings.layer(settings), ReportStore.layer, ReportModel.layer(100, settings)).pipe(
        Layer.provideMerge(Settings.layer(settings)),
      )
      const model = await Effect.runPromise(
        Effect.scoped(
          Effect.gen(function* () {
            yield* reportHandler.handle("ev-2")
            return yield* ReportModel
          }),
        ).pipe(Effect.provide(layer)),
      )
      expect((await readdir(reportsDir)).sort()).toEqual(["index.md", "s1.md", "s2.md"])
      expect(Number(await client.get(keysFor(prefix).checkpoint("report")))).toBe(12)
      expect(model.projection.state.checkpoint).toBe(0)
    } finally {
      await rm(reportsDir, { recursive: true, force: true })
    }
  }, 60_000)
})
