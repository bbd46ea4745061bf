import fc from "fast-check"
import { franc as francMin } from "franc-min"
import { describe, expect, it } from "vitest"
import { franc } from "./franc.js"
import { extractFixtureText, seedFiles, seedText } from "./fixtures.testing.js"

const texts = [...seedFiles().map(seedText), extractFixtureText("de-semeval-1539386219.txt"), extractFixtureText("pl-semeval-1483758774.txt")]

describe("a real article's text", () => {
  it("gets the language franc-min gives it, from any slice and at any minimum length", () => {
    for (const text of texts)
      for (const length of [40, 119, 120, 800, 1200, 2048, 5000])
        for (const minLength of [10, 120]) expect(franc(text.slice(0, length), minLength)).toBe(francMin(text.slice(0, length), { minLength }))
  })
})

describe("text shorter than the minimum length", () => {
  it("is undetermined", () => expect(franc("Der Bundestag hat am Donnerstag", 120)).toBe("und"))
})

describe("text in a script that only one language writes", () => {
  it("is that language without trigram scoring", () => expect(franc("これは日本語で書かれた短い文章です。ニュースの記事ではありません。", 10)).toBe(francMin("これは日本語で書かれた短い文章です。ニュースの記事ではありません。")))
})

describe("any mix of scripts, digits, punctuation and astral characters", () => {
  const pieces = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.constantFrom("😀", "𠀀", "İstanbul", "Straße", "123", " \n\t ", "日本語", "한국어", "ไทย", "ελληνικά", "Москва", "القاهرة", "हिन्दी"),
    fc.constantFrom(...texts).chain((t) => fc.nat(t.length).map((start) => t.slice(start, start + 300))),
  )
  it("gets the language franc-min gives it", () =>
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 8 }), fc.constantFrom(1, 10, 120), (parts, minLength) => {
        const text = parts.join("")
        expect(franc(text, minLength)).toBe(francMin(text, { minLength }))
      }),
      { numRuns: 1000 },
    ))
})
