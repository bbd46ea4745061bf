import { Context, Effect, Layer, Semaphore } from "effect"
import { deriveEventId, EventLog, foldLog, keysFor, Queues, RedisClient, Settings, sha256, tryRedis, type EventLogShape, type PendingEvent, type StageHandler } from "@wiredesk/core"
import { renderIndex, renderStoryReport, reportFileName, summarizeStory, type StorySummary } from "./render.js"
import { ReportStore, type ReportStoreShape } from "./reportStore.js"
import { evictedExtractions, evolveStories, initialStories, keepResident, RESIDENT_EXTRACTIONS, restoreExtractions, STORY_EVENT_TYPES, storyArticles, type ArticleView, type StoriesState } from "./stories.js"

export const REPORT_VERSION = "report@0.2.0"
export const INDEX_FILE = "index.md"

/** The story projection this process keeps, with the summaries index.md is made of. */
export interface ReportProjection {
  readonly state: StoriesState
  readonly summaries: Map<string, StorySummary>
  written: boolean
}

export class ReportModel extends Context.Service<ReportModel, { readonly projection: ReportProjection; readonly pacing: Pacing; readonly lock: Semaphore.Semaphore }>()("wiredesk/ReportModel") {
  static readonly layer = Layer.effect(
    ReportModel,
    Effect.map(Semaphore.make(1), (lock) => ({ projection: newProjection(), pacing: { refreshedAt: 0, tookMs: 0 }, lock })),
  )
}

/** Reports refresh at most once per this many ms: the renders of a busy story are shared by the articles that arrive meanwhile. */
export const REPORT_COALESCE_MS = 50

/** When the last refresh ended and how long it took. */
export interface Pacing {
  refreshedAt: number
  tookMs: number
}

/**
 * Pure: how long after the last refresh the next may start. At least REPORT_COALESCE_MS, and at least as
 * long as the last refresh took: under load, rendering then gets at most half of this process's time and
 * each refresh covers more articles, instead of big stories being re-rendered for every arrival.
 */
export const refreshGapMs = (pacing: Pacing): number => Math.max(REPORT_COALESCE_MS, pacing.tookMs)

export const newProjection = (residentLimit = RESIDENT_EXTRACTIONS): ReportProjection => ({ state: initialStories(residentLimit), summaries: new Map(), written: false })

/** Pure: the ReportWritten event for one written report; identical content gives the identical event. */
export const reportWritten = (storyId: string, fileName: string, content: string, articleIds: readonly string[]): PendingEvent => {
  const data = { storyId, path: fileName, contentHash: sha256(content), articleIds: [...articleIds] }
  return {
    event: { type: "ReportWritten.v1", data },
    id: deriveEventId({ type: "ReportWritten.v1", causationId: storyId, stageVersion: REPORT_VERSION, data }),
    articleId: null,
    causationId: null,
    correlationId: null,
    stage: "report",
    stageVersion: REPORT_VERSION,
  }
}

/**
 * Folds the new events into the projection and, story by story in id order, brings each touched story's summary up to
 * date and hands its articles to `touched` (evicted bodies are read back from the log first, and let go after);
 * `removed` gets each merged-away story. Returns whether any story changed.
 */
export const updateProjection = <E, R>(
  log: EventLogShape,
  projection: ReportProjection,
  handlers: {
    readonly touched: (storyId: string, articles: readonly ArticleView[]) => Effect.Effect<void, E, R>
    readonly removed: (storyId: string) => Effect.Effect<void, E, R>
  },
) =>
  Effect.gen(function* () {
    const { state } = projection
    const { last } = yield* foldLog(log, state, evolveStories, { after: state.checkpoint, types: STORY_EVENT_TYPES })
    // Read past: the events of other types up to `last` concern no report.
    state.checkpoint = Math.max(state.checkpoint, last)
    for (const storyId of [...state.touched].sort()) {
      const evicted = evictedExtractions(state, storyId)
      if (evicted.length > 0) restoreExtractions(state, yield* log.atPositions(evicted))
      const articles = storyArticles(state, storyId)
      if (articles.length === 0) continue
      projection.summaries.set(storyId, summarizeStory(storyId, articles))
      yield* handlers.touched(storyId, articles)
      keepResident(state, articles)
    }
    for (const storyId of [...state.removed].sort()) {
      projection.summaries.delete(storyId)
      yield* handlers.removed(storyId)
    }
    const changed = state.touched.size + state.removed.size > 0
    state.touched.clear()
    state.removed.clear()
    return changed
  })

/**
 * Brings the reports folder up to date with the log: renders every story the new events touched,
 * removes merged-away stories, rewrites index.md, and records a ReportWritten for each changed file.
 */
export const refreshReports = (log: EventLogShape, store: ReportStoreShape, projection: ReportProjection) =>
  Effect.gen(function* () {
    const recorded: PendingEvent[] = []
    const changed = yield* updateProjection(log, projection, {
      touched: (storyId, articles) =>
        Effect.gen(function* () {
          const fileName = reportFileName(storyId)
          const content = renderStoryReport(storyId, articles)
          if ((yield* store.read(fileName)) !== content) yield* store.write(fileName, content)
          recorded.push(reportWritten(storyId, fileName, content, articles.map((a) => a.articleId)))
        }),
      removed: (storyId) => store.remove(reportFileName(storyId)),
    })
    const { state } = projection
    if (changed || !projection.written) {
      const index = renderIndex([...projection.summaries.values()])
      if ((yield* store.read(INDEX_FILE)) !== index) yield* store.write(INDEX_FILE, index)
      projection.written = true
    }
    yield* log.append(recorded)
    return state.checkpoint
  })

/**
 * Report: folds the story events into Markdown reports; one writer at a time per process (the queue adds a global limit).
 * Every article queues a report job, and each refresh re-renders the stories touched since the last, so refreshes are
 * paced (refreshGapMs): within the gap after the last one, a job with another waiting behind it leaves the refresh to
 * that one, and the last job waits out the gap and refreshes. Nothing is left unrendered; a report is at most that late.
 */
export const reportHandler: StageHandler<EventLog | ReportStore | ReportModel | RedisClient | Settings | Queues> = {
  stage: "report",
  version: REPORT_VERSION,
  handle: (_ref) =>
    Effect.gen(function* () {
      const log = yield* EventLog
      const store = yield* ReportStore
      const model = yield* ReportModel
      const redis = yield* RedisClient
      const queues = yield* Queues
      const keys = keysFor((yield* Settings).prefix)
      yield* model.lock.withPermits(1)(
        Effect.gen(function* () {
          const since = Date.now() - model.pacing.refreshedAt
          const gap = refreshGapMs(model.pacing)
          if (since < gap) {
            const waiting = yield* tryRedis("report queue length", () => queues.queue("report").getWaitingCount())
            if (waiting > 0) return
            yield* Effect.sleep(gap - since)
          }
          const started = Date.now()
          const checkpoint = yield* refreshReports(log, store, model.projection)
          model.pacing.refreshedAt = Date.now()
          model.pacing.tookMs = model.pacing.refreshedAt - started
          yield* tryRedis("report checkpoint", () => redis.set(keys.checkpoint("report"), checkpoint))
        }),
      )
      return []
    }),
}

/** Deletes every report and writes them again from the log alone. */
export const rebuildReports = (log: EventLogShape, store: ReportStoreShape) =>
  Effect.gen(function* () {
    for (const f of yield* store.list) yield* store.remove(f)
    const projection = newProjection()
    yield* refreshReports(log, store, projection)
    return projection
  })
