import { describe, expect, it } from "vitest"
import { ArticleExtractedData } from "@wiredesk/core"
import { extractArticle, type ExtractOutcome } from "./extract.js"
import { benchmarkPages, received, seed, seedExpectations, seedFiles, seedText } from "./fixtures.testing.js"
import { comparePage, summarise } from "./shingleScore.js"

const extracted = (outcome: ExtractOutcome) => {
  if (outcome.kind !== "extracted") throw new Error(`expected an extraction, got ${outcome.code}: ${outcome.reason}`)
  return outcome.data
}
const sentencesOf = (text: string) =>
  text
    .split(/\n\s*\n/)
    .flatMap((p) => p.split(/(?<=[.!?]["”]?)\s+(?=["“]?[A-Z])/))
    .map((s) => s.trim())
    .filter((s) => s.split(/\s+/).length >= 8)

describe("a seed article saved as plain text, chrome and all", () => {
  const expectations = seedExpectations()
  for (const file of seedFiles()) {
    const want = expectations[file]!
    describe(file, () => {
      const data = extracted(extractArticle(received(file, seedText(file), "text")))

      it("leaves the page's chrome out of the body", () => {
        for (const s of want.notInBody) expect(data.body).not.toContain(s)
      })
      it("states the title, or null when the page has none", () => expect(data.title).toBe(want.title))
      it("dates the article by its own date, never the page's clock", () => expect(data.publishedAt).toBe(want.publishedAt))
      if (want.dateline) it("reads the dateline city", () => expect(data.dateline).toBe(want.dateline))
      if (want.credit) it("names the credited agency", () => expect(want.credit!.toLowerCase()).toContain(data.credit!.toLowerCase()))
      if (want.subheadings) it("finds the article's subheadings", () => expect(data.subheadings).toEqual(expect.arrayContaining([...want.subheadings!])))
      it("records a result that satisfies the ArticleExtracted schema", () => expect(ArticleExtractedData.parse(data)).toEqual(data))
      it("is in English", () => expect(data.language).toBe("en"))
    })
  }
})

describe("the sentences of a seed article", () => {
  it("all survive cleaning, paragraphs apart by a blank line", () => {
    const data = extracted(extractArticle(seed("000")))
    const source = seedText(seedFiles()[0]!).replace(/^\s*date \d{4}-\d{2}-\d{2}\s*/, "")
    for (const sentence of sentencesOf(source)) expect(data.body).toContain(sentence)
    expect(data.body.split("\n\n").length).toBe(13)
  })
  it("keep a sentence that ends in a promo, without the promo", () => {
    const data = extracted(extractArticle(seed("002")))
    expect(data.body).toContain('he was quoted as saying by TASS news agency.')
    expect(data.body).not.toContain("Bulgaria breaks military ring")
  })
  it("drop photo captions but keep the paragraphs around them", () => {
    const data = extracted(extractArticle(seed("003")))
    expect(data.body).not.toMatch(/^Joe Biden$/m)
    expect(data.body).toContain("according to Russia's TAAS news agency.")
    expect(data.body).toContain("The Russian embassy said the Biden administration's non-constructive policy")
  })
  it("survive a donation box placed between them", () => {
    const text = seedText(seedFiles()[4]!)
    const appeal = "Support Our Journalism\n\nWe cannot do without you.. your contribution supports unbiased journalism\n\n"
    const moved = text.replace("Russia had consistently denied", `${appeal}Russia had consistently denied`)
    const data = extracted(extractArticle(received("moved-appeal", moved.slice(0, moved.indexOf("Support Our Journalism", moved.indexOf("the reported added"))), "text")))
    expect(data.body).toContain("Russia had consistently denied the longstanding allegations")
    expect(data.body).toContain("the reported added.")
    expect(data.body).not.toContain("Support Our Journalism")
  })
  it("end before a donation appeal", () => {
    const data = extracted(extractArticle(seed("004")))
    expect(data.body.trimEnd()).toMatch(/the reported added\.$/)
    expect(data.byline).toBe("@indiablooms")
  })
})

describe("hints from a JSON record", () => {
  it("win over what the text suggests for title and date", () => {
    const article = { ...seed("004"), hints: { title: "Russia recalls envoy", publishedAt: "2021-03-18", source: "IBNS", url: null } }
    const data = extracted(extractArticle(article))
    expect(data.title).toBe("Russia recalls envoy")
    expect(data.publishedAt).toBe("2021-03-18")
    expect(data.source).toBe("IBNS")
  })
})

