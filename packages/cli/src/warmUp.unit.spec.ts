import { Effect, Layer, Semaphore } from "effect"
import { describe, expect, it } from "vitest"
import type { RecordedEvent } from "@wiredesk/core"
import { Extractor } from "@wiredesk/extract/worker"
import { newProjection, ReportModel } from "@wiredesk/report/worker"
import { warmUp } from "./warmUp.js"

const warm = (stages: Parameters<typeof warmUp>[0], rounds = 2) => Effect.runPromise(warmUp(stages, rounds).pipe(Effect.provide(Extractor.inline)))

describe("a worker warming up before it takes jobs", () => {
  it("runs every sample article through extraction, dedupe and the report of its story, each round", async () => {
    const rounds = await warm(["ingest", "extract", "dedupe", "report"])
    expect(rounds).toHaveLength(2)
    // Five made-up articles: four on one ferry story (one of them an agency copy), one on a council budget.
    for (const round of rounds) expect(round).toEqual({ extracted: 5, decided: 5, reportsWritten: 2 })
  })

  it("warms extraction alone in a worker that only extracts", async () => {
    const [round] = await warm(["extract"], 1)
    expect(round).toEqual({ extracted: 5, decided: 0, reportsWritten: 0 })
  })

  it("still extracts and decides the sample in a worker that only reports, since reports are made of them", async () => {
    const [round] = await warm(["report"], 1)
    expect(round).toEqual({ extracted: 5, decided: 5, reportsWritten: 2 })
  })

  it("does nothing for a worker that only ingests", async () => {
    const [round] = await warm(["ingest"], 1)
    expect(round).toEqual({ extracted: 0, decided: 0, reportsWritten: 0 })
  })
})

describe("a worker whose report stage runs on a thread of its own", () => {
  const withThread = () => {
    const warmed: { events: readonly RecordedEvent[]; rounds: number }[] = []
    const thread = { refresh: Effect.succeed(true), warm: (events: readonly RecordedEvent[], rounds: number) => Effect.sync(() => void warmed.push({ events, rounds })) }
    const model = Layer.succeed(ReportModel, { projection: newProjection(), behind: new Set<symbol>(), lock: Semaphore.makeUnsafe(1), resumed: { done: false }, thread })
    return { warmed, layer: Layer.merge(Extractor.inline, model) }
  }

  it("warms the thread once, on the sample's recorded events: every article extracted and assigned to a story", async () => {
    const { warmed, layer } = withThread()
    await Effect.runPromise(warmUp(["ingest", "extract", "dedupe", "report"], 3).pipe(Effect.provide(layer)))
    expect(warmed).toHaveLength(1)
    expect(warmed[0]!.rounds).toBe(3)
    const types = warmed[0]!.events.map((e) => e.type)
    expect(types.filter((t) => t === "ArticleExtracted.v1")).toHaveLength(5)
    expect(types.filter((t) => t.startsWith("StoryAssigned."))).toHaveLength(5)
  })

  it("leaves the thread alone in a worker that does not run the report stage", async () => {
    const { warmed, layer } = withThread()
    await Effect.runPromise(warmUp(["ingest", "extract", "dedupe"], 1).pipe(Effect.provide(layer)))
    expect(warmed).toEqual([])
  })
})
