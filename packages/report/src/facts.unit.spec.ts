import { describe, expect, it } from "vitest"
import { consensusFacts, matchSentences, uniqueFacts } from "./facts.js"
import { seedViews } from "./seeds.testing.js"
import { describeSources } from "./sources.js"

const seeds = seedViews()

describe("the seed articles", () => {
  const sources = describeSources(seeds)
  const matches = matchSentences(sources)

  it("agree on Biden's answer about Putin being a killer", () =>
    expect(consensusFacts(sources, matches).some((f) => f.sentence.text.includes("I do") && f.corroboratedBy.length >= 3)).toBe(true))

  it("leave the 1998 precedent to 001 alone", () =>
    expect(uniqueFacts(sources, matches).get("001_9c5e82f933cbf2fe")?.some((f) => f.sentence.text.includes("1998"))).toBe(true))
})

describe("an article and a copy of it, next to an independent article", () => {
  const [a, b] = seeds
  const copy = { ...a!, articleId: "copy", extracted: { ...a!.extracted!, articleId: "copy" }, copyOf: { articleId: "copy", originalId: a!.articleId, similarity: 0.97, added: [], removed: [] } }
  const sources = describeSources([a!, copy, b!])
  const matches = matchSentences(sources)

  it("do not corroborate each other: only the independent article counts", () => {
    for (const f of consensusFacts(sources, matches)) expect(f.corroboratedBy).toContain(b!.articleId)
  })

  it("list no unique facts for the copy", () => expect(uniqueFacts(sources, matches).has("copy")).toBe(false))
})
