import { describe, expect, it } from "vitest"
import { matchSentences } from "./facts.js"
import { describeSources } from "./sources.js"
import { buildTimeline, dateConflicts, dateMentions, resolveWeekday, settleUndated } from "./timeline.js"
import { seedViews } from "./seeds.testing.js"
import type { ArticleView } from "./stories.js"
import { articleView } from "./views.testing.js"

// Sentences from the seed articles (fixtures/seeds), trimmed to what each case needs.
const recall000 =
  "Moscow's strained relationship with Washington hit a new low Wednesday when Russia called back its ambassador over comments made by US President Joe Biden who likened his Russian counterpart to a killer."
const recall003 = "In a sharp response to Biden's comments on Wednesday, Russia said it was recalling its ambassador Anatoly Antonov to Moscow."

describe("a weekday in a news article", () => {
  it("means the most recent such day on or before publication when the verb is past", () => {
    expect(resolveWeekday("2021-03-18", 3, false)).toBe("2021-03-17")
    expect(resolveWeekday("2021-03-18", 4, false)).toBe("2021-03-18")
    expect(resolveWeekday("2021-03-18", 5, false)).toBe("2021-03-12")
  })

  it("means the next such day when the verb looks ahead", () => {
    expect(resolveWeekday("2021-03-18", 6, true)).toBe("2021-03-20")
    expect(resolveWeekday("2021-03-20", 6, true)).toBe("2021-03-20")
  })
})

describe("an article published on 2021-03-18", () => {
  const sources = describeSources([
    articleView("000", {
      publishedAt: "2021-03-18",
      body: [
        "Russia's ambassador in the United States will depart Washington on Saturday (March 20) for urgent consultations in Moscow, the embassy has said.",
        '"On March 20, Ambassador Anatoly Antonov is leaving for Moscow for consultations," the embassy said in a statement early Thursday.',
        "A 15-page American intelligence report, released on Tuesday, said several of Trump's top lieutenants played into Moscow's hands.",
      ].join("\n\n"),
    }),
  ])
  const mentions = dateMentions(sources)
  const day = (text: string) => mentions.find((m) => m.text.includes(text))

  it("reads a planned departure forward", () => expect(day("Saturday")).toMatchObject({ date: "2021-03-20", future: true }))
  it("reads the statement's own day in its own clause, as past", () => expect(day("Thursday")).toMatchObject({ date: "2021-03-18", future: false }))
  it("reads a release earlier in the week back", () => expect(day("Tuesday")).toMatchObject({ date: "2021-03-16", future: false }))
  it("takes a stated date as it is", () => expect(day("March 20")).toMatchObject({ date: "2021-03-20", basis: "stated" }))
})

describe("an undated article that names the same weekday as a dated one for the same event", () => {
  const sources = describeSources([
    articleView("000", { publishedAt: "2021-03-18", body: recall000 }),
    articleView("003", { publishedAt: null, body: `${recall003}\n\nOn Friday the weather was fine in a city far away from all of this.` }),
  ])
  const matches = matchSentences(sources)
  const mentions = settleUndated(dateMentions(sources), matches)

  it("borrows that day, marked as inferred", () =>
    expect(mentions.find((m) => m.sentence.articleId === "003" && m.weekday === "wednesday")).toMatchObject({ date: "2021-03-17", basis: "inferred" }))

  it("leaves a weekday nothing corroborates unresolved, out of the timeline", () => {
    expect(mentions.find((m) => m.weekday === "friday")?.date).toBeNull()
    expect(buildTimeline(sources, mentions, matches).map((e) => e.date)).toEqual(["2021-03-17"])
  })

  it("puts both sources on that day's entry", () => expect(buildTimeline(sources, mentions, matches)[0]?.sources).toEqual(["000", "003"]))
})

describe("seed articles 000, 003 and 004, which put the recall on different weekdays", () => {
  const sources = describeSources(seedViews().filter((v) => /^00[034]_/.test(v.articleId)))
  const matches = matchSentences(sources)
  const conflicts = dateConflicts(sources, settleUndated(dateMentions(sources), matches), matches)

  it("report one discrepancy with who says which day", () => {
    expect(conflicts).toHaveLength(1)
    expect(conflicts[0]!.versions).toEqual([
      { label: "Thursday (2021-03-18)", sources: ["004_60c54472696c22ec"] },
      { label: "Wednesday (2021-03-17)", sources: ["000_16e3b0c8dca4eb08", "003_dae699fcc7cf9f30"] },
    ])
  })
})

describe("one source that names two days for two events in one sentence", () => {
  const sources = describeSources([
    articleView("a", { publishedAt: "2017-09-15", body: "Friday's missile test follows the release of a statement Wednesday, in which the state news agency threatened the islands." }),
    articleView("b", { publishedAt: "2017-09-15", body: "The missile test on Friday came after the state news agency statement threatened the islands of the archipelago." }),
  ])
  const matches = matchSentences(sources)

  it("is no discrepancy", () => expect(dateConflicts(sources, dateMentions(sources), matches)).toEqual([]))
})

