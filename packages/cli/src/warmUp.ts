/**
 * A long-running worker warms its stages before it takes jobs: the first articles a cold process handles cost
 * several times what later ones do (modules load on first use, V8 has not compiled the hot paths yet), so a worker
 * that starts taking jobs at once answers its first seconds of traffic late (at 20 articles/s, p99 383 ms against
 * about 70 ms once warm). The warm-up runs the stage cores themselves over made-up articles (warmUp.sample.ts), in
 * memory: no Redis, no queue, no reports folder, nothing recorded.
 */
import { Effect, Option } from "effect"
import { decodeBody, encodeBody, makeMemoryEventLog, type ArticleExtracted, type PendingEvent, type RecordedEvent, type Stage } from "@wiredesk/core"
import { initialDedupeState } from "@wiredesk/dedupe"
import { decideAndRecord } from "@wiredesk/dedupe/worker"
import { Extractor, extractEvents } from "@wiredesk/extract/worker"
import { INGEST_VERSION, receive, receivedEventId, submissionFromBytes } from "@wiredesk/ingest"
import { makeMemoryReportStore } from "@wiredesk/report"
import { newProjection, refreshReports, ReportModel } from "@wiredesk/report/worker"
import { WARM_UP_ARTICLES } from "./warmUp.sample.js"

/** Rounds over the sample: enough for V8 to optimise the hot paths (measured: see the README's Performance). */
export const WARM_UP_ROUNDS = 8

const MAX_BYTES = 1024 * 1024

/** What one round went through, so a spec can tell the warm-up really ran every stage. */
export interface WarmUpRound {
  readonly extracted: number
  readonly decided: number
  readonly reportsWritten: number
}

/** One pass of the sample through the stages given, in a fresh memory log. */
const warmUpRound = (stages: ReadonlySet<Stage>, round: number) =>
  Effect.gen(function* () {
    const log = makeMemoryEventLog()
    const store = makeMemoryReportStore()
    const projection = newProjection()
    const dedupe = initialDedupeState(1_000)
    const extractor = yield* Extractor
    const received = WARM_UP_ARTICLES.map((a, i) => {
      const submission = submissionFromBytes(a.name, Buffer.from(a.text), null, a.format === "html" ? "text/html" : "text/plain", MAX_BYTES)
      return receive(submission, `warm-up-${round}-${i}`, MAX_BYTES)
    }).filter((e) => e.type === "ArticleReceived.v1")
    // All at once, so that every extraction thread gets some.
    const outcomes = stages.has("extract") ? yield* Effect.forEach(received, (r) => extractor.extract(r.data), { concurrency: "unbounded" }) : []
    let decided = 0
    for (const [i, r] of received.entries()) {
      const outcome = outcomes[i]
      if (outcome?.kind !== "extracted") continue
      const recvId = receivedEventId(r.data.contentHash)
      const recv: PendingEvent = { event: r, id: recvId, articleId: r.data.articleId, causationId: null, correlationId: recvId, stage: "ingest", stageVersion: INGEST_VERSION }
      const extracted = extractEvents({ id: recvId, correlationId: recvId }, outcome, r.data.articleId) as PendingEvent
      // The Redis log's codec, on what it would store.
      decodeBody(encodeBody(JSON.stringify(extracted.event)))
      const { positions } = yield* log.append([recv, extracted])
      if (!stages.has("dedupe")) continue
      const [input] = yield* log.atPositions(positions.slice(1))
      decided += (yield* decideAndRecord(log, dedupe, input as RecordedEvent<ArticleExtracted>)).length > 0 ? 1 : 0
      if (stages.has("report")) yield* refreshReports(log, store, projection)
    }
    const summary: WarmUpRound = { extracted: outcomes.filter((o) => o.kind === "extracted").length, decided, reportsWritten: [...store.files.keys()].filter((f) => f !== "index.md").length }
    return { round: summary, recorded: log.all() }
  })

/**
 * Warms the cores of the stages this worker runs; boots the extraction threads first (when it runs extract), so that
 * they are warmed too. `wiredesk worker` ignores how it ends: a warm-up that goes wrong only leaves the worker cold.
 */
export const warmUp = (stages: readonly Stage[], rounds: number = WARM_UP_ROUNDS) =>
  Effect.gen(function* () {
    const wanted = new Set(stages)
    if (wanted.has("extract")) yield* (yield* Extractor).ready
    // Dedupe and report need extracted articles: the sample is extracted (inline, or on the threads) for them too.
    const cores = new Set<Stage>([...wanted, ...(wanted.has("dedupe") || wanted.has("report") ? (["extract", "dedupe"] as const) : [])])
    const done: WarmUpRound[] = []
    let recorded: readonly RecordedEvent[] = []
    for (let round = 0; round < rounds; round++) {
      const warmed = yield* warmUpRound(cores, round)
      done.push(warmed.round)
      recorded = warmed.recorded
    }
    // A report thread runs its own copy of the report core: it boots now (seconds under tsx), and warms on the sample.
    const model = yield* Effect.serviceOption(ReportModel)
    if (wanted.has("report") && Option.isSome(model) && model.value.thread !== null) yield* model.value.thread.warm(recorded, rounds)
    return done
  })
