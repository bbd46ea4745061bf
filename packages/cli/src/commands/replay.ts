import { availableParallelism } from "node:os"
import { Effect } from "effect"
import { EventLog, foldLog, isType, Settings, type ArticleExtracted, type PendingEvent, type RecordedEvent, type Stage } from "@wiredesk/core"
import { decideAndRecord, DedupeIndex, replayDedupe } from "@wiredesk/dedupe/worker"
import { EXTRACTOR_VERSION, extractArticle } from "@wiredesk/extract"
import { extractEvents } from "@wiredesk/extract/worker"
import { ExtractThreadDied, startExtractThreads, type ExtractThreads } from "@wiredesk/extract/threads"
import { receive } from "@wiredesk/ingest"
import { ReportStore } from "@wiredesk/report"
import { rebuildReports, refreshReports, newProjection } from "@wiredesk/report/worker"

export interface ReplayOptions {
  readonly stage: Stage
  readonly article: string | null
  readonly downstream: boolean
  readonly dryRun: boolean
  /** The extract core to replay with: the shipped one unless a test substitutes another version. */
  readonly extractor?: { readonly version: string; readonly extract: typeof extractArticle }
  /** Extraction threads: by default one per core for large replays (THREADS_FROM articles), else inline. */
  readonly threads?: number
  /** Told how far a long replay has come: articles extracted of all, or log positions read of the head. */
  readonly progress?: (done: number, total: number, unit: "articles" | "events") => void
}

/** The recorded ArticleReceived events: the input of ingest's check and of extract (nothing else is parsed). */
const receivedEvents = Effect.gen(function* () {
  const log = yield* EventLog
  const { state } = yield* foldLog(log, [] as RecordedEvent[], (acc, e) => (acc.push(e), acc), { types: new Set(["ArticleReceived.v1"]) })
  return state.filter(isType("ArticleReceived.v1"))
})

type Say = (line: string) => void

/** From this many articles on, a replay extracts on worker threads (each thread loads the extract core: seconds). */
const THREADS_FROM = 2_000
const BATCH = 256

/** On a pool: a thread that dies with the input on it gets one more try on the thread started in its place. */
const extractOnce = (pool: ExtractThreads, data: Parameters<ExtractThreads["extract"]>[0]) =>
  pool.extract(data).catch((e: unknown) => (e instanceof ExtractThreadDied ? pool.extract(data) : Promise.reject(e)))

/**
 * Re-runs extract's pure core over recorded ArticleReceived events; records only what differs, in log order.
 * Large replays extract on worker threads, one per core; a substituted extractor (tests) runs inline.
 */
export const replayExtract = (options: ReplayOptions, say: Say) =>
  Effect.gen(function* () {
    const log = yield* EventLog
    const inputs = (yield* receivedEvents).filter((r) => options.article === null || r.data.articleId === options.article)
    const extractor = options.extractor ?? { version: EXTRACTOR_VERSION, extract: extractArticle }
    const threads = options.extractor !== undefined ? 1 : (options.threads ?? (inputs.length >= THREADS_FROM ? Math.min(8, availableParallelism()) : 1))
    const run = (pool: ExtractThreads | null) =>
      Effect.gen(function* () {
        const fresh: string[] = []
        let same = 0
        for (let i = 0; i < inputs.length; i += BATCH) {
          options.progress?.(i, inputs.length, "articles")
          const batch = inputs.slice(i, i + BATCH)
          const events: PendingEvent[] =
            pool === null
              ? batch.map((r) => extractEvents(r.meta, extractor.extract(r.data), r.data.articleId, extractor.version))
              : (yield* Effect.promise(() => Promise.all(batch.map((r) => extractOnce(pool, r.data))))).map((outcome, j) =>
                  extractEvents(batch[j]!.meta, outcome, batch[j]!.data.articleId),
                )
          const known = yield* log.exists(events.map((e) => e.id))
          for (const [j, pending] of events.entries()) {
            if (known[j]) {
              same++
              continue
            }
            say(`${options.dryRun ? "would record" : "record"} ${pending.event.type} for ${pending.articleId} (${pending.stageVersion})`)
            if (!options.dryRun) {
              yield* log.append([pending])
              if (pending.event.type === "ArticleExtracted.v1") fresh.push(pending.id)
            }
          }
        }
        options.progress?.(inputs.length, inputs.length, "articles")
        say(`extract: ${same} unchanged, ${fresh.length} ${options.dryRun ? "would change" : "recorded"}${threads > 1 ? ` (${threads} threads)` : ""}`)
        return fresh
      })
    if (threads <= 1) return yield* run(null)
    return yield* Effect.acquireUseRelease(
      // A replay is long: let every thread boot before the work is shared out.
      Effect.promise(async () => {
        const pool = startExtractThreads(threads)
        await pool.ready
        return pool
      }),
      run,
      (pool) => Effect.promise(() => pool.close()),
    )
  })

