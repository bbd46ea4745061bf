import type { ArticleExtractedData } from "@wiredesk/core"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { cell, inline, oneLine, truncate } from "./markdown.js"
import { renderIndex, renderStoryReport, reportFileName, summarizeStory } from "./render.js"
import type { ArticleView } from "./stories.js"
import { extractedData } from "./views.testing.js"
import { structureProblems } from "./wellFormed.testing.js"

const extracted = (articleId: string, over: Partial<ArticleExtractedData>): ArticleExtractedData =>
  extractedData(articleId, { publishedAt: "2024-05-02", body: "The council approved the harbour budget on Tuesday after a long debate.", wordCount: 12, ...over })

const view = (articleId: string, over: Partial<ArticleExtractedData>): ArticleView => ({
  articleId,
  input: `${articleId}.txt`,
  receivedAt: 1,
  extracted: extracted(articleId, over),
  extractedAt: null,
  copyOf: null,
  copyCause: null,
  storyId: "s1",
})

const hostileBody = [
  "# Breaking: the council approved the harbour budget on Tuesday",
  "<script>alert(1)</script> The harbour budget of 12 million euros was approved by the council on Tuesday.",
  "![img](http://x/track.png) Mayor Jane Holloway said \"We will build the [new](javascript:alert(1)) quay.\"",
  "| a | b |\n|---|---|\n| c | d |",
  "- a list item\n> a block quote\n1. numbered\n```\ncode\n```",
  "Visit www.evil.example or https://evil.example/x or write to boss@evil.example \u0007\u202e now.",
  "***bold*** _em_ ~~strike~~ `tick` <b>html</b> &amp; \\ backslash",
].join("\n\n")

const hostile: ArticleView[] = [
  view("h1", {
    title: "](javascript:alert(1))",
    credit: "Evil | Outlet\nwith a newline",
    body: hostileBody,
    entities: { people: [{ name: "Jane [Holloway](http://x)", forms: ["<img src=x>"], count: 2 }], organisations: [], places: [] },
    quotes: [{ text: "We will build the [new](javascript:alert(1)) quay.", speaker: "Jane <b>Holloway</b>", sentence: "x" }],
  }),
  view("h2", {
    title: `# ${"A very long title ".repeat(600)}`,
    source: "![img](http://x)",
    url: "javascript:alert(1)",
    publishedAt: "2024-05-03",
    body: `${hostileBody}\n\nThe harbour budget of 13 million euros was approved by the council on Tuesday, officials said.`,
    quotes: [{ text: "`rm -rf /`", speaker: "| pipe |", sentence: "x" }],
  }),
]

