import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { makeMemoryEventLog, type Event } from "@wiredesk/core"
import { pending } from "@wiredesk/core/testing"
import { INDEX_STORIES, newestStories, renderIndex } from "./render.js"
import { makeMemoryReportStore } from "./reportStore.js"
import { extractedData } from "./views.testing.js"
import { indexedStories, newProjection, refreshReports, type ReportProjection } from "./worker.js"

const features = { terms: "", titleTerms: "", publishedOn: null, language: null }

const sentences = [
  "The harbour council approved the new budget on Tuesday after a long debate.",
  "Mayor Ana Ruiz said the money would go to the old docks and the ferry.",
  "\"We waited ten years for this,\" said Ruiz, who has led the council since 2019.",
  "Opposition members voted against the plan, calling it rushed.",
  "Work on the docks is due to start in the spring and last two years.",
]

/** An article's three events: received, extracted (a dated body) and assigned to its story. */
const article = (articleId: string, storyId: string, day: number, opened = false): Event[] => [
  {
    type: "ArticleReceived.v1",
    data: { articleId, contentHash: articleId, input: `${articleId}.txt`, format: "text", content: "x", hints: { title: null, publishedAt: null, source: null, url: null } },
  },
  {
    type: "ArticleExtracted.v1",
    data: extractedData(articleId, {
      title: `Harbour budget passes, story ${storyId}, report ${articleId}`,
      publishedAt: `2024-05-${String(day).padStart(2, "0")}`,
      source: `Outlet ${articleId}`,
      body: sentences.map((s, i) => (i === day % sentences.length ? `${s} (${articleId})` : s)).join("\n\n"),
    }),
  },
  { type: "StoryAssigned.v3", data: { articleId, storyId, opened, score: 0.5, features } } as Event,
]

const append = (log: ReturnType<typeof makeMemoryEventLog>, events: readonly Event[]) =>
  Effect.runPromise(log.append(events.map((e) => pending(e, `ev-${log.all().length}-${Math.random().toString(36).slice(2)}`))))

describe("the report worker's projection", () => {
  describe("when it holds fewer article bodies than the log has", () => {
    it("reads evicted ones back from the log and writes the same reports as a projection that holds them all", async () => {
      const log = makeMemoryEventLog()
      const bounded = { store: makeMemoryReportStore(), projection: newProjection(3) }
      const unbounded = { store: makeMemoryReportStore(), projection: newProjection(Number.POSITIVE_INFINITY) }
      const refresh = async () => {
        for (const side of [bounded, unbounded]) await Effect.runPromise(refreshReports(log, side.store, side.projection))
      }
      // Three stories of three articles, then late articles for the first two stories, whose bodies were evicted meanwhile.
      await append(log, ["s1", "s2", "s3"].flatMap((s, k) => [1, 2, 3].flatMap((n) => article(`${s}-a${n}`, s, 3 * k + n))))
      await refresh()
      await append(log, [...article("s1-a4", "s1", 20), ...article("s2-a4", "s2", 21)])
      await refresh()

      expect([...unbounded.store.files.keys()].sort()).toEqual(["index.md", "s1.md", "s2.md", "s3.md"])
      expect(bounded.store.files).toEqual(unbounded.store.files)
      expect(bounded.store.files.get("s1.md")).toContain("s1-a1")
      expect(bounded.store.files.get("s1.md")).toContain("s1-a4")
      expect(bounded.projection.state.resident.size).toBeLessThanOrEqual(3)
      const held = [...bounded.projection.state.articles.values()].filter((v) => v.extracted !== null)
      expect(held).toHaveLength(bounded.projection.state.resident.size)
      expect(unbounded.projection.state.resident.size).toBe(11)
    })
  })

  describe("index.md's order, kept from one refresh to the next", () => {
    const everySummary = (projection: ReportProjection) => [...projection.summaries.values(), ...projection.closed.values()]

    it("lists what a sort of every summary lists, as stories move, merge away and close", async () => {
      const log = makeMemoryEventLog()
      // Two sides: one that keeps every story, one that closes those no decision named for five decisions.
      const sides = [
        { store: makeMemoryReportStore(), projection: newProjection(Number.POSITIVE_INFINITY) },
        { store: makeMemoryReportStore(), projection: newProjection(Number.POSITIVE_INFINITY, 5) },
      ]
      let seed = 7
      const next = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31
        return seed % n
      }
      const opened = new Set<string>()
      for (let n = 0; n < 60; n++) {
        const storyId = `s${next(9)}`
        // Late articles move their story up the index; day 0 is no day (an undated article).
        const day = next(28)
        const events = article(`a${n}`, storyId, day, !opened.has(storyId))
        if (day === 0) (events[1]!.data as { publishedAt: string | null }).publishedAt = null
        opened.add(storyId)
        if (n % 17 === 16) {
          const into = `s${next(9)}`
          if (into !== storyId && opened.has(into))
            events.push({ type: "StoriesMerged.v1", data: { from: storyId, into, articleId: `a${n}`, score: 0.9 } } as Event)
        }
        await append(log, events)
        if (next(3) === 0) continue
        for (const { store, projection } of sides) {
          await Effect.runPromise(refreshReports(log, store, projection))
          expect(store.files.get("index.md")).toBe(renderIndex(everySummary(projection), INDEX_STORIES, projection.state.storyCount))
          expect(indexedStories(projection)).toEqual(newestStories(everySummary(projection), INDEX_STORIES))
        }
      }
      expect(sides[1]!.projection.closed.size).toBeGreaterThan(0)
    })
  })

  describe("when stories close (no decision has named them for a dedupe window's worth of decisions)", () => {
    const story = (s: string, days: readonly number[]) => days.flatMap((day, n) => article(`${s}-a${n + 1}`, s, day, n === 0))

    const run = async () => {
      const log = makeMemoryEventLog()
      const bounded = { store: makeMemoryReportStore(), projection: newProjection(Number.POSITIVE_INFINITY, 3) }
      const unbounded = { store: makeMemoryReportStore(), projection: newProjection(Number.POSITIVE_INFINITY) }
      const refresh = async () => {
        for (const side of [bounded, unbounded]) await Effect.runPromise(refreshReports(log, side.store, side.projection))
      }
      for (const [k, s] of ["s1", "s2", "s3", "s4"].entries()) {
        await append(log, story(s, [3 * k + 1, 3 * k + 2, 3 * k + 3]))
        await refresh()
      }
      return { log, bounded, unbounded, refresh }
    }

    it("lets go of their articles, and writes the same reports and index as a projection that keeps every story", async () => {
      const { bounded, unbounded } = await run()
      expect([...bounded.projection.state.members.keys()]).toEqual(["s4"])
      expect(bounded.projection.state.articles.size).toBe(3)
      expect(unbounded.projection.state.articles.size).toBe(12)
      expect(bounded.store.files).toEqual(unbounded.store.files)
      expect(bounded.store.files.get("index.md")).toContain("4 stories")
    })

    it("folds again from the log when a late article joins a closed story, and writes that story whole", async () => {
      const { log, bounded, unbounded, refresh } = await run()
      await append(log, article("s1-a4", "s1", 30))
      await refresh()
      expect(bounded.store.files.get("s1.md")).toContain("s1-a1")
      expect(bounded.store.files.get("s1.md")).toContain("s1-a4")
      expect(bounded.store.files).toEqual(unbounded.store.files)
      expect(bounded.projection.state.stale).toBe(false)
    })
  })
})