describe("a page whose only title is the outlet's name", () => {
  const page = (title: string) =>
    `<!doctype html><html><head><title>${title}</title></head><body><main><article>` +
    Array.from({ length: 6 }, (_, i) => `<p>The council voted ${i + 2} times on the harbour plan before the mayor signed it into law on Friday.</p>`).join("") +
    `</article></main></body></html>`

  it("has no title, whether the name is repeated or given as the source, so the outlet's articles do not share a headline", () => {
    expect(extracted(extractArticle(received("p1", page("Metro Wire | Metro Wire"), "html"))).title).toBeNull()
    expect(extracted(extractArticle(received("p2", page("Metro Wire"), "html", { source: "Metro Wire" }))).title).toBeNull()
  })

  it("has no title when the name is the one its web address goes by", () => {
    expect(extracted(extractArticle(received("p4", page("ABC News"), "html", { source: "abcnews.go.com" }))).title).toBeNull()
    expect(extracted(extractArticle(received("p5", page("Metro Wire"), "html", { url: "https://www.metrowire.com/2024/05/harbour" }))).title).toBeNull()
    expect(extracted(extractArticle(received("p6", page("Council passes harbour plan"), "html", { url: "https://www.metrowire.com/x" }))).title).toBe("Council passes harbour plan")
  })

  it("keeps a real headline and drops only the site name after it", () => {
    expect(extracted(extractArticle(received("p3", page("Council passes harbour plan | Metro Wire"), "html", { source: "Metro Wire" }))).title).toBe("Council passes harbour plan")
  })
})

describe("people, organisations and places named in a seed", () => {
  const data = extracted(extractArticle(seed("000")))
  const names = (kind: "people" | "organisations" | "places") => data.entities[kind].map((e) => e.name)

  it("merge a surname into the full name used elsewhere in the article", () => {
    const biden = data.entities.people.find((e) => e.name === "Joe Biden")!
    expect(biden.forms).toEqual(["Biden", "Joe Biden"])
    expect(biden.count).toBeGreaterThanOrEqual(5)
  })
  it("find people named only once, without a known first name", () =>
    expect(names("people")).toEqual(expect.arrayContaining(["Konstantin Kosachev", "Anatoly Antonov", "Vladimir Putin", "Alexei Navalny", "Donald Trump"])))
  it("find organisations and places", () => {
    expect(names("organisations")).toEqual(expect.arrayContaining(["ABC News", "US Commerce Department"]))
    expect(names("places")).toEqual(expect.arrayContaining(["Russia", "Moscow", "Washington", "United States"]))
  })
  it("recognise a person by the role before the name or the apposition after it", () => {
    const people = extracted(extractArticle(seed("001"))).entities.people.map((e) => e.name)
    expect(people).toEqual(expect.arrayContaining(["Yuli Vorontsov", "John Sullivan", "Jen Psaki", "Alexey Navalny"]))
  })
  it("name no one who is not a person", () =>
    expect(names("people")).not.toEqual(expect.arrayContaining(["Russia", "Wednesday", "Moscow", "ABC News"])))
})

describe("a name with a middle initial", () => {
  const entities = (text: string) => extracted(extractArticle(received("middle-initials", text, "text"))).entities
  const text = [
    "Former President George W. Bush met Henry A. Kissinger in Dallas on Monday, and the US envoy Christopher R. Hill joined them.",
    "Bush said the talks went well. Kissinger agreed, and flights from John F. Kennedy Airport resumed. The city backed Plan B. The rest waited.",
  ].join("\n\n")
  const found = entities(text)
  const person = (name: string) => found.people.find((e) => e.name === name)

  it("is one name: the initial does not end a sentence, and the surname alone joins it", () => {
    expect(person("George W. Bush")?.forms).toEqual(["Bush", "George W. Bush"])
    expect(person("Henry A. Kissinger")?.forms).toEqual(["Henry A. Kissinger", "Kissinger"])
    expect(found.people.map((e) => e.name)).not.toEqual(expect.arrayContaining(["George W", "Henry A", "Christopher R"]))
  })
  it("is a person's even when the surname is a place word", () => expect(person("Christopher R. Hill")).toBeDefined())
  it("goes on into a place named after the person", () => expect(found.places.map((e) => e.name)).toContain("John F. Kennedy Airport"))
  it("is told from a capital letter ending a sentence", () => expect(found.people.map((e) => e.name).join(" ")).not.toContain("B. The"))
})

describe("a Korean name, its given name two syllables joined by a hyphen", () => {
  const found = extracted(
    extractArticle(
      received(
        "korean-names",
        "North Korean leader Kim Jong-un watched the launch on Friday. South Korean President Moon Jae-in called a meeting.\n\nKim said the test was a success. A New York-based analyst and a Kremlin-backed channel reported it.",
        "text",
      ),
    ),
  ).entities
  const people = found.people.map((e) => e.name)

  it("is one name, and the family name alone joins it", () => {
    expect(people).toEqual(expect.arrayContaining(["Kim Jong-un", "Moon Jae-in"]))
    expect(found.people.find((e) => e.name === "Kim Jong-un")?.forms).toEqual(["Kim", "Kim Jong-un"])
    expect(people).not.toContain("Moon")
  })
  it("is told from a word that describes (\"New York-based\", \"Kremlin-backed\")", () =>
    expect([...people, ...found.organisations.map((e) => e.name), ...found.places.map((e) => e.name)].join(" ")).not.toMatch(/based|backed/))
})

