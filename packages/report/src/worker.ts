import { Context, Effect, Layer, Semaphore } from "effect"
import { DEFAULT_DEDUPE_WINDOW, deriveEventId, ReportStoreFailed, type WiredeskSettings, EventLog, foldLog, keysFor, membersDigest, RedisClient, Settings, sha256, tryRedis, type EventLogShape, type PendingEvent, type RecordedEvent, type StageHandler } from "@wiredesk/core"
import { INDEX_STORIES, insertNewestFirst, newestFirst, newestStories, renderNewestIndex, renderStory, reportFileName, summarizeStory, type StorySummary } from "./render.js"
import { ReportStore, type ReportStoreShape } from "./reportStore.js"
import { restartingThread, startReportThread } from "./reportThread.js"
import {
  evictedExtractions,
  evolveStories,
  initialStories,
  keepResident,
  letGoOfClosedStories,
  RESIDENT_EXTRACTIONS,
  restoreExtractions,
  STORY_EVENT_TYPES,
  storyArticles,
  type ArticleView,
  type StoriesState,
} from "./stories.js"

export const REPORT_VERSION = "report@0.3.1"
export const INDEX_FILE = "index.md"

/** The story projection this process keeps, with the summaries index.md is made of. */
export interface ReportProjection {
  /** Replaced when it is folded again from zero (see `letGoOfClosedStories`). */
  state: StoriesState
  /** Set and deleted here only, each change noted with `summaryChanged` (index.md's kept order, see `indexedStories`). */
  readonly summaries: Map<string, StorySummary>
  /** Summaries of stories let go, the newest of them (index.md's order; at most twice INDEX_STORIES): index.md may list them still. */
  readonly closed: Map<string, StorySummary>
  /** Stories no decision has named for this many decisions are let go; the dedupe window (unbounded: keep every story). */
  readonly window: number
  written: boolean
}

export class ReportModel extends Context.Service<
  ReportModel,
  {
    readonly projection: ReportProjection
    readonly behind: Set<symbol>
    readonly lock: Semaphore.Semaphore
    readonly resumed: { done: boolean }
    /** Where refreshes run when not on this event loop: a thread of their own (`refreshAndRecord` there), or null. */
    readonly thread: {
      /** Runs one refresh on the thread: false when no thread will run it (see `restartingThread`). */
      readonly refresh: Effect.Effect<boolean, ReportStoreFailed>
      /** Starts the thread and warms its report core on a sample's recorded events (see `ReportThread.warm`). */
      readonly warm: (events: readonly RecordedEvent[], rounds: number) => Effect.Effect<void, ReportStoreFailed>
    } | null
  }
>()("wiredesk/ReportModel") {
  /**
   * `window`: the dedupe window (WIREDESK_DEDUPE_WINDOW): stories dedupe has closed are let go. `threadSettings`: run
   * the refreshes on a worker thread that holds the projection and opens its own connections (closed with the layer).
   */
  static readonly layer = (window: number = DEFAULT_DEDUPE_WINDOW, threadSettings: WiredeskSettings | null = null) =>
    Layer.effect(
      ReportModel,
      Effect.gen(function* () {
        const lock = yield* Semaphore.make(1)
        // Started on the first refresh, so a process that never runs the report stage (the API) never starts it.
        const thread =
          threadSettings === null
            ? null
            : yield* Effect.acquireRelease(
                Effect.sync(() => restartingThread(() => startReportThread({ ...threadSettings, reportThread: false }))),
                (lazy) => Effect.promise(() => lazy.close()),
              )
        return {
          projection: newProjection(RESIDENT_EXTRACTIONS, window),
          behind: new Set<symbol>(),
          lock,
          resumed: { done: false },
          thread:
            thread === null
              ? null
              : {
                  refresh: Effect.tryPromise({
                    try: async () => {
                      const live = thread.get()
                      if (live === null) return false
                      await live.refresh()
                      return true
                    },
                    catch: (cause) => new ReportStoreFailed({ path: "report thread", cause }),
                  }),
                  warm: (events, rounds) =>
                    Effect.tryPromise({ try: async () => void (await thread.get()?.warm(events, rounds)), catch: (cause) => new ReportStoreFailed({ path: "report thread", cause }) }),
                },
        }
      }),
    )
}