/** Ingest's input is the submission itself; replay checks that the recorded events still follow from it. */
const replayIngest = (options: ReplayOptions, say: Say) =>
  Effect.gen(function* () {
    let same = 0
    let differ = 0
    for (const r of yield* receivedEvents) {
      if (options.article !== null && r.data.articleId !== options.article) continue
      const again = receive(
        { input: r.data.input, requestedId: r.data.articleId, contentHash: r.data.contentHash, size: Buffer.byteLength(r.data.content), body: { kind: "text", format: r.data.format, text: r.data.content }, hints: r.data.hints },
        r.data.articleId,
        Number.MAX_SAFE_INTEGER,
      )
      if (JSON.stringify(again) === JSON.stringify({ type: r.type, data: r.data })) same++
      else {
        differ++
        say(`ingest would now record differently for ${r.data.articleId}`)
      }
    }
    say(`ingest: ${same} unchanged, ${differ} differ (ingest's outcome is part of the article's identity and is never re-recorded)`)
  })

/** Feeds new extractions to the live dedupe decision, in log order. */
const dedupeNew = (refs: readonly string[]) =>
  Effect.gen(function* () {
    const log = yield* EventLog
    const index = yield* DedupeIndex
    for (const ref of refs) {
      const input = yield* log.byId(ref)
      if (input?.type === "ArticleExtracted.v1") yield* decideAndRecord(log, index.state, input as RecordedEvent<ArticleExtracted>)
    }
  })

const refreshAll = (say: Say) =>
  Effect.gen(function* () {
    const log = yield* EventLog
    const store = yield* ReportStore
    const projection = newProjection()
    yield* refreshReports(log, store, projection)
    say(`report: ${projection.summaries.size} stories written to ${store.location("index.md").replace(/index\.md$/, "")}`)
  })

/** `wiredesk replay <stage>`: re-runs a stage's pure core over its recorded inputs, then (with --downstream) the later stages. */
export const replay = (options: ReplayOptions, say: Say) =>
  Effect.gen(function* () {
    switch (options.stage) {
      case "ingest":
      case "extract": {
        if (options.stage === "ingest") {
          yield* replayIngest(options, say)
          if (!options.downstream) return
        }
        const fresh = yield* replayExtract(options, say)
        if (!options.downstream || options.dryRun) return
        yield* dedupeNew(fresh)
        return yield* refreshAll(say)
      }
      case "dedupe": {
        const log = yield* EventLog
        // The window the workers decide with (WIREDESK_DEDUPE_WINDOW): the decisions depend on it.
        const window = (yield* Settings).dedupeWindow
        const changes = yield* replayDedupe(log, {
          dryRun: options.dryRun,
          article: options.article,
          window,
          progress: (position, head) => options.progress?.(position, head, "events"),
        })
        for (const line of changes.lines) say(line)
        say(`dedupe: ${changes.same} unchanged, ${changes.changed} ${options.dryRun ? "would change" : "recorded"}${changes.threads > 0 ? ` (analyses on ${changes.threads} thread${changes.threads === 1 ? "" : "s"})` : ""}`)
        if (options.downstream && !options.dryRun) yield* refreshAll(say)
        return
      }
      case "report": {
        if (options.dryRun) {
          say("report: a rebuild rewrites every report from the log; nothing is recorded unless a report's bytes change")
          return
        }
        const log = yield* EventLog
        const store = yield* ReportStore
        const projection = yield* rebuildReports(log, store)
        say(`report: rebuilt ${projection.summaries.size} stories from the log`)
        return
      }
    }
  })
