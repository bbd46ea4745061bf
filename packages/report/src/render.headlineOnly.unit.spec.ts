import { describe, expect, it } from "vitest"
import { renderStoryReport } from "./render.js"
import { seedViews } from "./seeds.testing.js"
import { articleView } from "./views.testing.js"
import { cellsOf, structureProblems } from "./wellFormed.testing.js"

// An outlet whose page held only its cookie banner under the story's headline: extraction keeps the headline alone.
const headlineOnly = articleView("banner-page", { title: "Russia recalls its ambassador to Washington", source: "Metro Wire", body: "", wordCount: 0 })

describe("a story with an article that is its headline alone", () => {
  const seeds = seedViews()
  const report = renderStoryReport("s", [...seeds, headlineOnly])
  const row = report.split("\n").find((l) => l.startsWith("| [ban"))

  it("lists the outlet among the sources, with its headline and no words", () => {
    const cells = cellsOf(row!)
    expect(cells[1]).toBe("Metro Wire")
    expect(cells[3]).toBe("Russia recalls its ambassador to Washington")
    expect(cells[4]).toBe("0")
  })

  it("takes nothing of it as a fact, a quote or a name: no sentence is cited to it alone", () => {
    expect(report).not.toMatch(/^- \[ban\]/m)
    expect(report.split("\n").filter((l) => /\[ban\]/.test(l) && !l.startsWith("| [ban") && !l.startsWith("[ban]:"))).toEqual([])
  })

  it("stays well-formed", () => expect(structureProblems(report, seeds.length + 1)).toEqual([]))
})
