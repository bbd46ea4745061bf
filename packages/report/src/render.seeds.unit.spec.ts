import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { renderStoryReport } from "./render.js"
import { repoRoot, seedViews } from "./seeds.testing.js"
import { cellsOf, structureProblems } from "./wellFormed.testing.js"

interface Expected {
  articles: Record<string, { publishedAt: string | null }>
  people: Record<string, { variants?: string[]; in: string[] }>
  organisations: Record<string, { variants?: string[] }>
  quotes: { speaker: string; text: string; in: string[]; paraphrasedIn?: string[] }[]
  timeline: { date: string; event: string }[]
  uniqueFacts: Record<string, string>
}

const expected = JSON.parse(readFileSync(join(repoRoot, "fixtures", "seeds-expected.json"), "utf8")) as Expected
const views = seedViews()
const report = renderStoryReport("seeds", views)

const section = (heading: string): string => {
  const start = report.indexOf(`\n## ${heading}\n`)
  if (start < 0) return ""
  const end = report.indexOf("\n## ", start + 1)
  return report.slice(start, end < 0 ? undefined : end)
}
const bullets = (heading: string): string[] => section(heading).split("\n- ").slice(1)
const rows = (heading: string): string[][] =>
  section(heading)
    .split("\n")
    .filter((l) => l.startsWith("|"))
    .slice(2)
    .map(cellsOf)
const unescape = (text: string): string => text.replace(/\\(.)/g, "$1")
const normal = (text: string): string => unescape(text).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim()
const marker = (prefix: string): string => `[${prefix}]`