export const newProjection = (residentLimit = RESIDENT_EXTRACTIONS, window = Number.POSITIVE_INFINITY): ReportProjection => ({
  state: initialStories(residentLimit),
  summaries: new Map(),
  closed: new Map(),
  window,
  written: false,
})

/**
 * The projection folded again from zero: to `before` (the checkpoint the new events came after) holding every story,
 * then past it, so that the stories the new events touched are there whole, and only they are touched.
 */
const foldAgain = (log: EventLogShape, stale: StoriesState, before: number, until: number) =>
  Effect.gen(function* () {
    const state = initialStories(stale.residentLimit)
    yield* foldLog(log, state, evolveStories, { types: STORY_EVENT_TYPES, until: before })
    state.checkpoint = before
    state.touched.clear()
    state.removed.clear()
    const { last } = yield* foldLog(log, state, evolveStories, { after: before, types: STORY_EVENT_TYPES, until })
    state.checkpoint = Math.max(state.checkpoint, last)
    return state
  })

/**
 * Per projection: every summary index.md may list (the projection's and the closed ones), in `newestFirst` order, as
 * of the last index rendered, and the stories whose summary changed since (`null`: any may have: sort them all).
 */
interface IndexOrder {
  order: StorySummary[]
  readonly listed: Map<string, StorySummary>
  changed: Set<string> | null
}
const indexOrders = new WeakMap<ReportProjection, IndexOrder>()

/** Notes that the summary of `storyId` (the projection's or a closed one) was set or let go since the last index; `null`: any may have. */
export const summaryChanged = (projection: ReportProjection, storyId: string | null): void => {
  const known = indexOrders.get(projection)
  if (known === undefined || known.changed === null) return
  // Many at once (a resume, a trim of the closed ones): one sort costs less than as many insertions.
  if (storyId === null || known.changed.size >= 64) known.changed = null
  else known.changed.add(storyId)
}

/**
 * The stories index.md lists, newest first: `newestStories` of the projection's summaries and the closed ones it may
 * still list. A refresh changes a few summaries of hundreds: the last order is kept, and each changed story's old
 * summary taken out of it and its new one put in by binary search, instead of sorting every story on every refresh
 * (the order is total: the same list as a sort of them all).
 */
export const indexedStories = (projection: ReportProjection): readonly StorySummary[] => {
  const known = indexOrders.get(projection)
  if (known === undefined || known.changed === null) {
    const listed = new Map<string, StorySummary>()
    const order: StorySummary[] = []
    for (const s of projection.summaries.values()) order.push(s)
    for (const s of projection.closed.values()) order.push(s)
    order.sort(newestFirst)
    for (const s of order) listed.set(s.storyId, s)
    indexOrders.set(projection, { order, listed, changed: new Set() })
    return order.length <= INDEX_STORIES ? order : order.slice(0, INDEX_STORIES)
  }
  const { order, listed, changed } = known
  for (const storyId of changed) {
    const was = listed.get(storyId)
    const now = projection.summaries.get(storyId) ?? projection.closed.get(storyId)
    if (was === now) continue
    if (was !== undefined) {
      order.splice(order.indexOf(was), 1)
      listed.delete(storyId)
    }
    if (now === undefined) continue
    insertNewestFirst(order, now)
    listed.set(storyId, now)
  }
  changed.clear()
  return order.length <= INDEX_STORIES ? order : order.slice(0, INDEX_STORIES)
}

/** Lets go of the stories dedupe has closed; the newest of them stay in index.md. */
export const letGoOfClosed = (projection: ReportProjection): void => {
  for (const storyId of letGoOfClosedStories(projection.state, projection.window)) {
    const summary = projection.summaries.get(storyId)
    if (summary === undefined) continue
    projection.summaries.delete(storyId)
    projection.closed.set(storyId, summary)
  }
  if (projection.closed.size <= 2 * INDEX_STORIES) return
  const kept = newestStories([...projection.closed.values()], INDEX_STORIES)
  summaryChanged(projection, null)
  projection.closed.clear()
  for (const summary of kept) projection.closed.set(summary.storyId, summary)
}

