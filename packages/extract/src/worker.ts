import { Effect } from "effect"
import { deriveEventId, EventLog, InvalidJob, requireEvent, type ArticleExtracted, type ArticleRejected, type StageHandler } from "@wiredesk/core"
import { EXTRACTOR_VERSION, extractArticle } from "./extract.js"

/** Pure: the events extract records for one received article (the same input always gives the same ids). */
export const extractEvents = (
  received: { readonly id: string; readonly correlationId: string | null },
  outcome: ReturnType<typeof extractArticle>,
  articleId: string,
  stageVersion: string = EXTRACTOR_VERSION,
) => {
  const event: ArticleExtracted | ArticleRejected =
    outcome.kind === "extracted"
      ? { type: "ArticleExtracted.v1", data: outcome.data }
      : { type: "ArticleRejected.v1", data: { articleId, stage: "extract", code: outcome.code, reason: outcome.reason } }
  return {
    event,
    id: deriveEventId({ type: event.type, causationId: received.id, stageVersion, data: event.data }),
    articleId,
    causationId: received.id,
    correlationId: received.correlationId,
    stage: "extract",
    stageVersion,
  }
}

/** Extract: ArticleReceived to ArticleExtracted (or ArticleRejected). */
export const extractHandler: StageHandler<EventLog> = {
  stage: "extract",
  version: EXTRACTOR_VERSION,
  handle: (ref) =>
    Effect.gen(function* () {
      const log = yield* EventLog
      const received = yield* requireEvent(log, ref)
      if (received.type !== "ArticleReceived.v1") return yield* Effect.fail(new InvalidJob({ reason: `${ref} is ${received.type}, not ArticleReceived` }))
      const pending = extractEvents(received.meta, extractArticle(received.data), received.data.articleId)
      yield* log.append([pending])
      return pending.event.type === "ArticleExtracted.v1" ? [pending.id] : []
    }),
}
