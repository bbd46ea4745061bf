import { describe, expect, it } from "vitest"
import { eventClusters } from "./dataset.testing.js"
import { inline } from "./markdown.js"
import { renderIndex, renderStory, renderStoryReport, summarizeStory } from "./render.js"
import type { ArticleView } from "./stories.js"
import { cellsOf, structureProblems } from "./wellFormed.testing.js"

const clusters = eventClusters()

// A fixed shuffle (no randomness in tests): every third article first, then the rest reversed.
const reorder = (views: readonly ArticleView[]): ArticleView[] => [
  ...views.filter((_, i) => i % 3 === 0),
  ...views.filter((_, i) => i % 3 !== 0).reverse(),
]

describe.skipIf(clusters === null)("reports for the 48 labelled events of the Giveme5W1H dev set", () => {
  const entries = [...(clusters ?? new Map<string, ArticleView[]>())].sort(([a], [b]) => (a < b ? -1 : 1))

  describe.each(entries.map(([id, views]) => ({ id, views, n: views.length })))("event $id ($n articles)", ({ id, views }) => {
    const report = renderStoryReport(id, views)

    it("is well-formed: a headline, one sources row per article, no article text breaking out", () =>
      expect(structureProblems(report, views.length)).toEqual([]))

    it("uses the title of one of its articles as headline", () => {
      const titles = views.map((v) => v.extracted?.title?.replace(/\s+/g, " ").trim()).filter((t): t is string => !!t)
      const headline = report.split("\n")[0]!.slice(2).replace(/\\(.)/g, "$1")
      if (titles.length > 0) expect(titles.some((t) => t.startsWith(headline.replace(/…$/, "")))).toBe(true)
    })

    it("has the headline its index entry gives", () => expect(report.split("\n")[0]).toBe(`# ${inline(summarizeStory(id, views).title, 300)}`))

    it("is the report and index entry a refresh gets from one analysis", () =>
      expect(renderStory(id, views)).toEqual({ content: report, summary: summarizeStory(id, views) }))

    it("gives the same bytes when rendered again, and whatever the order of its articles", () => {
      expect(renderStoryReport(id, views)).toBe(report)
      expect(renderStoryReport(id, reorder(views))).toBe(report)
    })
  })

  describe("the index of all events", () => {
    const summaries = entries.map(([id, views]) => summarizeStory(id, views))
    const index = renderIndex(summaries)
    const rows = index
      .split("\n")
      .filter((l) => l.startsWith("|"))
      .slice(2)
      .map(cellsOf)

    it("lists every event once, linking its report", () => {
      expect(rows).toHaveLength(entries.length)
      for (const s of summaries) expect(index).toContain(`](<${s.fileName}>)`)
    })

    it("puts the newest event first", () => {
      const last = rows.map((r) => r[3]!.split(" to ").pop()!)
      expect(last).toEqual([...last].sort().reverse())
    })

    it("does not depend on the order of the stories", () => expect(renderIndex([...summaries].reverse())).toBe(index))
  })
})