/** Pure: the ReportWritten event for one written report; identical content gives the identical event. */
export const reportWritten = (storyId: string, fileName: string, content: string, articleIds: readonly string[]): PendingEvent => {
  const data = { storyId, path: fileName, contentHash: sha256(content), articleCount: articleIds.length, articlesDigest: membersDigest(articleIds) }
  return {
    event: { type: "ReportWritten.v2", data },
    id: deriveEventId({ type: "ReportWritten.v2", causationId: storyId, stageVersion: REPORT_VERSION, data }),
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
 * `removed` gets each merged-away story. Returns whether any story changed. `until`: no further than this position.
 */
export const updateProjection = <E, R>(
  log: EventLogShape,
  projection: ReportProjection,
  handlers: {
    /** May give the story's summary, when it worked the articles out anyway (a render); otherwise it is summarised here. */
    readonly touched: (storyId: string, articles: readonly ArticleView[]) => Effect.Effect<StorySummary | void, E, R>
    readonly removed: (storyId: string) => Effect.Effect<void, E, R>
  },
  until: number = Number.POSITIVE_INFINITY,
) =>
  Effect.gen(function* () {
    const before = projection.state.checkpoint
    const { last } = yield* foldLog(log, projection.state, evolveStories, { after: before, types: STORY_EVENT_TYPES, until })
    // Read past: the events of other types up to `last` concern no report.
    projection.state.checkpoint = Math.max(projection.state.checkpoint, last)
    // An event named a story this projection let go: folded again, it holds that story whole.
    if (projection.state.stale) projection.state = yield* foldAgain(log, projection.state, before, until)
    const { state } = projection
    for (const storyId of [...state.touched].sort()) {
      const evicted = evictedExtractions(state, storyId)
      if (evicted.length > 0) restoreExtractions(state, yield* log.atPositions(evicted))
      const articles = storyArticles(state, storyId)
      if (articles.length === 0) continue
      projection.closed.delete(storyId)
      const summary = yield* handlers.touched(storyId, articles)
      projection.summaries.set(storyId, summary ?? summarizeStory(storyId, articles))
      summaryChanged(projection, storyId)
      keepResident(state, articles)
    }
    for (const storyId of [...state.removed].sort()) {
      projection.summaries.delete(storyId)
      projection.closed.delete(storyId)
      summaryChanged(projection, storyId)
      yield* handlers.removed(storyId)
    }
    const changed = state.touched.size + state.removed.size > 0
    state.touched.clear()
    state.removed.clear()
    letGoOfClosed(projection)
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
          const { content, summary } = renderStory(storyId, articles)
          if ((yield* store.read(fileName)) !== content) yield* store.write(fileName, content)
          recorded.push(reportWritten(storyId, fileName, content, articles.map((a) => a.articleId)))
          return summary
        }),
      removed: (storyId) => store.remove(reportFileName(storyId)),
    })
    const { state } = projection
    if (changed || !projection.written) {
      const index = renderNewestIndex(indexedStories(projection), state.storyCount)
      if ((yield* store.read(INDEX_FILE)) !== index) yield* store.write(INDEX_FILE, index)
      projection.written = true
    }
    yield* log.append(recorded)
    return state.checkpoint
  })

/** How many log positions a resuming worker folds between two lettings go. */
const RESUME_CHUNK = 50_000

/**
 * Brings a new projection up to `checkpoint` without rendering: the reports of everything up to there are written
 * (a report worker recorded that checkpoint). Summaries are kept up to date for index.md, and closed stories let go
 * chunk by chunk, so that a worker starting on a long log holds no more than a running one.
 */
export const resumeProjection = (log: EventLogShape, projection: ReportProjection, checkpoint: number) =>
  Effect.gen(function* () {
    const skip = { touched: () => Effect.void, removed: () => Effect.void }
    while (projection.state.checkpoint < checkpoint) {
      const at = projection.state.checkpoint
      yield* updateProjection(log, projection, skip, Math.min(checkpoint, at + RESUME_CHUNK))
      if (projection.state.checkpoint === at) return
    }
  })

