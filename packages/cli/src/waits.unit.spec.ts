import { describe, expect, it } from "vitest"
import type { RecordedEvent } from "@wiredesk/core"
import { evolveWaits, initialWaits, quantileOf, waitsOf, waitSummary } from "./waits.js"

let position = 0
/** An event recorded `ms` milliseconds into the day. */
const recorded = (ms: number, type: string, data: Record<string, unknown>, articleId: string | null = (data["articleId"] as string) ?? null) =>
  ({ type, data, meta: { id: `e${++position}`, position, recordedAt: new Date(Date.UTC(2026, 11, 3) + ms).toISOString(), articleId, causationId: null, correlationId: null, stage: "test", stageVersion: "test" } }) as unknown as RecordedEvent

const received = (ms: number, articleId: string) => recorded(ms, "ArticleReceived.v1", { articleId })
const extracted = (ms: number, articleId: string) => recorded(ms, "ArticleExtracted.v1", { articleId })
const assigned = (ms: number, articleId: string, storyId: string) => recorded(ms, "StoryAssigned.v3", { articleId, storyId })
const reported = (ms: number, storyId: string) => recorded(ms, "ReportWritten.v2", { storyId }, null)
const merged = (ms: number, from: string, into: string) => recorded(ms, "StoriesMerged.v1", { from, into }, null)

const fold = (events: RecordedEvent[], keep?: number) => events.reduce(evolveWaits, initialWaits(keep))

describe("the waits of articles through the stages, read from the log", () => {
  it("measures each stage from the event of the stage before it", () => {
    const t = fold([received(0, "a"), extracted(30, "a"), assigned(35, "a", "s"), reported(50, "s")])
    expect(waitsOf(t)).toEqual({ extract: [30], dedupe: [5], report: [15] })
  })

  it("counts a story's report for every article assigned to it since its last report", () => {
    const t = fold([
      received(0, "a"), received(1, "b"), extracted(10, "a"), extracted(11, "b"),
      assigned(20, "a", "s"), assigned(21, "b", "s"), reported(40, "s"),
      received(50, "c"), extracted(60, "c"), assigned(70, "c", "s"), reported(100, "s"),
    ])
    expect(waitsOf(t).report).toEqual([20, 19, 30])
  })

  it("follows an article into the story its story was merged into", () => {
    const t = fold([received(0, "a"), extracted(10, "a"), assigned(20, "a", "old"), merged(25, "old", "new"), reported(60, "new")])
    expect(waitsOf(t).report).toEqual([40])
  })

  it("leaves out a stage an article has not passed yet", () => {
    const t = fold([received(0, "a"), extracted(10, "a"), received(20, "b")])
    expect(waitSummary(t)).toEqual({
      extract: { articles: 1, p50Ms: 10, p99Ms: 10, sumMs: 10 },
      dedupe: { articles: 0, p50Ms: null, p99Ms: null, sumMs: 0 },
      report: { articles: 0, p50Ms: null, p99Ms: null, sumMs: 0 },
    })
  })

  it("keeps only the most recent articles", () => {
    const events = [0, 1, 2, 3].flatMap((i) => [received(i * 100, `a${i}`), extracted(i * 100 + 10 * (i + 1), `a${i}`)])
    expect(waitsOf(fold(events, 2)).extract).toEqual([30, 40])
  })

  it("takes the nearest-rank quantile", () => {
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i)
    expect([quantileOf(hundred, 0.5), quantileOf(hundred, 0.99), quantileOf([], 0.5)]).toEqual([50, 99, null])
  })
})