describe("a sentence that dates its action and names an earlier day in a noun phrase", () => {
  const sources = describeSources([
    articleView("a", {
      publishedAt: "2021-03-18",
      body: "A 15-page American intelligence report, released on Tuesday, said Russian-linked figures amplified claims in the run-up to the November 3 presidential election.",
    }),
  ])
  const matches = matchSentences(sources)

  it("is one entry, on the day of its action", () => expect(buildTimeline(sources, dateMentions(sources), matches).map((e) => e.date)).toEqual(["2021-03-16"]))
})

describe("a sentence that names the background date alone", () => {
  const sources = describeSources([articleView("a", { publishedAt: "2021-03-21", body: "The report said Putin approved of the November 3 election meddling to benefit Trump." })])

  it("keeps it on that date", () => expect(buildTimeline(sources, dateMentions(sources), matchSentences(sources)).map((e) => e.date)).toEqual(["2020-11-03"]))
})

describe("a plan for one day or another", () => {
  const sources = describeSources([
    articleView("a", { publishedAt: "2021-03-20", body: "Putin invited him to publicly discuss bilateral issues as early as on Friday or Monday." }),
  ])

  it("is one planned entry", () => {
    const timeline = buildTimeline(sources, dateMentions(sources), matchSentences(sources))
    expect(timeline).toHaveLength(1)
    expect(timeline[0]).toMatchObject({ planned: true })
  })
})

describe("a quoted plan reported with the day of the statement", () => {
  const sources = describeSources([
    articleView("a", {
      publishedAt: "2021-03-18",
      body: '"On March 20, Ambassador Anatoly Antonov is leaving for Moscow for consultations," the embassy said in a statement early Thursday.',
    }),
  ])

  it("is dated by the statement, the sentence's main clause", () =>
    expect(buildTimeline(sources, dateMentions(sources), matchSentences(sources)).map((e) => e.date)).toEqual(["2021-03-18"]))
})

describe("a paper named Today", () => {
  const sources = describeSources([articleView("a", { publishedAt: "2017-10-02", body: "“He seemed normal,” Sharon Judy, a former neighbor, told Florida Today." })])

  it("dates nothing", () => expect(dateMentions(sources)).toEqual([]))
})

describe("a month word that is part of a name", () => {
  const sources = describeSources([
    articleView("a", {
      publishedAt: "2018-01-01",
      body: "The Long March-5 Y2 rocket takes off from Wenchang Satellite Launch Center in Hainan Province, China July 2, 2017.\n\nThe key to this is the Long March 9 rocket, which is in development.",
    }),
  ])

  it("dates nothing", () => expect(dateMentions(sources).map((m) => m.date)).toEqual(["2017-07-02"]))
})

describe("two sentences glued together by a lost space", () => {
  const sources = describeSources([
    articleView("a", {
      publishedAt: "2017-12-29",
      body: "Experts regained control of the satellite launched earlier this week.The satellite entered orbit after Tuesday's launch from the Baikonur pad, officials said Friday.",
    }),
  ])

  it("are two sentences", () => expect(sources[0]!.sentences.map((s) => s.text)).toHaveLength(2))
})

describe("a paper dated the day before an event on the other side of the date line", () => {
  // A US paper dated Monday 2017-08-28 reports a launch "early on Tuesday" in Japan's time; another source dates it.
  const us = "North Korea fired a ballistic missile over Japan's northern Hokkaido island into the sea early on Tuesday, officials said."
  const asia = "North Korea fired a ballistic missile over the northern Japanese island of Hokkaido into the sea on Tuesday, officials said."
  const sources = describeSources([
    articleView("us", { publishedAt: "2017-08-28", body: us }),
    articleView("asia", { publishedAt: "2017-08-30", body: asia }),
  ])
  const settle = (from: typeof sources) => {
    const dayOf = new Map(from.map((s) => [s.articleId, s.date]))
    return settleUndated(dateMentions(from), matchSentences(from), dayOf).find((m) => m.sentence.articleId === "us")
  }

  it("takes its past weekday as the next day, when another source reports the same event on it", () =>
    expect(settle(sources)).toMatchObject({ date: "2017-08-29", basis: "inferred" }))

  it("keeps the week-old reading when no other source reports the event on the next day", () =>
    expect(settle(describeSources([articleView("us", { publishedAt: "2017-08-28", body: us })]))).toMatchObject({ date: "2017-08-22", basis: "relative" }))
})

describe("an undated article read again when its story's middle day moves", () => {
  // chrono's parse of a sentence is kept by its text and the day it is read against: a new day is a new parse.
  const body = "The ambassador left Washington on March 5 for talks. He will return on March 15, officials said."
  const undated = articleView("u", { publishedAt: null, body })
  const early = articleView("e", { publishedAt: "2021-03-10", body: "The embassy confirmed the trip." })
  const late = articleView("l", { publishedAt: "2022-03-24", body: "The embassy confirmed the trip." })
  const undatedIn = (views: ArticleView[]) => dateMentions(describeSources(views)).filter((m) => m.sentence.articleId === "u").map((m) => m.date)

  it("dates its days in the year of the new day, as an article never read before would be", () => {
    expect(undatedIn([undated, early])).toEqual(["2021-03-05", "2021-03-15"])
    expect(undatedIn([undated, late])).toEqual(["2022-03-05", "2022-03-15"])
    expect(undatedIn([articleView("u", { publishedAt: null, body }), late])).toEqual(["2022-03-05", "2022-03-15"])
    expect(undatedIn([undated, early])).toEqual(["2021-03-05", "2021-03-15"])
  })
})
