import { describe, expect, it } from "vitest"
import type { StoryAssigned } from "@wiredesk/core"
import type { DedupeEvent } from "./dedupe.js"
import { desk, fixtureArticle } from "./dedupe.fixtures.js"
import { headlineOfAddress } from "./headlineOfAddress.js"

const assigned = (events: readonly DedupeEvent[]) => events.find((e): e is StoryAssigned => e.type === "StoryAssigned.v3")

describe("the headline a web address spells", () => {
  it("is the words of its path segment of most content words, without the ids and the file extension", () => {
    expect(headlineOfAddress("http://abcnews.go.com/Technology/wireStory/russian-space-experts-regain-control-1st-angola-satellite-52044233")).toBe(
      "russian space experts regain control 1st angola satellite",
    )
    expect(headlineOfAddress("https://timesofindia.indiatimes.com/home/science/russian-space-experts-regain-control-of-1st-angola-satellite/articleshow/62298457.cms")).toBe(
      "russian space experts regain control of 1st angola satellite",
    )
    expect(headlineOfAddress("https://www.nytimes.com/2016/10/14/world/africa/boko-haram-nigeria.html")).toBe("boko haram nigeria")
    expect(headlineOfAddress("https://www.washingtonpost.com/news/arts-and-entertainment/wp/2018/02/04/this-is-how-justin-timberlake-lost-the-super-bowl/?utm_term=.a60d786e8c79")).toBe(
      "this is how justin timberlake lost the super bowl",
    )
  })

  it("is none where no segment spells three content words: a section's name, an id, no address", () => {
    expect(headlineOfAddress("https://www.bbc.com/news/world-us-canada-12345678")).toBeNull()
    expect(headlineOfAddress("https://www.washingtonpost.com/news/arts-and-entertainment/")).toBeNull()
    expect(headlineOfAddress("https://www.japantimes.co.jp/?post_type=news&p=1352777")).toBeNull()
    expect(headlineOfAddress("https://www.npr.org/sections/thetwo-way/2017/09/19/552124551/")).toBeNull()
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