describe("a photo agency's credit run into the name after it", () => {
  const found = extracted(
    extractArticle(
      received(
        "credits",
        "Trump at his course in Scotland: Getty Donald Trump has been criticised over the visit.\n\nDonald Trump said he paid.\n\nReuters Equifax claimed it knew nothing. The Reuters Institute studied the coverage.",
        "text",
      ),
    ),
  ).entities

  it("is left out of the name", () => {
    expect(found.people.map((e) => e.name)).toContain("Donald Trump")
    expect(found.people.map((e) => e.name).join(" ")).not.toMatch(/Getty|Reuters/)
  })
  it("stays in the name of a body", () => expect(found.organisations.map((e) => e.name)).toContain("Reuters Institute"))
})

describe("quotes in a seed", () => {
  const quotesOf = (prefix: string) => extracted(extractArticle(seed(prefix))).quotes

  it("attribute a quote that follows its speaker and a colon", () =>
    expect(quotesOf("000")).toContainEqual(expect.objectContaining({ text: "I do.", speaker: "Joe Biden" })))
  it('resolve "he wrote" to the person named just before', () =>
    expect(quotesOf("000")).toContainEqual(
      expect.objectContaining({
        text: "Such statements are unacceptable in any circumstances and will inevitably sharply damage our bilateral ties",
        speaker: "Konstantin Kosachev",
      }),
    ))
  it("attribute an unpunctuated quote after a speech verb", () =>
    expect(quotesOf("001")).toContainEqual(expect.objectContaining({ text: "it takes one to know one", speaker: "Vladimir Putin" })))
  it('resolve "the US President" to the president named earlier', () =>
    expect(quotesOf("002")).toContainEqual(expect.objectContaining({ text: "He will pay a price", speaker: "Joe Biden" })))
  it("attribute a quote introduced by a participle, in curly quotes", () =>
    expect(quotesOf("004")).toContainEqual(
      expect.objectContaining({ text: "We always see in another person our own qualities and think that he is the same as us.", speaker: "Vladimir Putin" }),
    ))
  it("keep the whole sentence a quote stands in", () => {
    const quote = quotesOf("003").find((q) => q.speaker === "Jen Psaki")!
    expect(quote.sentence).toMatch(/^"He does not hold back.*Psaki said\.$/)
  })
  it("leave a scare-quoted word alone", () => expect(quotesOf("001").map((q) => q.text)).not.toContain("killer"))
})

describe("an HTML page from the extraction benchmark", () => {
  const pages = benchmarkPages()
  it("yields the hand-checked article body with F1 above 0.95 over the fixture pages", () => {
    const counts = pages.map((p) => comparePage(extracted(extractArticle(received(p.id.slice(0, 40), p.html, "html"))).body, p.articleBody))
    expect(summarise(counts).f1).toBeGreaterThan(0.95)
  })
  it("separates paragraphs by a blank line and keeps a table row on one line", () => {
    const page = pages.find((p) => p.id.startsWith("11ea381ad92b"))!
    const data = extracted(extractArticle(received("nascar", page.html, "html")))
    expect(data.body).toContain("\n\n1 Kyle Busch 5040 5 1 17 27\n\n")
  })
  it("leaves out promos for other stories and the reader prompts", () => {
    const page = pages.find((p) => p.id.startsWith("4a44ab3e4c41"))!
    const data = extracted(extractArticle(received("rt", page.html, "html")))
    expect(data.body).not.toContain("Like this story? Share it with a friend!")
    expect(data.body).not.toContain("Also on rt.com")
  })
  it("reads title, date and language from the page's metadata", () => {
    const page = pages.find((p) => p.id.startsWith("7dfc3e359d7c"))!
    const data = extracted(extractArticle(received("fox", page.html, "html")))
    expect(data.title).toMatch(/James Van Der Beek/i)
    expect(data.publishedAt).toMatch(/^2019-11-1\d$/)
    expect(data.language).toBe("en")
  })
  it("gives the same output for the same input", () => {
    const page = pages[0]!
    expect(extractArticle(received("a", page.html, "html"))).toEqual(extractArticle(received("a", page.html, "html")))
  })
})

describe("a document with no article in it", () => {
  it("is rejected as no-text when it is only chrome", () => {
    const outcome = extractArticle(received("chrome", "Follow us:\nfacebook-white sharing button\nREAD MORE\n", "text"))
    expect(outcome).toMatchObject({ kind: "rejected", code: "no-text" })
  })
  it("is rejected as no-text when the HTML holds no text", () => {
    const outcome = extractArticle(received("empty-html", "<!doctype html><html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav></body></html>", "html"))
    expect(outcome).toMatchObject({ kind: "rejected", code: "no-text" })
  })
  it("is rejected as truncated when the HTML stops before the article", () => {
    const page = benchmarkPages()[0]!
    const cut = page.html.slice(0, page.html.search(/<body[^>]*>/i) + 400)
    expect(extractArticle(received("cut", cut, "html"))).toMatchObject({ kind: "rejected", code: "truncated" })
  })
})
