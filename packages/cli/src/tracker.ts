import type { EventType, RecordedEvent } from "@wiredesk/core"
import { receivedEventId, submissionRef, type Submission } from "@wiredesk/ingest"

export type ArticleOutcome = "pending" | "done" | "rejected" | "failed"

/** What a run needs to know to tell when every article has passed every stage: a fold over the log. */
export interface RunTracking {
  readonly articleOfReceived: Map<string, string>
  readonly assignedAt: Map<string, number>
  readonly rejected: Map<string, string>
  readonly failed: Map<string, string>
  readonly failedRefs: Map<string, string>
  checkpoint: number
}

export const initialTracking = (): RunTracking => ({
  articleOfReceived: new Map(),
  assignedAt: new Map(),
  rejected: new Map(),
  failed: new Map(),
  failedRefs: new Map(),
  checkpoint: 0,
})

/** The event types the tracking fold reads: reading the log, it need not parse any other. */
export const TRACKING_EVENT_TYPES: ReadonlySet<string> = new Set<EventType>(["ArticleReceived.v1", "ArticleRejected.v1", "StoryAssigned.v3", "StageFailed.v1"])

export const evolveTracking = (t: RunTracking, e: RecordedEvent): RunTracking => {
  if (e.meta.position <= t.checkpoint) return t
  t.checkpoint = e.meta.position
  switch (e.type) {
    case "ArticleReceived.v1":
      t.articleOfReceived.set(e.meta.id, e.data.articleId)
      break
    case "ArticleRejected.v1":
      if (e.data.stage === "ingest") t.articleOfReceived.set(e.meta.id, e.data.articleId)
      t.rejected.set(e.data.articleId, `${e.data.stage}: ${e.data.reason}`)
      break
    case "StoryAssigned.v3":
      t.assignedAt.set(e.data.articleId, e.meta.position)
      break
    case "StageFailed.v1":
      t.failed.set(e.data.articleId, `${e.data.stage}: ${e.data.reason}`)
      if (e.meta.causationId) t.failedRefs.set(e.meta.causationId, `${e.data.stage}: ${e.data.reason}`)
      break
  }
  return t
}

/** Where one submission stands, given the tracking fold and how far the reports have been written. */
export const outcomeOf = (t: RunTracking, s: Submission, reportCheckpoint: number): { outcome: ArticleOutcome; articleId: string | null } => {
  const refFailure = t.failedRefs.get(submissionRef(s))
  const articleId = t.articleOfReceived.get(receivedEventId(s.contentHash)) ?? null
  if (articleId === null) return { outcome: refFailure ? "failed" : "pending", articleId }
  if (t.rejected.has(articleId)) return { outcome: "rejected", articleId }
  // Reported wins over an earlier failure: a retried job that went through supersedes it.
  const at = t.assignedAt.get(articleId)
  if (at !== undefined && at <= reportCheckpoint) return { outcome: "done", articleId }
  return { outcome: t.failed.has(articleId) ? "failed" : "pending", articleId }
}
