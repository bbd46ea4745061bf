import { describe, expect, it } from "vitest"
import type { StoryAssigned } from "@wiredesk/core"
import type { DedupeEvent } from "./dedupe.js"
import { desk, seedArticles } from "./dedupe.fixtures.js"
import { daysMentioned, gapBetweenSpans, gapToSpans, MAX_MENTIONED_DAYS } from "./datesMentioned.js"

const assigned = (events: readonly DedupeEvent[]) => events.find((e): e is StoryAssigned => e.type === "StoryAssigned.v3")
const iso = (t: number) => new Date(t).toISOString().slice(0, 10)
const days = (text: string) => daysMentioned(text).map(([first, last]) => (first === last ? iso(first) : `${iso(first)}..${iso(last)}`))
const day = (date: string) => Date.parse(`${date}T00:00:00Z`)

describe("the days an article writes out", () => {
  it("are the dates it gives in full, day, month and year, in the order it first gives them", () => {
    expect(days("Biggest leak in the history of data journalism just went live. — Edward Snowden (@Snowden) April 3, 2016")).toEqual(["2016-04-03"])
    expect(days("The station was launched on Sept. 30, 2016 and fell on 2 September 2014; see the 21st of August, 2017 report.")).toEqual([
      "2016-09-30",
      "2014-09-02",
      "2017-08-21",
    ])
    expect(days("Updated 2016-05-30 08:00. On Dec 22 2017 and on 1 Jan 2018, then again on Dec 22, 2017.")).toEqual(["2016-05-30", "2017-12-22", "2018-01-01"])
  })

  it("are every day of a month it names with its year", () => {
    expect(days("The North launched a rocket in December 2012 and another in February, 2016.")).toEqual(["2012-12-01..2012-12-31", "2016-02-01..2016-02-29"])
    // A full date is read as its day, not as the month inside it.
    expect(days("It fell on 3 April 2016.")).toEqual(["2016-04-03"])
  })

  it("leave out a date without a year, a year alone, and what is no date", () => {
    expect(days("The blue moon rises on January 31st, as it did in 2015; the 2018 season opens.")).toEqual([])
    expect(days("February 30, 2016 was no day; 3 Mayors 2016 is nothing; 2016-13-01 neither.")).toEqual([])
    expect(days("Organisers said they may 2000 people march 1999 metres.")).toEqual([])
  })

  it("are at most eight, the first the text gives: a page of archive links names hundreds", () => {
    const archive = Array.from({ length: 30 }, (_, i) => `March ${i + 1}, 2017`).join(" | ")
    expect(days(archive)).toEqual(Array.from({ length: MAX_MENTIONED_DAYS }, (_, i) => `2017-03-0${i + 1}`))
  })

  it("are as far from a day, or from a span of days, as the nearest of them", () => {
    const spans = daysMentioned("Published November 30, 2017, about the leak of April 2016.")
    expect(gapToSpans(spans, day("2016-04-04"))).toBe(0)
    expect(gapToSpans(spans, day("2016-05-03"))).toBe(3)
    expect(gapToSpans(spans, day("2017-11-29"))).toBe(1)
    expect(gapBetweenSpans(spans, day("2016-05-10"), day("2017-11-20"))).toBe(10)
    expect(gapBetweenSpans(spans, day("2016-03-01"), day("2016-03-31"))).toBe(1)
  })
})

describe("when a looser report of an event arrives fourteen months after the story's last one", () => {
  const [first, , , , loose] = seedArticles()
  if (first === undefined || loose === undefined) throw new Error("seed fixtures missing")
  const decide = (body: string, publishedAt: string | null = "2021-03-01") => {
    const stage = desk()
    stage.process({ ...first, publishedAt: "2020-01-01" })
    return { stage, events: stage.process({ ...loose, body, publishedAt }) }
  }

  it("continues the story when it names the day or the month of the story's reports: the gap to it is what counts", () => {
    const { stage, events } = decide(`${loose.body}\n\nThe first report came on January 1, 2020.`)
    expect(assigned(events)?.data.opened).toBe(false)
    expect(new Set(stage.state.storyOf.values()).size).toBe(1)
    expect(assigned(decide(`${loose.body}\n\nThe first reports came in January 2020.`).events)?.data.opened).toBe(false)
  })

  it("opens a story of its own when it names no day, or only days far from the story's, or a year alone: the gap counts against it", () => {
    expect(assigned(decide(loose.body).events)?.data.opened).toBe(true)
    expect(assigned(decide(`${loose.body}\n\nA similar case was heard on June 5, 2018.`).events)?.data.opened).toBe(true)
    expect(assigned(decide(`${loose.body}\n\nThe first reports came in 2020.`).events)?.data.opened).toBe(true)
  })

  it("is decided as before when it has no date of its own: an undated article has no gap to count", () => {
    expect(assigned(decide(`${loose.body}\n\nThe first report came on January 1, 2020.`, null).events)?.data.opened).toBe(assigned(decide(loose.body, null).events)?.data.opened)
  })
})