describe("the seed story (five articles on Russia recalling its ambassador)", () => {
  it("renders a well-formed report", () => expect(structureProblems(report, 5)).toEqual([]))

  it("opens with a headline and a lead with source markers", () => {
    expect(report).toMatch(/^# \S.+\n\n.+\[\d{3}\]/)
  })

  describe("the sources table", () => {
    const table = rows("Sources")
    it("has one row per article", () => expect(table).toHaveLength(5))
    for (const [file, article] of Object.entries(expected.articles)) {
      const id = file.replace(/\.txt$/, "")
      it(`shows ${id.slice(0, 3)} as published ${article.publishedAt ?? "on an unknown day"}`, () => {
        const row = table.find((r) => r[0] === marker(id.slice(0, 3)))
        expect(row).toBeDefined()
        if (article.publishedAt === null) expect(row![2]).toMatch(/^unknown/)
        else expect(row![2]).toBe(article.publishedAt)
        expect(row!.at(-1)).toContain(`(<articles/${id}>)`)
      })
    }
  })

  describe("the timeline", () => {
    const timeline = bullets("Timeline")
    for (const { date } of expected.timeline)
      it(`has an entry on ${date}`, () => expect(timeline.some((b) => b.startsWith(`**${date}**`))).toBe(true))
    it("is in date order", () => {
      const dates = timeline.map((b) => /^\*\*(\d{4}-\d{2}-\d{2})\*\*/.exec(b)?.[1] ?? "")
      expect(dates).toEqual([...dates].sort())
    })
    it("puts the departure on 2021-03-20 with the four sources that report it", () => {
      const entry = timeline.find((b) => b.startsWith("**2021-03-20**") && /depart|leav|fly/.test(b))
      for (const m of ["[000]", "[001]", "[003]", "[004]"]) expect(entry).toContain(m)
    })
  })

  describe("the quotes", () => {
    const quotes = bullets("Quotes")
    for (const q of expected.quotes) {
      const find = (): string | undefined => quotes.find((b) => normal(b.split("\n")[0]!).includes(normal(q.text)))
      it(`quote ${q.text.slice(0, 40)} is attributed to ${q.speaker}`, () => expect(unescape(find()?.split("\n")[0] ?? "")).toContain(`**${q.speaker}**`))
      for (const id of q.in) it(`quote ${q.text.slice(0, 40)} is carried by ${id}`, () => expect(find()).toContain(marker(id)))
      for (const id of q.paraphrasedIn ?? [])
        it(`quote ${q.text} paraphrased in ${id}`, () => {
          const uses = (find()?.split("\n")[1] ?? "").replace(/^\s*verbatim (\[[A-Za-z0-9]+\])+;?/, "")
          expect(uses).toContain(marker(id))
        })
    }
    it("marks the paraphrase of 'He will pay a price.' as such", () => {
      const line = quotes.find((b) => b.includes("He will pay a price"))
      expect(line).toMatch(/paraphrased \(\[003\]/)
    })
  })

  describe("the people", () => {
    const people = rows("People")
    for (const [name, person] of Object.entries(expected.people))
      it(`person ${name}`, () => {
        const row = people.find((r) => unescape(r[0]!) === name)
        expect(row, `${name} in the people table`).toBeDefined()
        for (const v of person.variants ?? []) expect(unescape(row![1]!)).toContain(v)
        for (const id of person.in) expect(row![2]).toContain(marker(id))
      })
  })

  describe("the organisations", () => {
    const organisations = rows("Organisations")
    for (const [name, org] of Object.entries(expected.organisations))
      it(`lists ${name}${org.variants ? " with its spellings" : ""}`, () => {
        const row = organisations.find((r) => [name, ...(org.variants ?? [])].some((n) => normal(`${r[0]} ${r[1]}`).includes(normal(n))))
        expect(row).toBeDefined()
        for (const v of org.variants ?? []) expect(normal(`${row![0]} ${row![1]}`)).toContain(normal(v))
      })
  })

  describe("the discrepancies", () => {
    const items = bullets("Discrepancies")
    const has = (a: string, aIds: string[], b: string, bIds: string[]): boolean =>
      items.some((line) => {
        const first = line.split("\n")[0]!
        const [left, right] = first.split(" vs ")
        if (left === undefined || right === undefined) return false
        const says = (side: string, word: string, ids: string[]): boolean => side.toLowerCase().includes(word.toLowerCase()) && ids.every((id) => side.includes(marker(id)))
        return (says(left, a, aIds) && says(right, b, bIds)) || (says(left, b, bIds) && says(right, a, aIds))
      })
    it("finds Antonov (000, 001, 003, 004) against Antanov (002)", () => expect(has("Antonov", ["000", "001", "003", "004"], "Antanov", ["002"])).toBe(true))
    it("finds Alexei (000, 002, 003) against Alexey (001, 004)", () => expect(has("Alexei", ["000", "002", "003"], "Alexey", ["001", "004"])).toBe(true))
    it("finds TASS (002) against TAAS (003)", () => expect(has("TASS", ["002"], "TAAS", ["003"])).toBe(true))
    it("finds the recall announced on Wednesday (000, 003) against Thursday (004)", () =>
      expect(has("Wednesday", ["000", "003"], "Thursday", ["004"])).toBe(true))
  })

  describe("what only one source reports", () => {
    const unique = section("What only one source reports")
    const blockOf = (id: string): string => {
      const start = unique.indexOf(`\n- [${id}]`)
      const end = unique.indexOf("\n- [", start + 1)
      return start < 0 ? "" : unique.slice(start, end < 0 ? undefined : end)
    }
    const witness: Record<string, string> = { "001": "1998", "002": "Sheremetyevo", "003": "If I establish this occurred", "004": "We always see in another person" }
    for (const [id, fact] of Object.entries(expected.uniqueFacts))
      it(`credits ${id} alone with: ${fact.slice(0, 60)}`, () => expect(unescape(blockOf(id))).toContain(witness[id]))
  })

  describe("rendering again", () => {
    it("gives the same bytes", () => expect(renderStoryReport("seeds", seedViews())).toBe(report))
    it("gives the same bytes whatever the order of the articles", () => {
      expect(renderStoryReport("seeds", [...views].reverse())).toBe(report)
      expect(renderStoryReport("seeds", [views[2]!, views[0]!, views[4]!, views[1]!, views[3]!])).toBe(report)
    })
  })
})
