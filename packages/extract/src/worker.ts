import { Context, Effect, Layer } from "effect"
import { deriveEventId, EventLog, ExtractUnavailable, InvalidJob, requireEvent, type ArticleExtracted, type ArticleReceived, type ArticleRejected, type StageHandler } from "@wiredesk/core"
import { EXTRACTOR_VERSION, extractArticle, type ExtractOutcome } from "./extract.js"
import { ExtractThreadDied, startExtractThreads, type ExtractThreads } from "./threads.js"

/** Where the extract core runs: inline, or on worker threads (the outcome is the same). */
export class Extractor extends Context.Service<
  Extractor,
  {
    /** Fails with ExtractUnavailable when the thread extracting it died (retried); never runs such an input inline. */
    readonly extract: (data: ArticleReceived["data"]) => Effect.Effect<ExtractOutcome, ExtractUnavailable>
    /** Completes once the threads (if any) have booted; until then the core runs inline. */
    readonly ready: Effect.Effect<void>
  }
>()("wiredesk/Extractor") {
  static readonly inline = Layer.succeed(Extractor, { extract: (data) => Effect.sync(() => extractArticle(data)), ready: Effect.void })

  /**
   * `threads` worker threads for the core, closed with the layer; 0 runs it inline. The threads boot on the
   * first extraction, so a process that never extracts (the API, a status query) never starts them.
   */
  static readonly layer = (threads: number) =>
    threads <= 0
      ? Extractor.inline
      : Layer.effect(
          Extractor,
          Effect.map(
            Effect.acquireRelease(
              Effect.sync(() => {
                let pool: ExtractThreads | null = null
                return { get: () => (pool ??= startExtractThreads(threads)), close: () => pool?.close() ?? Promise.resolve() }
              }),
              (lazy) => Effect.promise(() => lazy.close()),
            ),
            (lazy) => ({
              extract: (data: ArticleReceived["data"]) =>
                Effect.promise(() =>
                  lazy
                    .get()
                    .extract(data)
                    .then(
                      (outcome) => ({ outcome }),
                      (e: unknown) => (e instanceof ExtractThreadDied ? { died: e } : Promise.reject(e)),
                    ),
                ).pipe(Effect.flatMap((r) => ("outcome" in r ? Effect.succeed(r.outcome) : Effect.fail(new ExtractUnavailable({ cause: r.died }))))),
              ready: Effect.promise(() => lazy.get().ready),
            }),
          ),
        )
}

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
export const extractHandler: StageHandler<EventLog | Extractor> = {
  stage: "extract",
  version: EXTRACTOR_VERSION,
  handle: (ref) =>
    Effect.gen(function* () {
      const log = yield* EventLog
      const received = yield* requireEvent(log, ref)
      if (received.type !== "ArticleReceived.v1") return yield* Effect.fail(new InvalidJob({ reason: `${ref} is ${received.type}, not ArticleReceived` }))
      const outcome = yield* (yield* Extractor).extract(received.data)
      const pending = extractEvents(received.meta, outcome, received.data.articleId)
      yield* log.append([pending])
      return pending.event.type === "ArticleExtracted.v1" ? [pending.id] : []
    }),
}
