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
const burst = async (jobs: number) => {
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
    ReportModel.layer(),
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
