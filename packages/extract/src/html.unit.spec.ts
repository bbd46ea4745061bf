import { describe, expect, it } from "vitest"
import { extractArticle, type ExtractOutcome } from "./extract.js"
import { benchmarkPages, received } from "./fixtures.testing.js"

const extracted = (outcome: ExtractOutcome) => {
  if (outcome.kind !== "extracted") throw new Error(`expected an extraction, got ${outcome.code}: ${outcome.reason}`)
  return outcome.data
}

describe("a page that embeds posts from a social network", () => {
  it("keeps the posts the article quotes", () => {
    const page = benchmarkPages().find((p) => p.id.startsWith("3f65af7b6b98"))!
    const data = extracted(extractArticle(received("nj", page.html, "html")))
    expect(data.body).toContain("Yes this is real and yes the state spent nearly half a million dollars on it")
    expect(data.body).not.toContain("Subscribe to NJ.com’s newsletters")
    expect(data.body).not.toContain("may be reached at")
  })
})

describe("a page in another language", () => {
  it("is identified by its ISO 639-1 code", () => {
    const page = benchmarkPages().find((p) => p.id.startsWith("11ea381ad92b"))!
    expect(extracted(extractArticle(received("pt", page.html, "html"))).language).toBe("pt")
  })
  it("has no language when the text is too short to tell", () => {
    const data = extracted(extractArticle(received("short", "Moscow recalled its ambassador to Washington on Wednesday after the remarks aired on television late on Tuesday night.", "text")))
    expect(data.language).toBeNull()
  })
})

describe("page furniture that Readability lets through", () => {
  const page = (prefix: string) => {
    const found = benchmarkPages().find((p) => p.id.startsWith(prefix))!
    return extracted(extractArticle(received(prefix, found.html, "html")))
  }
  it("drops the standfirst above the date stamp, and the stamps, but dates the article by them", () => {
    const data = page("624fcd903d56")
    expect(data.body).not.toContain("CHINA has sent troops to Hong Kong in a bid to restore order")
    expect(data.body).not.toMatch(/PUBLISHED:|UPDATED:/)
    expect(data.body).toMatch(/^This comes after police said the demonstrators/)
    expect(data.publishedAt).toBe("2019-11-19")
  })
  it("drops image credits and follow-us lines", () => {
    const data = page("70cb2d5bca75")
    expect(data.body).not.toContain("Image copyright Getty Images")
    expect(data.body).not.toContain("Follow Newsbeat on Instagram")
  })
})
