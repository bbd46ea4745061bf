import { describe, expect, it } from "vitest"
import type { StoryAssigned } from "@wiredesk/core"
import type { DedupeEvent } from "./dedupe.js"
import { desk, fixtureArticle } from "./dedupe.fixtures.js"
import { headlineOfAddress } from "./headlineOfAddress.js"

const assigned = (events: readonly DedupeEvent[]) => events.find((e): e is StoryAssigned => e.type === "StoryAssigned.v3")

describe("the headline a web address spells", () => {
  it("is the words of its path segment of most words, without the ids and the file extension", () => {
    expect(headlineOfAddress("http://abcnews.go.com/Technology/wireStory/russian-space-experts-regain-control-1st-angola-satellite-52044233")).toBe(
      "russian space experts regain control 1st angola satellite",
    )
    expect(headlineOfAddress("https://timesofindia.indiatimes.com/home/science/russian-space-experts-regain-control-of-1st-angola-satellite/articleshow/62298457.cms")).toBe(
      "russian space experts regain control of 1st angola satellite",
    )
    expect(headlineOfAddress("https://www.nytimes.com/2017/10/02/us/las-vegas-shooting.html")).toBe("las vegas shooting")
    expect(headlineOfAddress("https://www.spiegel.de/politik/ausland/ungarn-viktor-orb%C3%A1n-gewinnt-die-wahl-a-1201234.html")).toBe("ungarn viktor orbán gewinnt die wahl")
  })

  it("is none where the address spells fewer than three words, or is no address", () => {
    expect(headlineOfAddress("https://www.bbc.com/news/world-europe-12345678")).toBeNull()
    expect(headlineOfAddress("https://example.com/news/12345.html")).toBeNull()
    expect(headlineOfAddress("https://example.com/")).toBeNull()
    expect(headlineOfAddress("not an address")).toBeNull()
    expect(headlineOfAddress(null)).toBeNull()
  })
})

describe("when a page's headline was only the outlet's name and its text is the site's footer", () => {
  const report = fixtureArticle("angola-satellite")
  const footer = fixtureArticle("angola-satellite-abc-footer")

  it("joins its story by the headline its web address spells", () => {
    const stage = desk()
    stage.process(report)
    expect(assigned(stage.process(footer))?.data).toMatchObject({ opened: false, storyId: stage.state.storyOf.get(report.articleId) })
  })

  it("opens a story of its own when its address spells nothing", () => {
    const stage = desk()
    stage.process(report)
    expect(assigned(stage.process({ ...footer, url: "https://abcnews.go.com/story?id=52044233" }))?.data.opened).toBe(true)
  })
})