describe("escaping article text", () => {
  it("leaves no Markdown, HTML or link meaning in inline text", () => {
    const out = inline("](javascript:alert(1)) <script> ![img](http://x) `x` *a* _b_ | c")
    expect(out).not.toMatch(/(?<!\\)[[\]<>`*_|]/)
    expect(out).not.toMatch(/javascript:|http:/)
  })

  it("escapes a heading, a list or a quote at the start of a line", () => {
    expect(inline("# title")).toBe("\\# title")
    expect(inline("- item")).toBe("\\- item")
    expect(inline("> quote")).toBe("\\> quote")
    expect(inline("1. first")).toBe("1\\. first")
  })

  it("keeps a table cell on one line with its pipes escaped", () => {
    expect(cell("a | b\nc")).toBe("a \\| b c")
    expect(cell("")).toBe("-")
    expect(cell(null)).toBe("-")
  })

  it("strips control and bidi characters", () => {
    expect(oneLine("a\u0000b\u202ec\u200bd")).toBe("abcd")
  })

  it("cuts long text at a word boundary", () => {
    const cut = truncate("word ".repeat(3000), 100)
    expect([...cut].length).toBeLessThanOrEqual(100)
    expect(cut.endsWith("…")).toBe(true)
  })
})

describe("a story whose articles try to inject Markdown and HTML", () => {
  const report = renderStoryReport("s1", hostile)

  it("renders a well-formed report", () => expect(structureProblems(report, 2)).toEqual([]))

  it("carries no script, image or foreign link", () => {
    expect(report).not.toMatch(/(?<!\\)<(script|img|b)/i)
    expect(report).not.toMatch(/(?<!\\)!\[/)
    expect(report).not.toMatch(/(?<!\\)\]\((?!<articles\/)/)
    expect(report).not.toMatch(/javascript:|https?:\/\//i)
  })

  it("keeps the 10k-character title to a readable length", () => {
    for (const line of report.split("\n")) expect(line.length).toBeLessThan(2000)
  })

  it("keeps the article text readable once rendered", () => expect(report).toContain("Mayor Jane Holloway"))

  it("names the index entry safely too", () => {
    const index = renderIndex([summarizeStory("s1", hostile), summarizeStory("../../etc/passwd", hostile)])
    expect(index).not.toMatch(/(?<!\\)\]\((?!<[A-Za-z0-9_-]+\.md>\))/)
    expect(index).not.toMatch(/javascript:|\.\.\//)
  })
})

describe("report file names", () => {
  it("keep a safe id as it is", () => expect(reportFileName("story-2024_05")).toBe("story-2024_05.md"))

  it("mark a changed id with a hash of the original", () => expect(reportFileName("story.a")).toMatch(/^story-a-[0-9a-f]{8}\.md$/))

  it("never leave the reports folder", () => {
    for (const id of ["../x", "../../etc/passwd", "/etc/passwd", "C:\\Windows\\x", "a/../../b", "..", ".", "", "~", "%2e%2e%2f"]) {
      const name = reportFileName(id)
      expect(name).toMatch(/^[A-Za-z0-9_-]+\.md$/)
      expect(name.startsWith(".")).toBe(false)
    }
  })

  it("give different ids different names", () => {
    const ids = ["../x", "..-x", "x", "/x", "x/", "a.b", "a-b"]
    expect(new Set(ids.map(reportFileName)).size).toBe(ids.length)
  })

  it("are stable", () => expect(reportFileName("story-1")).toBe("story-1.md"))
})

describe("any article text at all", () => {
  const piece = fc.constantFrom(
    "[", "]", "(", ")", "<", ">", "*", "_", "`", "\\", "#", "|", "!", "~", "&", "-", "+", "=", ".", ":", "\n", "\n\n", " ", "\t", "\u0000", "\u202e",
    "http://x.example", "javascript:", "www.", "a@b.example", "1.", "<script>", "![x](y)", "Saturday", "March 20", "\"", "“", "”", "Antonov", "said",
  )
  const text = fc.array(fc.oneof(piece, fc.string({ maxLength: 6 })), { maxLength: 40 }).map((parts) => parts.join(""))

  it("never breaks the report's structure", () =>
    fc.assert(
      fc.property(text, text, text, text, (title, credit, body, quote) => {
        const views = [
          view("p1", { title, credit, body: `${body}\n\nThe council approved the harbour budget on Tuesday after a long debate.`, quotes: [{ text: quote, speaker: credit, sentence: body }] }),
          view("p2", { title: credit, source: title, body: `${quote}\n\n${body}`, entities: { people: [{ name: title, forms: [credit], count: 1 }], organisations: [], places: [] } }),
        ]
        expect(structureProblems(renderStoryReport("p", views), 2)).toEqual([])
      }),
      { numRuns: 150, seed: 20260101 },
    ))
})

describe("the well-formedness check used by these specs", () => {
  const good = renderStoryReport("s1", [view("g1", { title: "Harbour budget approved" })])

  it("passes a clean report", () => expect(structureProblems(good, 1)).toEqual([]))

  it("catches what unescaped article text would do", () => {
    for (const injected of ["[x](http://evil)", "![img](x)", "<script>", "`code`", "https://evil.example"])
      expect(structureProblems(good.replace("Harbour budget approved", `Harbour ${injected}`), 1)).not.toEqual([])
    expect(structureProblems(good.replace("| no |", "| no | extra |"), 1)).not.toEqual([])
    expect(structureProblems(good.replace("## Timeline", "## Timeline\n\n# Injected"), 1)).not.toEqual([])
  })
})
