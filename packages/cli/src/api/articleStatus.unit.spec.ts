import { describe, expect, it } from "vitest"
import type { Event, RecordedEvent } from "@wiredesk/core"
import { articleStatus } from "./articleStatus.js"

let position = 0
const recorded = (event: Event): RecordedEvent =>
  ({ ...event, meta: { id: `ev-${++position}`, position, recordedAt: "2024-01-01T00:00:00.000Z", articleId: "a", causationId: null, correlationId: null, stage: "test", stageVersion: "t" } }) as RecordedEvent

const received = () => recorded({ type: "ArticleReceived.v1", data: { articleId: "a", contentHash: "h", input: "i", format: "text", content: "text", hints: { title: null, publishedAt: null, source: null, url: null } } })
const assigned = () => recorded({ type: "StoryAssigned.v3", data: { articleId: "a", storyId: "s", opened: true, score: 1, features: { terms: "", titleTerms: "", publishedOn: null, language: null } } })
const failed = (stage: "extract" | "report") => recorded({ type: "StageFailed.v1", data: { articleId: "a", stage, reason: "boom", attempts: 6 } })

describe("an article's status", () => {
  it("is reported once the report stage has read past its story assignment", () => {
    const events = [received(), assigned()]
    expect(articleStatus("a", events, events[1]!.meta.position - 1).status).toBe("assigned")
    expect(articleStatus("a", events, events[1]!.meta.position).status).toBe("reported")
  })
  it("is failed after a StageFailed, and no longer once the stage went through on retry", () => {
    const failure = failed("extract")
    expect(articleStatus("a", [received(), failure], 0)).toMatchObject({ status: "failed", reason: "extract: boom" })
    expect(articleStatus("a", [received(), failure, assigned()], 0).status).toBe("assigned")
  })
  it("keeps a report failure until the report stage has run past it", () => {
    const events = [received(), assigned(), failed("report")]
    const at = events[2]!.meta.position
    expect(articleStatus("a", events, at - 1).status).toBe("failed")
    expect(articleStatus("a", events, at + 1).status).toBe("reported")
  })
  it("leaves the article text out of what it shows", () => {
    expect(JSON.stringify(articleStatus("a", [received()], 0).events)).not.toMatch(/"content":"text"/)
  })
})