/** How far the reports folder is written (the log position the report worker last recorded; 0 before its first refresh). */
export const readReportCheckpoint = (redis: RedisClient["Service"], prefix: string) =>
  readReportProgress(redis, prefix).pipe(Effect.map((progress) => progress.checkpoint))

/** The report checkpoint and how many stories the reports held there (index.md's count; null before a worker recorded one). */
export const readReportProgress = (redis: RedisClient["Service"], prefix: string) => {
  const keys = keysFor(prefix)
  return tryRedis("report checkpoint", () => redis.mget(keys.checkpoint("report"), keys.checkpoint("report-stories"))).pipe(
    Effect.map(([checkpoint, stories]) => ({ checkpoint: Number(checkpoint ?? 0), stories: stories === null ? null : Number(stories) })),
  )
}

/**
 * Where a report worker starting in this process can resume: the report checkpoint, if the reports folder has its
 * index.md and the checkpoint was recorded by this report version (another version renders every story again).
 */
const resumePoint = (redis: RedisClient["Service"], keys: ReturnType<typeof keysFor>, store: ReportStoreShape) =>
  Effect.gen(function* () {
    const [checkpoint, version] = yield* tryRedis("report checkpoint", () => redis.mget(keys.checkpoint("report"), keys.checkpoint("report-version")))
    if (version !== REPORT_VERSION || (yield* store.read(INDEX_FILE)) === null) return 0
    return Number(checkpoint ?? 0)
  })

/**
 * Report: folds the story events into Markdown reports; one writer at a time per process (the queue adds a global limit).
 * Every article queues a report job, and a refresh renders every story touched since the last one, whoever's article
 * touched it: a job that finds another of this process's jobs waiting for the writer behind it leaves the refresh to
 * that one, so under load one refresh covers a burst of articles, and the last job of a burst always refreshes. (Until
 * 2026-12-03 refreshes were paced by a sleep of at least 50 ms under the writer's lock: measured alternately, it cost
 * a third of the pipeline's throughput and saved no CPU.)
 */
export const reportHandler: StageHandler<EventLog | ReportStore | ReportModel | RedisClient | Settings> = {
  stage: "report",
  version: REPORT_VERSION,
  handle: (_ref) =>
    Effect.gen(function* () {
      const model = yield* ReportModel
      const me = Symbol("report job")
      model.behind.add(me)
      yield* model.lock
        .withPermits(1)(
          Effect.gen(function* () {
            model.behind.delete(me)
            // A job still waiting for the writer refreshes after this one, and its refresh covers this job's article.
            if (model.behind.size > 0) return
            // Without a thread, or once it has died too often to start again, the refresh runs on this event loop.
            if (model.thread === null || !(yield* model.thread.refresh)) yield* refreshAndRecord
          }),
        )
        .pipe(Effect.ensuring(Effect.sync(() => model.behind.delete(me))))
      return []
    }),
}

/**
 * One refresh of the reports, as the report stage makes it: on this process's first, resumed from the report
 * checkpoint (a worker (re)starting on a log whose reports are written renders only what is new since); the
 * checkpoint recorded after.
 */
export const refreshAndRecord = Effect.gen(function* () {
  const log = yield* EventLog
  const store = yield* ReportStore
  const model = yield* ReportModel
  const redis = yield* RedisClient
  const keys = keysFor((yield* Settings).prefix)
  if (!model.resumed.done) {
    yield* resumeProjection(log, model.projection, yield* resumePoint(redis, keys, store))
    model.resumed.done = true
  }
  const checkpoint = yield* refreshReports(log, store, model.projection)
  yield* tryRedis("report checkpoint", () =>
    redis.mset(keys.checkpoint("report"), String(checkpoint), keys.checkpoint("report-version"), REPORT_VERSION, keys.checkpoint("report-stories"), String(model.projection.state.storyCount)),
  )
})

/** Deletes every report and writes them again from the log alone. */
export const rebuildReports = (log: EventLogShape, store: ReportStoreShape) =>
  Effect.gen(function* () {
    for (const f of yield* store.list) yield* store.remove(f)
    const projection = newProjection()
    yield* refreshReports(log, store, projection)
    return projection
  })
