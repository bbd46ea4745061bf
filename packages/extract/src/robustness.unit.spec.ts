import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { ArticleExtractedData } from "@wiredesk/core"
import { decodeDocument } from "./decode.js"
import { extractArticle } from "./extract.js"
import { benchmarkPages, received, seed } from "./fixtures.testing.js"

describe("any input at all", () => {
  it("gives an extraction that satisfies the schema, or a rejection, never an exception", () =>
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.constantFrom<"text" | "html">("text", "html"), (content, format) => {
        const outcome = extractArticle(received("fuzz", content, format))
        if (outcome.kind === "extracted") expect(() => ArticleExtractedData.parse(outcome.data)).not.toThrow()
        else expect(outcome.code).toMatch(/^(no-text|truncated)$/)
      }),
      { numRuns: 200 },
    ))
  it("extracts text whose capitalised words are named like what every object inherits", () => {
    for (const word of ["Constructor", "__proto__", "ToString", "HasOwnProperty", "ValueOf"]) {
      const outcome = extractArticle(received("inherited", `The ${word} said on Monday that the new bridge would open in May.\n\nThe ${word} added that work had gone well.`, "text"))
      expect(outcome.kind).toBe("extracted")
    }
  })
  it("decodes or rejects arbitrary bytes without throwing", () =>
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const outcome = decodeDocument(bytes, {})
        expect(typeof outcome.ok).toBe("boolean")
      }),
      { numRuns: 300 },
    ))
})

describe("a real article cut short at any point", () => {
  it("still extracts what is left or rejects it, never throws", () => {
    const page = benchmarkPages()[1]!.html
    const text = seed("003").content
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), (permille) => {
        for (const [content, format] of [[page, "html"], [text, "text"]] as const) {
          const outcome = extractArticle(received("cut", content.slice(0, Math.floor((content.length * permille) / 1000)), format))
          expect(["extracted", "rejected"]).toContain(outcome.kind)
        }
      }),
      { numRuns: 25 },
    )
  })
})
