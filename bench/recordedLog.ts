import { Effect } from "effect"
import type { DedupeFeatures, EventLogShape, PendingEvent, RecordedEvent } from "@wiredesk/core"
import { decideDedupe, evolveDedupe, initialDedupeState } from "@wiredesk/dedupe"
import { dedupeEvents } from "@wiredesk/dedupe/worker"
import { extractEvents } from "@wiredesk/extract/worker"
import { INGEST_VERSION } from "@wiredesk/ingest"
import type { receiveAndExtract } from "./realArticles.js"

type Real = ReturnType<typeof receiveAndExtract>[number]

/**
 * Records the events `articles` articles leave in the log, as the live stages would, straight into
 * the log (Redis, or the memory log) in batches: real ingest, extract and dedupe output for the distinct articles, and syndicated
 * clones of them (same content, new article ids) beyond that.
 */
export const logRecorder = (log: EventLogShape, real: readonly Real[]) => {
  const dedupe = initialDedupeState()
  const featuresOf = new Map<string, DedupeFeatures>()
  let batch: PendingEvent[] = []
  let recorded = 0
  let next = 0
  const flush = async () => {
    if (batch.length === 0) return
    const appended = await Effect.runPromise(log.append(batch))
    recorded += appended.positions.length
    batch = []
  }
  /** Records the next `articles` articles; returns the events recorded so far. */
  return async (articles: number): Promise<number> => {
    for (let end = next + articles; next < end; next++) {
      const i = next
      const base = real[i % real.length]!
      const clone = i >= real.length
      const articleId = clone ? `${base.received.articleId}-c${i}` : base.received.articleId
      const received = { ...base.received, articleId, contentHash: clone ? `${i.toString(16).padStart(12, "0")}${base.received.contentHash.slice(12)}` : base.received.contentHash }
      const recvId = `recv-${received.contentHash.slice(0, 40)}`
      const recv: PendingEvent = { event: { type: "ArticleReceived.v1", data: received }, id: recvId, articleId, causationId: `sub-${received.contentHash}`, correlationId: recvId, stage: "ingest", stageVersion: INGEST_VERSION }
      const extracted = extractEvents({ id: recvId, correlationId: recvId }, { kind: "extracted", data: { ...base.extracted, articleId } } as never, articleId) as PendingEvent
      const input = { type: "ArticleExtracted.v1", data: { ...base.extracted, articleId }, meta: { id: extracted.id, position: 0, recordedAt: "", articleId, causationId: recvId, correlationId: recvId, stage: "extract", stageVersion: "" } } as RecordedEvent
      // Dedupe decides on the distinct articles; a clone is recorded as a copy of its original in the original's story.
      let decided: PendingEvent[]
      if (!clone) {
        // As a live worker's state does, the dedupe state folds the extraction: decisions derive the copy signature from it.
        evolveDedupe(dedupe, { ...input, meta: { ...input.meta, id: extracted.id, position: dedupe.checkpoint + 1 } } as RecordedEvent)
        const events = decideDedupe(dedupe, { causationId: extracted.id, article: input.data as never })
        decided = dedupeEvents(input as never, events, i)
        for (const e of events) if (e.type === "StoryAssigned.v3") featuresOf.set(articleId, e.data.features)
        for (const [k, e] of events.entries()) evolveDedupe(dedupe, { ...e, meta: { ...input.meta, id: `d${i}-${k}`, position: dedupe.checkpoint + 1, causationId: extracted.id } } as RecordedEvent)
      } else {
        const storyId = dedupe.storyOf.get(base.received.articleId) ?? `bench-${i}`
        const features = featuresOf.get(base.received.articleId)!
        decided = dedupeEvents(
          input as never,
          [
            { type: "CopyDetected.v1", data: { articleId, originalId: base.received.articleId, similarity: 1, added: [], removed: [] } },
            { type: "StoryAssigned.v3", data: { articleId, storyId, opened: false, score: 1, features } },
          ],
          i,
        )
      }
      batch.push(recv, extracted, ...decided)
      if (batch.length >= 400) await flush()
    }
    await flush()
    return recorded
  }
}
