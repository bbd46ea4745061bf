import { describe, expect, it } from "vitest"
import { extractArticle, type ExtractOutcome } from "./extract.js"
import { wireStory } from "./fixtures.testing.js"

const extracted = (outcome: ExtractOutcome) => {
  if (outcome.kind !== "extracted") throw new Error(`expected an extraction, got ${outcome.code}: ${outcome.reason}`)
  return outcome.data
}

describe("a wire story that opens with a dateline", () => {
  it('reads "NEW YORK (AP) -" as city and agency, and starts the body after it', () => {
    const data = extracted(extractArticle(wireStory("ap")))
    expect(data).toMatchObject({ dateline: "NEW YORK", credit: "AP", publishedAt: "2017-12-27" })
    expect(data.body).toMatch(/^Rihanna is mourning the death of her cousin/)
  })
  it('reads "OFER PRISON, West Bank, Jan 1 (Reuters) -" and the byline above it', () => {
    const data = extracted(extractArticle(wireStory("reuters")))
    expect(data).toMatchObject({ dateline: "OFER PRISON", credit: "Reuters", byline: "Ali Sawafta" })
    expect(data.body).not.toContain("By Ali Sawafta")
  })
  it("keeps a multi-word agency name whole", () =>
    expect(extracted(extractArticle(wireStory("trf")))).toMatchObject({ dateline: "LONDON", credit: "Thomson Reuters Foundation", byline: "Emma Batha" }))
})

describe("a quote attributed to a pronoun", () => {
  it('goes to the person the text named before it ("In the video he says")', () => {
    const quotes = extracted(extractArticle(wireStory("ap"))).quotes
    expect(quotes.map((q) => q.speaker)).not.toContain("the video he")
  })
  it("goes to the named speaker when the verb comes after the quote", () => {
    const quote = extracted(extractArticle(wireStory("reuters"))).quotes.find((q) => q.text.startsWith("I am sure they want to keep her"))
    expect(quote?.speaker).toBe("Gaby Lasky")
  })
})
