import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { sentenceHash } from "./events.js"

/** The definition: 16 bits of the mixed FNV-1a hash of the sentence's folded words joined by one space. */
const byDefinition = (sentence: string): number => {
  const folded = sentence.normalize("NFKC").normalize("NFD").replace(/\p{M}+/gu, "")
  const key = (folded.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(" ")
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h & 0xffff
}

describe("the hash of a sentence", () => {
  it("is the hash of its folded words, for ASCII sentences (read without building the key)", () =>
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."aZ09 .,'-\n\t\u0000~", "word", "The", "2024"), maxLength: 60 }), (s) => {
        expect(sentenceHash(s)).toBe(byDefinition(s))
      }),
      { numRuns: 500, seed: 7 },
    ))

  it("is the hash of its folded words, for ASCII with news copy's typographic punctuation (read the same way)", () =>
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."aZ09 .,'-", "\u00a0", "\u00ab", "\u00bb", "\u2013", "\u2014", "\u2018", "\u2019", "\u201c", "\u201d", "\u2022", "\u2026", "word", "Biden"), maxLength: 60 }), (s) => {
        expect(sentenceHash(s)).toBe(byDefinition(s))
      }),
      { numRuns: 500, seed: 7 },
    ))

  it("is the hash of its folded words, for any text", () =>
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (s) => {
        expect(sentenceHash(s)).toBe(byDefinition(s))
      }),
      { numRuns: 300, seed: 7 },
    ))

  it("does not change with case, accents, punctuation or spacing", () => {
    expect(sentenceHash("Müller said: \"No.\"")).toBe(sentenceHash("muller  said no"))
    expect(sentenceHash("The talks, in Geneva, ended.")).toBe(sentenceHash("the talks in geneva ended"))
  })
})
