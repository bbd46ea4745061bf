import { Effect } from "effect"
import { EventLog, foldLog, isType, type ArticleExtracted, type RecordedEvent, type Stage } from "@wiredesk/core"
import { decideAndRecord, DedupeIndex } from "@wiredesk/dedupe/worker"
import { replayDedupe } from "@wiredesk/dedupe/worker"
import { EXTRACTOR_VERSION, extractArticle } from "@wiredesk/extract"
import { extractEvents } from "@wiredesk/extract/worker"
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
}

const allEvents = Effect.gen(function* () {
  const log = yield* EventLog
  const { state } = yield* foldLog(log, [] as RecordedEvent[], (acc, e) => (acc.push(e), acc))
  return state
})

type Say = (line: string) => void

/** Re-runs extract's pure core over recorded ArticleReceived events; records only what differs. */
const replayExtract = (options: ReplayOptions, say: Say) =>
  Effect.gen(function* () {
    const log = yield* EventLog
    const events = yield* allEvents
    const fresh: string[] = []
    let same = 0
    for (const received of events.filter(isType("ArticleReceived.v1"))) {
      if (options.article !== null && received.data.articleId !== options.article) continue
      const extractor = options.extractor ?? { version: EXTRACTOR_VERSION, extract: extractArticle }
      const pending = extractEvents(received.meta, extractor.extract(received.data), received.data.articleId, extractor.version)
      if ((yield* log.byId(pending.id)) !== null) {
        same++
        continue
      }
      say(`${options.dryRun ? "would record" : "record"} ${pending.event.type} for ${received.data.articleId} (${pending.stageVersion})`)
      if (!options.dryRun) {
        yield* log.append([pending])
        if (pending.event.type === "ArticleExtracted.v1") fresh.push(pending.id)
      }
    }
    say(`extract: ${same} unchanged, ${fresh.length} ${options.dryRun ? "would change" : "recorded"}`)
    return fresh
  })

/** Ingest's input is the submission itself; replay checks that the recorded events still follow from it. */
const replayIngest = (options: ReplayOptions, say: Say) =>
  Effect.gen(function* () {
    const events = yield* allEvents
    let same = 0
    let differ = 0
    for (const r of events.filter(isType("ArticleReceived.v1"))) {
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
        const changes = yield* replayDedupe(log, { dryRun: options.dryRun, article: options.article })
        for (const line of changes.lines) say(line)
        say(`dedupe: ${changes.same} unchanged, ${changes.changed} ${options.dryRun ? "would change" : "recorded"}`)
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
