import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { Extractor } from "@wiredesk/extract/worker"
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
