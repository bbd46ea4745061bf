import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { foldLog, makeMemoryEventLog, type Event } from "@wiredesk/core"
import { pending } from "@wiredesk/core/testing"
import { decodeStatusSnapshot, encodeStatusSnapshot, evolveStatus, initialStatusCounts, standingFailures, STATUS_EVENT_TYPES } from "./statusFold.js"
import { waitSummary } from "./waits.js"

const received = (articleId: string): Event => ({
  type: "ArticleReceived.v1",
  data: { articleId, contentHash: `h-${articleId}`, input: `${articleId}.txt`, format: "text", content: "text", hints: { title: null, publishedAt: null, source: null, url: null } },
})
const failed = (articleId: string, stage: "extract" | "report", reason: string): Event => ({ type: "StageFailed.v1", data: { articleId, stage, reason, attempts: 3 } })
const rejected = (articleId: string): Event => ({ type: "ArticleRejected.v1", data: { articleId, stage: "extract", code: "no-text", reason: "no article text" } })

/** The counts folded over these events, recorded in order in a fresh log. */
const countsOf = (events: readonly Event[]) => {
  const log = makeMemoryEventLog()
  Effect.runSync(log.append(events.map((e, i) => pending(e, `e${i}`))))
  return Effect.runSync(foldLog(log, initialStatusCounts(), evolveStatus, { types: STATUS_EVENT_TYPES })).state
}

describe("the status counts", () => {
  it("count received and rejected articles, and keep each article's last failure until something later supersedes it", () => {
    const counts = countsOf([received("a"), received("b"), received("c"), rejected("c"), failed("a", "extract", "timeout"), failed("b", "extract", "first"), failed("b", "extract", "second")])
    expect(counts).toMatchObject({ articles: 3, rejected: 1, copies: 0, position: 7 })
    expect(standingFailures(counts, 0)).toEqual({ a: "extract: timeout", b: "extract: second" })
  })

  it("leave a report failure out once the report stage has read past it (a retry went through)", () => {
    const counts = countsOf([received("a"), failed("a", "report", "disk full")])
    expect(standingFailures(counts, 2)).toEqual({ a: "report: disk full" })
    expect(standingFailures(counts, 3)).toEqual({})
  })

  it("fold each position once: events at or before the position folded are passed over", () => {
    const counts = countsOf([received("a"), received("b")])
    const log = makeMemoryEventLog()
    Effect.runSync(log.append([pending(received("a"), "e0"), pending(received("b"), "e1"), pending(received("c"), "e2")]))
    const again = Effect.runSync(foldLog(log, counts, evolveStatus, { types: STATUS_EVENT_TYPES })).state
    expect(again).toMatchObject({ articles: 3, position: 3 })
  })

  it("track where the received articles wait, beside the counts", () => {
    const counts = countsOf([received("a"), received("b")])
    expect(counts.waits.articles.size).toBe(2)
    expect(waitSummary(counts.waits).extract.articles).toBe(0)
  })

  it("are stored as a snapshot that reads back the same, and a snapshot of another version or damaged reads as none", () => {
    const counts = countsOf([received("a"), received("b"), failed("a", "extract", "timeout")])
    counts.waits.articles.set("b", { received: 1, extracted: 5, assigned: 9 })
    counts.waits.unreported.set("story-b", ["b", "long-gone"])
    const back = decodeStatusSnapshot(encodeStatusSnapshot(counts))
    // A story waiting for its report keeps only the articles the waits still track.
    expect(back?.waits.unreported.get("story-b")).toEqual(["b"])
    counts.waits.unreported.set("story-b", ["b"])
    expect(back).toEqual(counts)
    const stored = JSON.parse(encodeStatusSnapshot(counts)) as Record<string, unknown>
    for (const bad of [null, "{", "[]", JSON.stringify({ ...stored, version: "status@0" }), JSON.stringify({ ...stored, articles: -1 }), JSON.stringify({ ...stored, failures: [["a", { stage: 1 }]] }), JSON.stringify({ ...stored, waits: { keep: 1000, articles: [["a", {}]], unreported: [] } })])
      expect(decodeStatusSnapshot(bad)).toBeNull()
  })
})
