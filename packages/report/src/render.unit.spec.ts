import { describe, expect, it } from "vitest"
import { analysedSources, ANALYSED_ARTICLES, renderIndex, renderStory, renderStoryReport, summarizeStory } from "./render.js"
import { describeSources, MEMO_ARTICLES, memoizedArticles } from "./sources.js"
import { seedViews } from "./seeds.testing.js"
import { articleView } from "./views.testing.js"
import { cellsOf, structureProblems } from "./wellFormed.testing.js"

const seeds = seedViews()

describe("a story where one article copies another", () => {
  const [original, other] = seeds
  const copy = {
    ...original!,
    articleId: "copy-of-000",
    extracted: { ...original!.extracted!, articleId: "copy-of-000", credit: "Reprint Daily" },
    copyOf: { articleId: "copy-of-000", originalId: original!.articleId, similarity: 0.968, added: [], removed: [] },
  }
  const report = renderStoryReport("s", [original!, copy, other!])
  const row = report.split("\n").find((l) => l.startsWith("| [cop"))

  it("says in the sources table which article it copies and how closely", () => expect(cellsOf(row!)[5]).toBe("copy of [000] (97% similar)"))
  it("stays well-formed", () => expect(structureProblems(report, 3)).toEqual([]))
})

describe("a story whose articles have no title", () => {
  const untitled = seeds.filter((v) => v.extracted?.title === null)
  const report = renderStoryReport("s", untitled)

  it("takes its headline from the best corroborated lead sentence, and says so", () => {
    expect(report).toMatch(/^# \S/)
    expect(report).toContain("_No source gives a title: the headline is taken from the lead._")
  })

  it("gives its index entry the same headline, from one analysis as from two", () => {
    const { content, summary } = renderStory("s", untitled)
    expect(content).toBe(report)
    expect(summary).toEqual(summarizeStory("s", untitled))
    expect(report.split("\n")[0]).toBe(`# ${summary.title}`)
  })
})

describe("the index of stories", () => {
  const older = summarizeStory("older", [articleView("a", { publishedAt: "2021-01-02", title: "Older story", body: "x" })])
  const newer = summarizeStory("newer", [articleView("b", { publishedAt: "2021-03-20", title: "Newer story", body: "x" }), articleView("c", { publishedAt: "2021-03-18", source: "c.example", body: "x" })])
  const undated = summarizeStory("undated", [articleView("d", { title: "Undated story", body: "x" })])
  const rows = renderIndex([older, undated, newer])
    .split("\n")
    .filter((l) => l.startsWith("| ["))
    .map(cellsOf)

  it("lists the newest story first and undated stories last", () =>
    expect(rows.map((r) => r[0])).toEqual(["[Newer story](<newer.md>)", "[Older story](<older.md>)", "[Undated story](<undated.md>)"]))

  it("gives article and source counts and the date range", () => expect(rows[0]!.slice(1)).toEqual(["2", "2", "2021-03-18 to 2021-03-20"]))

  it("lists only the newest stories when there are more than it shows, and says how many there are", () => {
    const index = renderIndex([older, undated, newer], 2)
    expect(index).toContain("_3 stories; the 2 newest are listed here._")
    expect(index.split("\n").filter((l) => l.startsWith("| [")).map((l) => cellsOf(l)[0])).toEqual(["[Newer story](<newer.md>)", "[Older story](<older.md>)"])
  })
  it("shows a story's new headline and counts once the story has moved", () => {
    renderIndex([older, undated, newer])
    const moved = summarizeStory("older", [articleView("a", { publishedAt: "2021-01-02", title: "Older story, updated", body: "x" }), articleView("e", { publishedAt: "2021-01-03", body: "x" })])
    const row = renderIndex([moved, undated, newer]).split("\n").find((l) => l.includes("<older.md>"))
    expect(cellsOf(row!)).toEqual(["[Older story, updated](<older.md>)", "2", "2", "2021-01-02 to 2021-01-03"])
  })
})

describe("the text the renderer derives from each article", () => {
  it("is kept for the most recently rendered articles only, so a long-running report worker's memory stays flat", () => {
    const many = Array.from({ length: MEMO_ARTICLES + 50 }, (_, i) => articleView(`m${i}`, { body: `Report number ${i} of the harbour vote, filed on Friday.` }))
    const first = describeSources(many.slice(0, 3))
    for (let i = 0; i < many.length; i += 500) describeSources(many.slice(i, i + 500))
    expect(memoizedArticles()).toBe(MEMO_ARTICLES)
    // The most recent articles are still shared; an evicted one is worked out again, to the same sentences.
    const last = many.slice(-3)
    expect(describeSources(last)[0]!.sentences).toBe(describeSources(last)[0]!.sentences)
    const again = describeSources(many.slice(0, 3))
    expect(again[0]!.sentences).not.toBe(first[0]!.sentences)
    expect(again[0]!.sentences).toEqual(first[0]!.sentences)
  })
})

describe("a story larger than a report analyses", () => {
  const words = ["anchor", "beacon", "cargo", "dredger", "estuary", "ferry", "gantry", "harbour", "island", "jetty"]
  const detail = (i: number, k = 0) => `${words[i % 10]}${words[Math.floor(i / 10) % 10]}${"xyzw"[k]}`
  const day = (i: number) => `2021-03-${String(1 + Math.floor(i / 2)).padStart(2, "0")}`
  const n = ANALYSED_ARTICLES + 10
  const views = Array.from({ length: n }, (_, i) =>
    articleView(`a${String(i).padStart(3, "0")}`, {
      publishedAt: day(i),
      source: `outlet${i}.example`,
      body: `The port authority approved the new harbour plan after a long public hearing. Captain ${detail(i)} praised the ${detail(i, 1)} crew and the ${detail(i, 2)} pilots near ${detail(i, 3)}.`,
    }),
  )
  const report = renderStoryReport("big", views)
  const sourceRows = report.split("\n").filter((l) => /^\| \[a\d+\] \|/.test(l))

  it("still lists every article in its sources table", () => expect(sourceRows).toHaveLength(n))

  it("says how many of the articles the rest of the report is worked out from", () =>
    expect(report).toContain(`_This report is worked out from ${ANALYSED_ARTICLES} of the ${n} articles: the earliest and the latest originals; the sources table lists them all._`))

  it("works from the earliest and the latest articles, not the middle ones", () => {
    const agreed = report.split("\n").find((l) => l.startsWith("- The port authority approved"))!
    expect(agreed).toContain("[a000]")
    expect(agreed).toContain(`[a0${n - 1}]`)
    expect(agreed).not.toContain(`[a0${n >> 1}]`)
  })

  it("does not claim there are too few sources when no source adds a fact of its own", () =>
    expect(report).toContain("_Nothing: no source adds a fact the others do not report._"))

  it("drops copies before originals", () => {
    const sources = describeSources([...views.slice(0, 30), ...views.slice(30).map((v) => ({ ...v, copyOf: { articleId: v.articleId, originalId: "a000", similarity: 0.9, added: [], removed: [] } }))])
    const analysed = analysedSources(sources, 35)
    expect(analysed.filter((s) => s.group === s.articleId)).toHaveLength(30)
    expect(analysed).toHaveLength(35)
  })

  it("analyses a story within the limit whole", () => expect(analysedSources(describeSources(views.slice(0, 12)))).toHaveLength(12))
})

describe("a source given as a web host, as crawled datasets give it", () => {
  const [first] = seeds
  const view = { ...first!, extracted: { ...first!.extracted!, credit: null, source: "www.nytimes.com" } }
  const row = renderStoryReport("s", [view]).split("\n").find((l) => l.startsWith("| [0"))

  it("names the outlet by its host without www., which no Markdown reader turns into a link", () => expect(cellsOf(row!)[1]).toBe("nytimes.com"))
})
