import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { foldLog, makeMemoryEventLog, makeRedisEventLog, type EventLogShape } from "./eventLog.js"
import type { PendingEvent } from "./events.js"
import { keysFor } from "./keys.js"
import { pending, redisTestScope } from "./testing/index.js"

const received = (articleId: string, content = "Body text."): PendingEvent =>
  pending(
    {
      type: "ArticleReceived.v1",
      data: { articleId, contentHash: "h".repeat(64), input: `${articleId}.txt`, format: "text", content, hints: { title: null, publishedAt: null, source: null, url: null } },
    },
    `recv-${articleId}`,
    { stage: "ingest", stageVersion: "ingest@1" },
  )

const failed = (articleId: string, attempts: number): PendingEvent =>
  pending({ type: "StageFailed.v1", data: { articleId, stage: "extract", reason: "boom", attempts } }, `failed-${articleId}-${attempts}`)

const run = <A, E>(e: Effect.Effect<A, E>) => Effect.runPromise(e)

const contract = (name: string, make: () => Promise<EventLogShape>) =>
  describe(`the event log (${name})`, () => {
    describe("when an event is appended", () => {
      it("gets the next position and can be read back by id, by article and from a position", async () => {
        const log = await make()
        const appended = await run(log.append([received("a1"), received("a2")]))
        expect(appended.positions).toEqual([1, 2])
        expect(appended.fresh).toEqual([true, true])
        const byId = await run(log.byId("recv-a2"))
        expect(byId?.type).toBe("ArticleReceived.v1")
        expect(byId?.meta).toMatchObject({ id: "recv-a2", position: 2, articleId: "a2", stage: "ingest", stageVersion: "ingest@1" })
        expect((await run(log.readArticle("a1"))).map((e) => e.meta.id)).toEqual(["recv-a1"])
        expect((await run(log.readAfter(1, 10))).map((e) => e.meta.position)).toEqual([2])
        expect(await run(log.head)).toBe(2)
      })

      it("can be read back by position, several in one call, in the order asked for", async () => {
        const log = await make()
        await run(log.append([received("a1"), received("a2"), received("a3")]))
        expect((await run(log.atPositions([3, 1]))).map((e) => e.meta.id)).toEqual(["recv-a3", "recv-a1"])
        expect(await run(log.atPositions([9]))).toEqual([])
        expect(await run(log.atPositions([]))).toEqual([])
      })
    })

    describe("when the same event id is appended again (at-least-once delivery)", () => {
      it("records nothing new and answers with the first position", async () => {
        const log = await make()
        await run(log.append([received("a1")]))
        const again = await run(log.append([received("a1"), received("a2")]))
        expect(again.positions).toEqual([1, 2])
        expect(again.fresh).toEqual([false, true])
        expect(await run(log.head)).toBe(2)
      })
    })

    describe("when a stage hands it an event that does not match its schema", () => {
      it("refuses it as a defect and records nothing, so readers can trust what they fold", async () => {
        const log = await make()
        const broken = { ...failed("a1", 1), event: { type: "StageFailed.v1", data: { articleId: "a1", stage: "nowhere", reason: "x", attempts: 1 } } } as unknown as PendingEvent
        const exit = await Effect.runPromiseExit(log.append([received("a0"), broken]))
        expect(exit._tag).toBe("Failure")
        expect(String(exit)).toMatch(/refusing to record an invalid StageFailed\.v1/)
        expect(await run(log.head)).toBe(0)
      })
    })

    describe("when a writer appends with an expected version", () => {
      it("succeeds at the current version and bumps it", async () => {
        const log = await make()
        const a = await run(log.append([failed("a1", 1)], { stream: "dedupe", version: 0 }))
        expect(a.version).toBe(1)
        expect(await run(log.version("dedupe"))).toBe(1)
      })

      it("fails with a VersionConflict when another writer got there first, writing nothing", async () => {
        const log = await make()
        await run(log.append([failed("a1", 1)], { stream: "dedupe", version: 0 }))
        const conflict = await run(Effect.flip(log.append([failed("a2", 1)], { stream: "dedupe", version: 0 })))
        expect(conflict._tag).toBe("VersionConflict")
        expect(await run(log.head)).toBe(1)
      })
    })

    describe("when the log is folded", () => {
      it("visits every event once, in order, across batches", async () => {
        const log = await make()
        await run(log.append(Array.from({ length: 7 }, (_, i) => received(`a${i}`))))
        const { state, last } = await run(foldLog(log, [] as number[], (acc, e) => [...acc, e.meta.position], { batch: 3 }))
        expect(state).toEqual([1, 2, 3, 4, 5, 6, 7])
        expect(last).toBe(7)
      })

      it("hands only the asked-for types to the fold, yet reads past the others", async () => {
        const log = await make()
        await run(log.append([received("a1"), failed("a1", 1), received("a2"), failed("a2", 2), failed("a3", 3)]))
        const { state, last } = await run(
          foldLog(log, [] as string[], (acc, e) => [...acc, `${e.type}@${e.meta.position}`], { batch: 2, types: new Set(["StageFailed.v1"]) }),
        )
        expect(state).toEqual(["StageFailed.v1@2", "StageFailed.v1@4", "StageFailed.v1@5"])
        expect(last).toBe(5)
        const tail = await run(log.scan(3, 10, new Set(["ArticleReceived.v1"])))
        expect(tail).toEqual({ events: [], last: 5, scanned: 2 })
      })

      it("reads nothing past `until`, from wherever it starts", async () => {
        const log = await make()
        await run(log.append(Array.from({ length: 7 }, (_, i) => received(`a${i}`))))
        const upTo5 = await run(foldLog(log, [] as number[], (acc, e) => [...acc, e.meta.position], { batch: 3, until: 5 }))
        expect(upTo5).toEqual({ state: [1, 2, 3, 4, 5], last: 5 })
        const rest = await run(foldLog(log, [] as number[], (acc, e) => [...acc, e.meta.position], { after: 5, batch: 3, until: 5 }))
        expect(rest).toEqual({ state: [], last: 5 })
      })
    })
  })

