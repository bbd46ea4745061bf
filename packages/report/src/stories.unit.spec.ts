import fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { ArticleExtractedData, Event, RecordedEvent } from "@wiredesk/core"
import { extractedData as emptyExtraction } from "./views.testing.js"
import { evolveStories, initialStories, storyArticles, type StoriesState } from "./stories.js"

const extractedData = (articleId: string, publishedAt: string | null): ArticleExtractedData =>
  emptyExtraction(articleId, { title: `Title ${articleId}`, publishedAt, body: "Body.", wordCount: 1 })

const features = { terms: "", titleTerms: "", publishedOn: null, language: null }

const record = (events: readonly Event[]): RecordedEvent[] =>
  events.map((e, i) => ({
    ...e,
    meta: { id: `e${i + 1}`, position: i + 1, recordedAt: "", articleId: null, causationId: `c${i + 1}`, correlationId: null, stage: "test", stageVersion: "test@0" },
  })) as RecordedEvent[]

const received = (a: string): Event => ({
  type: "ArticleReceived.v1",
  data: { articleId: a, contentHash: a, input: `${a}.txt`, format: "text", content: "x", hints: { title: null, publishedAt: null, source: null, url: null } },
})
const extracted = (a: string, date: string | null = null): Event => ({ type: "ArticleExtracted.v1", data: extractedData(a, date) })
const assigned = (a: string, storyId: string): Event => ({ type: "StoryAssigned.v3", data: { articleId: a, storyId, opened: false, score: 1, features } } as Event)
const merged = (from: string, into: string): Event => ({ type: "StoriesMerged.v1", data: { from, into, articleId: "a0", score: 1 } })

const fold = (events: readonly RecordedEvent[], state: StoriesState = initialStories()) => events.reduce(evolveStories, state)

const snapshot = (s: StoriesState) => ({
  members: [...s.members].map(([k, v]) => [k, [...v].sort()] as const).sort(([a], [b]) => (a < b ? -1 : 1)),
  stories: [...s.articles.values()].map((a) => [a.articleId, a.storyId, a.extracted?.publishedAt ?? null] as const).sort(),
})

describe("the story projection", () => {
  describe("when articles are assigned and two stories merge", () => {
    const events = record([
      received("a1"), extracted("a1", "2021-03-18"), assigned("a1", "s1"),
      received("a2"), extracted("a2", "2021-03-17"), assigned("a2", "s2"),
      received("a3"), extracted("a3"), assigned("a3", "s2"),
      merged("s2", "s1"),
    ])
    const state = fold(events)

    it("puts every article in the surviving story and forgets the merged one", () => {
      expect([...state.members.keys()]).toEqual(["s1"])
      expect(storyArticles(state, "s1").map((a) => a.articleId)).toEqual(["a2", "a1", "a3"])
      expect(state.removed.has("s2")).toBe(true)
    })
  })

  describe("when an event at or below the checkpoint is delivered again", () => {
    it("changes nothing", () => {
      const events = record([received("a1"), extracted("a1"), assigned("a1", "s1"), assigned("a1", "s2")])
      const once = fold(events)
      const twice = fold(events, fold(events))
      expect(snapshot(twice)).toEqual(snapshot(once))
    })
  })

  it("built incrementally in any batches equals the projection rebuilt from zero", () => {
    const ids = ["a1", "a2", "a3", "a4"]
    const stories = ["s1", "s2", "s3"]
    const arbEvent = fc.oneof(
      fc.constantFrom(...ids).map((a) => extracted(a, "2021-03-18")),
      fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...stories)).map(([a, s]) => assigned(a, s)),
      fc.tuple(fc.constantFrom(...stories), fc.constantFrom(...stories)).filter(([a, b]) => a !== b).map(([a, b]) => merged(a, b)),
    )
    fc.assert(
      fc.property(fc.array(arbEvent, { maxLength: 40 }), fc.array(fc.nat(40), { maxLength: 6 }), (body, cuts) => {
        const events = record([...ids.map(received), ...body])
        const fromZero = fold(events)
        let incremental = initialStories()
        let at = 0
        for (const cut of [...cuts].sort((a, b) => a - b)) {
          // Re-deliver from an earlier point: the checkpoint must make it harmless.
          incremental = fold(events.slice(Math.max(0, at - 3), cut), incremental)
          at = Math.max(at, cut)
        }
        incremental = fold(events, incremental)
        expect(snapshot(incremental)).toEqual(snapshot(fromZero))
      }),
    )
  })
})
