import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { EventLog, makeMemoryEventLog, Settings, type EventLogShape } from "@wiredesk/core"
import { pending } from "@wiredesk/core/testing"
import { receive, receivedEventId, submissionsFromFile } from "@wiredesk/ingest"
import { DedupeIndex } from "@wiredesk/dedupe/worker"
import { makeMemoryReportStore, ReportStore } from "@wiredesk/report"
import { replay, replayExtract, type ReplayOptions } from "./replay.js"

const seedsDir = join(import.meta.dirname, "../../../../fixtures/seeds")

/** A log holding the seeds' ArticleReceived events and nothing else: extraction has never run. */
const receivedSeeds = async (): Promise<EventLogShape> => {
  const log = makeMemoryEventLog()
  const submissions = readdirSync(seedsDir)
    .sort()
    .flatMap((f) => submissionsFromFile(f, readFileSync(join(seedsDir, f)), 5_000_000))
  const events = submissions.map((s) => {
    const event = receive(s, s.contentHash.slice(0, 12), 5_000_000)
    return pending(event, receivedEventId(s.contentHash), { articleId: event.data.articleId, stage: "ingest" })
  })
  await Effect.runPromise(log.append(events))
  return log
}

const replayOn = (log: EventLogShape, options: Partial<ReplayOptions>) => {
  const lines: string[] = []
  const run = replayExtract({ stage: "extract", article: null, downstream: false, dryRun: false, ...options }, (l) => lines.push(l))
  return Effect.runPromise(run.pipe(Effect.provideService(EventLog, log))).then((fresh) => ({ fresh, lines }))
}

describe("replaying extraction", () => {
  it("on worker threads records exactly what it records inline, in log order", async () => {
    const inline = await receivedSeeds()
    const threaded = await receivedSeeds()
    const a = await replayOn(inline, { threads: 1 })
    const b = await replayOn(threaded, { threads: 2 })
    expect(a.fresh).toHaveLength(5)
    expect(b.fresh).toEqual(a.fresh)
    const { all: allA } = inline as ReturnType<typeof makeMemoryEventLog>
    const { all: allB } = threaded as ReturnType<typeof makeMemoryEventLog>
    expect(allB().map((e) => [e.meta.id, e.type])).toEqual(allA().map((e) => [e.meta.id, e.type]))
    expect(b.lines.at(-1)).toBe("extract: 0 unchanged, 5 recorded (2 threads)")
  }, 120_000)

  it("records nothing the second time, and nothing on a dry run", async () => {
    const log = await receivedSeeds()
    const dry = await replayOn(log, { dryRun: true })
    expect(dry.fresh).toEqual([])
    expect(dry.lines.filter((l) => l.startsWith("would record ArticleExtracted.v1"))).toHaveLength(5)
    await replayOn(log, {})
    const again = await replayOn(log, {})
    expect(again.fresh).toEqual([])
    expect(again.lines.at(-1)).toBe("extract: 5 unchanged, 0 recorded")
  })
})

describe("a long replay", () => {
  it("says how far it has come, up to the whole log: articles for extract, log positions for dedupe", async () => {
    const log = await receivedSeeds()
    const told: [number, number, string][] = []
    const progress = (done: number, total: number, unit: string) => void told.push([done, total, unit])
    await replayOn(log, { progress })
    expect(told[0]).toEqual([0, 5, "articles"])
    expect(told.at(-1)).toEqual([5, 5, "articles"])
    told.length = 0
    const head = await Effect.runPromise(log.head)
    const run = replay({ stage: "dedupe", article: null, downstream: false, dryRun: true, progress }, () => undefined)
    await Effect.runPromise(
      run.pipe(
        Effect.provideService(EventLog, log),
        Effect.provideService(ReportStore, makeMemoryReportStore()),
        Effect.provide(DedupeIndex.layer()),
        Effect.provide(Settings.layer({ redisUrl: "unused", prefix: "unused", reportsDir: "unused", maxDocumentBytes: 1 << 20, extractThreads: 0, dedupeWindow: 100 })),
      ),
    )
    expect(told.length).toBeGreaterThan(0)
    expect(told.every(([, total, unit]) => total === head && unit === "events")).toBe(true)
    expect(told.at(-1)![0]).toBe(head)
  })
})
