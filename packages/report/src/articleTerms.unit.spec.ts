import { describe, expect, it } from "vitest"
import { articleTerms, MIN_SHARED, MIN_TERMS, sentenceOverlaps, type ArticleTerms, type SentenceOverlap } from "./articleTerms.js"
import { eventClusters } from "./dataset.testing.js"
import { describeSources } from "./sources.js"
import { sentenceTermSet } from "./text.js"
import { articleView } from "./views.testing.js"

const [launch, landing] = describeSources([
  articleView("a", {
    body: "The rocket lifted off from the coast carrying three astronauts. Crowds cheered on the beach. The capsule will dock with the orbiting station on Friday.",
  }),
  articleView("b", {
    body: "Three astronauts lifted off aboard the rocket from the coast. The capsule is expected to dock with the orbiting station. Weather was calm.",
  }),
])

const sharedWords = (a: ArticleTerms, overlap: SentenceOverlap): string[] => [...overlap.shared].map((n) => a.vocabulary[n]!)

describe("an article's terms", () => {
  const terms = articleTerms(launch!)

  it("number each distinct term once, in order of first use", () => expect(new Set(terms.vocabulary).size).toBe(terms.vocabulary.length))

  it("give each sentence its own terms, in the order the sentence uses them", () =>
    launch!.sentences.forEach((s, i) => expect([...terms.sentences[i]!].map((n) => terms.vocabulary[n])).toEqual([...sentenceTermSet(s)])))

  it("count the sentences that use each term", () => expect(terms.sentenceCounts[terms.vocabulary.indexOf("capsul")]).toBe(1))

  it("are worked out once per article", () => expect(articleTerms(launch!)).toBe(terms))
})

describe("two articles reporting the same launch", () => {
  const a = articleTerms(launch!)
  const b = articleTerms(landing!)
  const overlaps = sentenceOverlaps(a, b)

  it("pair the sentences that share at least three terms, and no others", () =>
    expect(overlaps.map(({ from, to }) => [from, to])).toEqual([
      [0, 0],
      [2, 1],
    ]))

  it("list the shared terms in the order the first sentence uses them", () => {
    expect(sharedWords(a, overlaps[0]!)).toEqual(["rocket", "lifted", "coast", "astron"])
    expect(sharedWords(a, overlaps[1]!)).toEqual(["capsul", "dock", "orbiti", "statio"])
  })

  it("read the other way, list them in the order of the other article's sentence", () =>
    expect(sentenceOverlaps(b, a).map((o) => sharedWords(b, o))).toEqual([
      ["astron", "lifted", "rocket", "coast"],
      ["capsul", "dock", "orbiti", "statio"],
    ]))

  it("are worked out once per pair", () => expect(sentenceOverlaps(a, b)).toBe(overlaps))
})

describe("a sentence of fewer than four terms", () => {
  const [short, long] = describeSources([
    articleView("s", { body: "Rocket lifted off coast." }),
    articleView("l", { body: "The rocket lifted off from the coast with a crew." }),
  ])

  it("matches nothing, however many terms it shares", () => expect(sentenceOverlaps(articleTerms(long!), articleTerms(short!))).toEqual([]))
})

/** The rule written plainly: every sentence of `a` against every sentence of `b`, by string sets. */
const plainOverlaps = (a: ArticleTerms, b: ArticleTerms): SentenceOverlap[] => {
  const out: SentenceOverlap[] = []
  a.sentences.forEach((terms, from) =>
    b.sentences.forEach((theirs, to) => {
      if (terms.length < MIN_TERMS || theirs.length < MIN_TERMS) return
      const shared = terms.filter((n) => b.termSets[to]!.has(a.vocabulary[n]!))
      if (shared.length >= MIN_SHARED) out.push({ from, to, shared })
    }),
  )
  return out
}

const clusters = eventClusters()

describe.skipIf(clusters === null)("the articles of the largest labelled event of the Giveme5W1H dev set", () => {
  const views = [...(clusters ?? new Map())].sort(([, x], [, y]) => y.length - x.length)[0]![1]
  const terms = describeSources(views).map(articleTerms)

  it("overlap, both ways, exactly as every sentence compared with every other says", () => {
    for (let i = 0; i < terms.length; i++)
      for (let j = i + 1; j < terms.length; j++) {
        expect(sentenceOverlaps(terms[i]!, terms[j]!)).toEqual(plainOverlaps(terms[i]!, terms[j]!))
        expect(sentenceOverlaps(terms[j]!, terms[i]!)).toEqual(plainOverlaps(terms[j]!, terms[i]!))
      }
  })
})