contract("in memory", async () => makeMemoryEventLog())

describe("an in-memory log seeded with events another log recorded", () => {
  it("holds them at their positions, knows their ids and appends after them", async () => {
    const source = makeMemoryEventLog()
    await run(source.append([received("a1"), received("a2")]))
    const copy = makeMemoryEventLog(source.all())
    expect(await run(copy.head)).toBe(2)
    expect((await run(copy.byId("recv-a2")))?.meta.position).toBe(2)
    const again = await run(copy.append([received("a2"), received("a3")]))
    expect(again).toMatchObject({ positions: [2, 3], fresh: [false, true] })
    expect(await run(source.head)).toBe(2)
  })
})

const redis = redisTestScope()

contract("on Redis", async () => makeRedisEventLog(redis.client(), redis.prefix("log")))

describe("the event log's stream entries on Redis", () => {
  it("hold each event deflated, in about half the bytes of its JSON, and read back unchanged", async () => {
    const prefix = redis.prefix("log")
    const log = makeRedisEventLog(redis.client(), prefix)
    const text = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} of the wire copy, as agencies file it.`).join("\n\n")
    await run(log.append([received("a1", text)]))
    const [[, fields]] = (await redis.client().xrangeBuffer(keysFor(prefix).log, "-", "+")) as unknown as [[Buffer, Buffer[]]]
    const names = fields.filter((_, i) => i % 2 === 0).map(String)
    expect(names).toEqual(["z", "t", "y"])
    const read = await run(log.readAfter(0, 10))
    expect(read[0]?.type === "ArticleReceived.v1" && read[0].data.content).toBe(text)
    expect(fields[1]!.length).toBeLessThan(JSON.stringify(read[0]).length / 2)
  })

  it("written by an earlier version as plain JSON are still read, beside deflated ones", async () => {
    const prefix = redis.prefix("log")
    const keys = keysFor(prefix)
    const client = redis.client()
    const earlier = received("old")
    const body = JSON.stringify({ type: earlier.event.type, data: earlier.event.data, meta: { id: earlier.id, articleId: "old", causationId: null, correlationId: null, stage: "ingest", stageVersion: "ingest@1" } })
    await client.incr(keys.position)
    await client.xadd(keys.log, "1-1", "e", body, "t", "1700000000000", "y", earlier.event.type)
    await client.hset(keys.eventIds, earlier.id, "1")
    const log = makeRedisEventLog(client, prefix)
    await run(log.append([received("new")]))
    const events = await run(log.readAfter(0, 10))
    expect(events.map((e) => [e.meta.position, e.meta.articleId])).toEqual([
      [1, "old"],
      [2, "new"],
    ])
    expect((await run(log.byId(earlier.id)))?.meta.recordedAt).toBe(new Date(1700000000000).toISOString())
  })
})

describe("the event log on Redis under concurrent writers", () => {
  it("lets exactly one of many simultaneous expected-version appends through", async () => {
    const prefix = redis.prefix("log")
    const writers = Array.from({ length: 8 }, () => makeRedisEventLog(redis.client(), prefix))
    const outcomes = await Promise.all(
      writers.map((log, i) => run(Effect.result(log.append([failed(`a${i}`, 1)], { stream: "dedupe", version: 0 })))),
    )
    expect(outcomes.filter((o) => o._tag === "Success")).toHaveLength(1)
    expect(await run(writers[0]!.head)).toBe(1)
  })
})
