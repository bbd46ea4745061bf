import { describe, expect, it } from "vitest"
import type { ArticleExtractedData, StoryAssigned } from "@wiredesk/core"
import type { DedupeEvent } from "./dedupe.js"
import { desk } from "./dedupe.fixtures.js"
import { sentencesOf, tokenize } from "./text.js"

const assigned = (events: readonly DedupeEvent[]) => events.find((e): e is StoryAssigned => e.type === "StoryAssigned.v3")

const article = (articleId: string, language: string, title: string, body: string): ArticleExtractedData => ({
  articleId,
  title,
  publishedAt: "2024-06-02",
  dateline: null,
  credit: null,
  byline: null,
  language,
  source: null,
  url: null,
  body,
  subheadings: [],
  wordCount: body.length,
  entities: { people: [], organisations: [], places: [] },
  quotes: [],
})

// Chinese and Japanese are written without spaces between words: each run of ideographs or kana is read as its
// overlapping two-character pieces (the usual way to index such text without a dictionary).
describe("when Chinese reports of one event arrive, written without spaces", () => {
  const landing = article(
    "zh-landing-1",
    "zh",
    "嫦娥六号成功着陆月球背面",
    "国家航天局宣布，嫦娥六号探测器6月2日成功着陆月球背面南极艾特肯盆地预选着陆区。这是人类首次在月球背面采集样品。探测器将在两天内完成钻取和表取工作，随后上升器携带样品起飞。",
  )
  const rewrite = article(
    "zh-landing-2",
    "zh",
    "嫦娥六号着陆器在月球背面软着陆",
    "据国家航天局消息，嫦娥六号着陆器周日在月球背面南极艾特肯盆地成功软着陆。探测器将采集月球背面样品并带回地球，这在人类历史上尚属首次。",
  )
  const markets = article(
    "zh-markets",
    "zh",
    "沪指收跌百分之一点二",
    "上海证券交易所周一收盘，沪指下跌百分之一点二，银行板块领跌，成交量较上周五有所放大。分析人士认为市场短期仍将震荡，投资者应关注政策动向。",
  )

  it("puts a rewrite of the landing report in its story", () => {
    const stage = desk()
    stage.process(landing)
    expect(assigned(stage.process(rewrite))?.data).toMatchObject({ opened: false, storyId: stage.state.storyOf.get(landing.articleId) })
  })

  it("opens a story of its own for a market report", () => {
    const stage = desk()
    stage.process(landing)
    stage.process(rewrite)
    expect(assigned(stage.process(markets))?.data.opened).toBe(true)
  })

  it("reads ideographs as overlapping pairs and keeps numbers and Latin words whole", () =>
    expect(tokenize("嫦娥六号于2024年着陆 NASA").map((t) => t.folded)).toEqual(["嫦娥", "娥六", "六号", "号于", "2024", "年着", "着陆", "nasa"]))

  it("ends a sentence at a full stop written without a space after it", () =>
    expect(sentencesOf("这是第一句。这是第二句！第三句？")).toEqual(["这是第一句。", "这是第二句！", "第三句？"]))
})

describe("when Russian reports arrive", () => {
  it("does not count the language's function words as terms", () => {
    const stage = desk()
    const one = article("ru-1", "ru", "Бюджет утвержден", "Правительство утвердило бюджет, и он был принят до того, как они это обсудили. Но все же это было не так просто.")
    const two = article("ru-2", "ru", "Клуб выиграл матч", "Футбольный клуб выиграл финал, и он был сыгран до того, как они это заметили. Но все же это было не так просто.")
    stage.process(one)
    expect(assigned(stage.process(two))?.data).toMatchObject({ opened: true })
  })
})
