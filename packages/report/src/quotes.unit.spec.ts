import { describe, expect, it } from "vitest"
import { mergeEntities } from "./people.js"
import { storyQuotes } from "./quotes.js"
import { describeSources } from "./sources.js"
import { articleView } from "./views.testing.js"

// Sentences from the seed articles 000 to 004.
const sources = describeSources([
  articleView("000", {
    body: 'Biden, to this end, said, "He will pay a price."',
    quotes: [{ text: "He will pay a price.", speaker: "Joe Biden", sentence: 'Biden, to this end, said, "He will pay a price."' }],
    entities: { people: [{ name: "Joe Biden", forms: ["Joe Biden", "Biden"], count: 1 }], organisations: [], places: [] },
  }),
  articleView("001", { body: 'US President Joe Biden vowed the Russian president will "pay a price."' }),
  articleView("002", {
    body: 'Asked about the report, US President said, "He will pay a price".',
    quotes: [{ text: "He will pay a price", speaker: "Biden", sentence: "x" }],
  }),
  articleView("003", { body: "In an interview on ABC news channel, Biden also said Putin will pay the price for allegedly interfering in the US presidential elections." }),
  articleView("004", { body: "Putin said he wished the US President good health." }),
])
const quotes = storyQuotes(sources, mergeEntities(sources, (s) => s.people, []))

describe("a quote that several sources carry in different ways", () => {
  it("appears once, attributed to the full name", () => {
    expect(quotes).toHaveLength(1)
    expect(quotes[0]).toMatchObject({ text: "He will pay a price.", speaker: "Joe Biden" })
  })

  it("marks each carrier as verbatim, in part or paraphrased", () =>
    expect(quotes[0]!.carriers.map((c) => [c.articleId, c.use])).toEqual([
      ["000", "verbatim"],
      ["001", "partial"],
      ["002", "verbatim"],
      ["003", "paraphrase"],
    ]))

  it("does not count a source that only names the speaker", () => expect(quotes[0]!.carriers.some((c) => c.articleId === "004")).toBe(false))
})

describe("one embassy statement quoted in two translations", () => {
  const a = "On March 20, Ambassador of Russia to the United States Anatoly Antonov is leaving for Moscow for consultations"
  const b =
    "Russian Ambassador to the US Anatoly Antonov will fly to Moscow for consultations on March 20. He will hold meetings at the Russian Foreign Ministry and other government agencies"
  const sources = describeSources([
    articleView("000", { body: `"${a}," the embassy said in a statement early Thursday.`, quotes: [{ text: a, speaker: "the embassy", sentence: "x" }] }),
    articleView("003", { body: `"${b}," the embassy said.`, quotes: [{ text: b, speaker: "the embassy", sentence: "x" }] }),
  ])
  const quotes = storyQuotes(sources, [])

  it("is one quote, paraphrased by the second source", () => {
    expect(quotes).toHaveLength(1)
    expect(quotes[0]!.carriers.map((c) => [c.articleId, c.use])).toEqual([
      ["000", "verbatim"],
      ["003", "paraphrase"],
    ])
  })
})

describe("a quote the extraction left without a speaker, said by \"it\" after a sentence naming the embassy", () => {
  const said = 'Antonov planned to discuss "ways to rectify Russia-US ties, which are in crisis," it said.'
  const embassy = describeSources([
    articleView("000", {
      body: `"On March 20, Ambassador Anatoly Antonov is leaving for Moscow," the embassy said in a statement early Thursday.\n\n${said}`,
      quotes: [{ text: "ways to rectify Russia-US ties, which are in crisis", speaker: null, sentence: said }],
    }),
  ])

  it("is the embassy's", () => expect(storyQuotes(embassy, [])[0]?.speaker).toBe("the embassy"))
})

describe("a quote without a speaker where nothing before it names who spoke", () => {
  const said = 'He hoped for "better days ahead," it said.'
  const none = describeSources([articleView("000", { body: `The weather was fine.\n\n${said}`, quotes: [{ text: "better days ahead", speaker: null, sentence: said }] })])

  it("stays unattributed", () => expect(storyQuotes(none, [])[0]?.speaker).toBeNull())
})
