import type { RecordedEvent } from "@wiredesk/core"

export type ArticleState = "queued" | "received" | "extracted" | "assigned" | "reported" | "rejected" | "failed"

export interface ArticleStatus {
  readonly articleId: string
  readonly status: ArticleState
  readonly storyId: string | null
  readonly copyOf: string | null
  readonly reason: string | null
  readonly events: readonly unknown[]
}

/** What a client sees of an event: large payloads (the article text, dedupe features) left out. */
const summarise = (e: RecordedEvent) => {
  const data =
    e.type === "ArticleReceived.v1"
      ? { ...e.data, content: `(${e.data.content.length} characters)` }
      : e.type === "StoryAssigned.v3"
        ? { articleId: e.data.articleId, storyId: e.data.storyId, opened: e.data.opened, score: e.data.score }
        : e.type === "ArticleExtracted.v1"
          ? { ...e.data, body: `(${e.data.body.length} characters)` }
          : e.data
  return { position: e.meta.position, type: e.type, id: e.meta.id, stage: e.meta.stage, recordedAt: e.meta.recordedAt, data }
}

/** Pure: whether a recorded stage failure still stands; a report failure is over once the report stage has read past it (a retry went through). */
export const failureStands = (failure: { readonly stage: string; readonly position: number }, reportCheckpoint: number): boolean =>
  !(failure.stage === "report" && reportCheckpoint > failure.position)

/** Pure: an article's state, folded from its events; "reported" once the report stage has read past its story assignment. */
export const articleStatus = (articleId: string, events: readonly RecordedEvent[], reportCheckpoint: number): ArticleStatus => {
  const rank = { queued: 0, received: 1, extracted: 2, assigned: 3 } as const
  let progress: keyof typeof rank = "queued"
  let failure: string | null = null
  let rejection: string | null = null
  let storyId: string | null = null
  let copyOf: string | null = null
  let assignedAt = 0
  const reach = (state: keyof typeof rank) => {
    if (rank[state] > rank[progress]) progress = state
    // Progress after a failure means a retry went through.
    failure = null
  }
  for (const e of events) {
    switch (e.type) {
      case "ArticleReceived.v1":
        reach("received")
        break
      case "ArticleExtracted.v1":
        reach("extracted")
        break
      case "ArticleRejected.v1":
        rejection = `${e.data.stage}: ${e.data.code}: ${e.data.reason}`
        break
      case "CopyDetected.v1":
        copyOf = e.data.originalId
        break
      case "StoryAssigned.v3":
        reach("assigned")
        storyId = e.data.storyId
        assignedAt = e.meta.position
        break
      case "StageFailed.v1":
        if (failureStands({ stage: e.data.stage, position: e.meta.position }, reportCheckpoint)) failure = `${e.data.stage}: ${e.data.reason}`
        break
    }
  }
  const status: ArticleState =
    rejection !== null ? "rejected" : failure !== null ? "failed" : (progress as keyof typeof rank) === "assigned" && assignedAt <= reportCheckpoint ? "reported" : progress
  return { articleId, status, storyId, copyOf, reason: rejection ?? failure, events: events.map(summarise) }
}
