import { availableParallelism } from "node:os"
import { Context, Effect, Fiber, Layer, Semaphore } from "effect"
import { deriveEventId, EventLog, foldLog, InvalidJob, requireEvent, VersionConflict, type ArticleExtracted, type EventLogShape, type PendingEvent, type RecordedEvent, type StageHandler } from "@wiredesk/core"
import { startAnalysisThreads, type AnalysisThreads } from "./analysisThreads.js"
import { DEDUPE_FOLDED_TYPES, DEDUPE_VERSION, decideDedupe, evolveDedupe, INDEX_WINDOW, initialDedupeState, type DedupeEvent, type DedupeState } from "./dedupe.js"
import { analyze, type ArticleAnalysis } from "./features.js"

/** The stream whose version serialises dedupe decisions across workers and hosts. */
export const DEDUPE_STREAM = "dedupe"

/**
 * What this worker has read of the log beyond its dedupe state: how far (`seen`), and the
 * extractions it saw that nobody has decided yet, so it can decide them in log order.
 */
export interface DedupeSync {
  seen: number
  readonly undecided: Map<string, RecordedEvent<ArticleExtracted>>
  /**
   * The dedupe stream's version after this worker's last append, while no other writer is known to have recorded a
   * decision since (null: ask the log). A worker deciding alone then needs no round trip to learn it.
   */
  version: number | null
  /** Ids of the decision events this worker recorded and has not yet read back: what it reads that is not here is another writer's. */
  readonly own: Set<string>
}

export const initialSync = (): DedupeSync => ({ seen: 0, undecided: new Map(), version: null, own: new Set() })

/** This process's copy of the dedupe state: a fold of the log, caught up before every decision. */
export class DedupeIndex extends Context.Service<DedupeIndex, { readonly state: DedupeState; readonly sync: DedupeSync; readonly lock: Semaphore.Semaphore }>()("wiredesk/DedupeIndex") {
  /** `window`: how many recent articles the index holds (the same for every worker on one log). */
  static readonly layer = (window: number = INDEX_WINDOW) =>
    Layer.effect(
      DedupeIndex,
      Effect.map(Semaphore.make(1), (lock) => ({ state: initialDedupeState(window), sync: initialSync(), lock })),
    )
}

/** Pure: the dedupe events as the log records them; the stream version is part of the id, a new decision is a new fact. */
export const dedupeEvents = (input: RecordedEvent<ArticleExtracted>, events: readonly DedupeEvent[], version: number): PendingEvent[] =>
  events.map((event) => ({
    event,
    id: deriveEventId({ type: event.type, causationId: input.meta.id, stageVersion: `${DEDUPE_VERSION}#${version}`, data: event.data }),
    articleId: event.data.articleId,
    causationId: input.meta.id,
    correlationId: input.meta.correlationId,
    stage: "dedupe",
    stageVersion: DEDUPE_VERSION,
  }))

/** Folds whatever the log recorded since the state's checkpoint. */
export const catchUp = (log: EventLogShape, state: DedupeState) => foldLog(log, state, evolveDedupe, { after: state.checkpoint, types: DEDUPE_FOLDED_TYPES })

/**
 * Reads the log past `sync.seen`: dedupe events into the state, extractions into the undecided set. Other entries
 * (the received articles' content above all) are passed over without being decoded. A decision another writer
 * recorded makes the stream's version unknown again.
 */
const readNews = (log: EventLogShape, state: DedupeState, sync: DedupeSync) =>
  foldLog(
    log,
    sync,
    (s, e) => {
      evolveDedupe(state, e)
      if (e.type === "ArticleExtracted.v1") s.undecided.set(e.meta.id, e as RecordedEvent<ArticleExtracted>)
      else {
        if (!s.own.delete(e.meta.id)) s.version = null
        if (e.meta.causationId !== null && (e.type === "StoryAssigned.v3" || e.type === "CopyDetected.v1")) s.undecided.delete(e.meta.causationId)
      }
      return s
    },
    { after: sync.seen, types: DEDUPE_FOLDED_TYPES },
  ).pipe(Effect.tap(({ last }) => Effect.sync(() => void (sync.seen = Math.max(sync.seen, last)))))

/**
 * Decides and records, in log order and optimistically. Before deciding an input, the worker
 * decides every earlier extraction nobody has decided yet, so decisions follow the order of the
 * ArticleExtracted events whichever worker makes them: eight racing workers decide exactly as one.
 * Each append succeeds only if no other worker recorded a dedupe decision since the version this
 * one decided on; otherwise it reads the news and goes on.
 */
export const decideAndRecord = (
  log: EventLogShape,
  state: DedupeState,
  input: RecordedEvent<ArticleExtracted>,
  sync: DedupeSync = initialSync(),
  /** `analyze(input.data)`, worked out before the lock (it depends on the article alone); else worked out here. */
  analysis?: ArticleAnalysis,
) =>
  Effect.gen(function* () {
    const decided: DedupeEvent[] = []
    for (;;) {
      // Asked before reading, so the state read next holds every decision up to it; known without asking after this
      // worker's own append, unless the news holds another writer's decision (then asked again, and read again).
      const known = sync.version
      const version = known ?? (yield* log.version(DEDUPE_STREAM))
      yield* readNews(log, state, sync)
      if (known !== null && sync.version === null) continue
      const next = [...sync.undecided.values()]
        .filter((e) => e.meta.position <= input.meta.position)
        .sort((a, b) => a.meta.position - b.meta.position)[0]
      if (next === undefined) return decided
      const events = decideDedupe(state, { causationId: next.meta.id, article: next.data }, next.meta.id === input.meta.id ? analysis : undefined)
      if (events.length === 0) {
        sync.undecided.delete(next.meta.id)
        continue
      }
      const pending = dedupeEvents(next, events, version)
      const appended = yield* log.append(pending, { stream: DEDUPE_STREAM, version }).pipe(
        Effect.catchTag("VersionConflict", (_: VersionConflict) => Effect.sync(() => void (sync.version = null)).pipe(Effect.as(null))),
      )
      if (appended === null) continue
      sync.version = appended.version
      pending.forEach((p, i) => appended.fresh[i] && sync.own.add(p.id))
      sync.undecided.delete(next.meta.id)
      // Every earlier extraction was decided before this one (oldest first): nothing is left to read or decide.
      if (next.meta.id === input.meta.id) return [...decided, ...events]
    }
  })

/** Dedupe: ArticleExtracted to CopyDetected, StoryAssigned and StoriesMerged. */
export const dedupeHandler: StageHandler<EventLog | DedupeIndex> = {
  stage: "dedupe",
  version: DEDUPE_VERSION,
  handle: (ref) =>
    Effect.gen(function* () {
      const log = yield* EventLog
      const index = yield* DedupeIndex
      // Under load the worker has usually read the extraction already, with the news of an earlier job.
      const input = index.sync.undecided.get(ref) ?? (yield* requireEvent(log, ref))
      if (input.type !== "ArticleExtracted.v1") return yield* Effect.fail(new InvalidJob({ reason: `${ref} is ${input.type}, not ArticleExtracted` }))
      // Half of a decision's work depends on the article alone: done before the lock, while another job may hold it
      // waiting on Redis, and not again if the decision has to be made again after another writer's.
      const analysis = index.state.processed.has(input.meta.id) ? undefined : analyze(input.data)
      yield* index.lock.withPermits(1)(decideAndRecord(log, index.state, input, index.sync, analysis))
      return [ref]
    }),
}

interface Assignment {
  storyId: string
  copyOf: string | null
  cause: string | null
}

/** The story and copy of each article as dedupe events say, folded one at a time: merges are kept as story aliases. */
interface Assignments {
  readonly byArticle: Map<string, Assignment>
  readonly pendingCopy: Map<string, { readonly originalId: string; readonly cause: string | null }>
  /** Story -> the story it was merged into. */
  readonly mergedInto: Map<string, string>
}

const initialAssignments = (): Assignments => ({ byArticle: new Map(), pendingCopy: new Map(), mergedInto: new Map() })

type AssignmentEvent = { readonly type: string; readonly data: unknown; readonly meta: { readonly causationId: string | null } }

const evolveAssignments = (s: Assignments, e: AssignmentEvent): Assignments => {
  if (e.type === "CopyDetected.v1") {
    const d = e.data as { articleId: string; originalId: string }
    s.pendingCopy.set(d.articleId, { originalId: d.originalId, cause: e.meta.causationId })
  } else if (e.type === "StoryAssigned.v3") {
    const d = e.data as { articleId: string; storyId: string }
    const copy = s.pendingCopy.get(d.articleId)
    s.byArticle.set(d.articleId, { storyId: d.storyId, copyOf: copy && copy.cause === e.meta.causationId ? copy.originalId : null, cause: e.meta.causationId })
    s.pendingCopy.delete(d.articleId)
  } else if (e.type === "StoriesMerged.v1") {
    const d = e.data as { from: string; into: string }
    if (d.from !== d.into) s.mergedInto.set(d.from, d.into)
  }
  return s
}

/**
 * The story each article ends in, following merges (as the dedupe state does: an article is in the story its story
 * was merged into). One lookup per merge step, so a log with many merges costs no more than one with none.
 */
const settled = (s: Assignments): Map<string, Assignment> => {
  const resolve = (storyId: string): string => {
    let story = storyId
    // At most one step per merge recorded: a cycle (which no decision makes) cannot loop.
    for (let steps = 0, next = s.mergedInto.get(story); next !== undefined && steps <= s.mergedInto.size; steps++, next = s.mergedInto.get(story)) story = next
    return story
  }
  for (const a of s.byArticle.values()) a.storyId = resolve(a.storyId)
  return s.byArticle
}

/** Pure: the story and copy each article ends in, folded from dedupe events. */
export const finalAssignments = (events: Iterable<AssignmentEvent>): Map<string, Assignment> => {
  const s = initialAssignments()
  for (const e of events) evolveAssignments(s, e)
  return settled(s)
}

/** Events a replay reads at a time; it reads one batch ahead of the one it decides, and analyses that one meanwhile. */
const REPLAY_BATCH = 2_000

/**
 * One replay of dedupe over the log, streamed: each extraction is held only until the first dedupe event that names
 * it, and decided then (extractions never decided come last, in log order), so what it holds is the replay's own
 * state and two assignments per article, never the log. `keep`: the articles whose produced events (and their
 * inputs) to keep, for corrections. With `analyses`, each extraction's `analyze` is sent to them as soon as its batch
 * is read, one batch ahead of the decisions; the decisions stay one at a time, in order, on the event loop.
 */
const replayOnce = (log: EventLogShape, window: number, keep: ReadonlySet<string>, analyses: AnalysisThreads | null, progress: ReplayProgress) =>
  Effect.gen(function* () {
    const head = yield* log.head
    const state = initialDedupeState(window)
    const recorded = initialAssignments()
    const produced = initialAssignments()
    const kept = new Map<string, { copy?: { event: DedupeEvent; input: RecordedEvent<ArticleExtracted> }; assigned?: { event: DedupeEvent; input: RecordedEvent<ArticleExtracted> } }>()
    const undecided = new Map<string, RecordedEvent<ArticleExtracted>>()
    const decided = new Set<string>()
    // Analyses on their way (by extraction event id), and those that have arrived.
    const coming = new Map<string, Promise<ArticleAnalysis | undefined>>()
    const arrived = new Map<string, ArticleAnalysis | undefined>()
    let position = 0
    const decide = (input: RecordedEvent<ArticleExtracted>, analysis: ArticleAnalysis | undefined) => {
      const causationId = input.meta.id
      decided.add(causationId)
      // The state folds the extraction, as a live worker's does, so a copy can name the sentences its original lost.
      evolveDedupe(state, { ...input, meta: { ...input.meta, position: ++position } })
      for (const event of decideDedupe(state, { causationId, article: input.data }, analysis)) {
        position++
        const meta = { id: `replay-${position}`, position, recordedAt: "", articleId: event.data.articleId, causationId, correlationId: input.meta.correlationId, stage: "dedupe", stageVersion: DEDUPE_VERSION }
        evolveDedupe(state, { ...event, meta } as RecordedEvent)
        evolveAssignments(produced, { ...event, meta })
        if (!keep.has(event.data.articleId)) continue
        const held = kept.get(event.data.articleId) ?? {}
        if (event.type === "CopyDetected.v1") held.copy = { event, input }
        else if (event.type === "StoryAssigned.v3") held.assigned = { event, input }
        kept.set(event.data.articleId, held)
      }
    }
    const analysisOf = (input: RecordedEvent<ArticleExtracted>) =>
      Effect.gen(function* () {
        const id = input.meta.id
        // Rather than wait for a thread, the event loop works out the newest analyses no thread has started (the
        // threads' replies come in between): the two share the work whichever is the faster.
        while (analyses !== null && !arrived.has(id) && coming.has(id) && analyses.takeBack(analyze)) yield* Effect.promise(nextTurn)
        const waiting = arrived.has(id) ? undefined : coming.get(id)
        const ready = arrived.get(id)
        arrived.delete(id)
        coming.delete(id)
        // Undefined (never sent, or no thread could give it): the decision works it out itself.
        return waiting === undefined ? ready : yield* Effect.promise(() => waiting)
      })
    const send = (events: readonly RecordedEvent[]) => {
      if (analyses === null) return
      for (const e of events)
        if (e.type === "ArticleExtracted.v1" && !decided.has(e.meta.id) && !coming.has(e.meta.id)) {
          const id = e.meta.id
          coming.set(id, analyses.analyze((e as RecordedEvent<ArticleExtracted>).data).then((a) => (coming.has(id) && arrived.set(id, a), a)))
        }
    }
    // Only the extractions and dedupe's own events: the received articles' content (most of the log's bytes) is passed over undecoded.
    const read = (after: number) => log.scan(after, REPLAY_BATCH, DEDUPE_FOLDED_TYPES)
    let current = yield* read(0)
    send(current.events)
    let ahead = current.scanned < REPLAY_BATCH ? null : yield* read(current.last)
    if (ahead !== null) send(ahead.events)
    for (;;) {
      const following = ahead === null || ahead.scanned < REPLAY_BATCH ? null : yield* Effect.forkChild(read(ahead.last), { startImmediately: true })
      for (const e of current.events) {
        if (e.type === "ArticleExtracted.v1") {
          if (!decided.has(e.meta.id)) undecided.set(e.meta.id, e as RecordedEvent<ArticleExtracted>)
          continue
        }
        evolveAssignments(recorded, e)
        const input = e.meta.causationId === null ? undefined : undecided.get(e.meta.causationId)
        if (input !== undefined) {
          undecided.delete(input.meta.id)
          decide(input, yield* analysisOf(input))
        }
      }
      progress(current.last, head)
      if (ahead === null || ahead.scanned === 0) break
      current = ahead
      ahead = following === null ? null : yield* Fiber.join(following)
      if (ahead !== null) send(ahead.events)
    }
    for (const input of undecided.values()) decide(input, yield* analysisOf(input))
    return { before: settled(recorded), after: settled(produced), kept }
  })

/**
 * Replays dedupe from an empty state over the recorded inputs, in the order they were decided
 * (inputs never decided come last, in log order), and compares each article's final story and
 * copy with what the log says. Unchanged code reproduces the log exactly; after a change, each
 * article whose outcome differs gets a new StoryAssigned (and CopyDetected) recorded: the replay runs a second time
 * then, keeping the events of those articles only, so neither run holds the log or every decision in memory.
 */
export const replayDedupe = (
  log: EventLogShape,
  options: {
    readonly dryRun: boolean
    readonly article: string | null
    readonly window?: number
    /** Analysis threads beside the event loop: by default every core but one (at least one) from 8,000 logged events on, else none. */
    readonly threads?: number
    /** Told after each batch of the log read (a long replay takes minutes). */
    readonly progress?: ReplayProgress
  },
) =>
  Effect.gen(function* () {
    const threads = options.threads ?? ((yield* log.head) >= ANALYSIS_THREADS_FROM ? Math.max(1, availableParallelism() - 1) : 0)
    if (threads === 0) return { ...(yield* replayDedupeWith(log, options, null)), threads }
    const outcome = yield* Effect.acquireUseRelease(
      // A thread loads the dedupe core (about a second): meanwhile the event loop analyses the first articles itself.
      Effect.sync(() => startAnalysisThreads(threads)),
      (pool) => replayDedupeWith(log, options, pool),
      (pool) => Effect.promise(() => pool.close()),
    )
    return { ...outcome, threads }
  })

/** Resolves on the event loop's next turn, after the messages that have arrived meanwhile. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/** How far a replay has read: the log position of the last event read, and the log's head when it started. */
export type ReplayProgress = (position: number, head: number) => void

/** From this many logged events on (about 2,000 articles), a replay of dedupe analyses the articles on threads. */
const ANALYSIS_THREADS_FROM = 8_000

/** `replayDedupe` with the given analysis threads (or none): what it runs once it has started them. */
export const replayDedupeWith = (
  log: EventLogShape,
  options: { readonly dryRun: boolean; readonly article: string | null; readonly window?: number; readonly progress?: ReplayProgress },
  analyses: AnalysisThreads | null,
) =>
  Effect.gen(function* () {
    // The live workers' window: the decisions depend on it.
    const window = options.window ?? INDEX_WINDOW
    const progress = options.progress ?? (() => undefined)
    const { before, after } = yield* replayOnce(log, window, new Set(), analyses, progress)
    const lines: string[] = []
    const changed: string[] = []
    let same = 0
    for (const [articleId, now] of [...after].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (options.article !== null && articleId !== options.article) continue
      const was = before.get(articleId)
      if (was && was.storyId === now.storyId && was.copyOf === now.copyOf) {
        same++
        continue
      }
      lines.push(`${articleId}: story ${was?.storyId ?? "none"} -> ${now.storyId}; copy of ${was?.copyOf ?? "none"} -> ${now.copyOf ?? "none"}`)
      changed.push(articleId)
    }
    if (!options.dryRun && changed.length > 0) {
      const head = yield* log.head
      const { kept } = yield* replayOnce(log, window, new Set(changed), analyses, progress)
      const corrections: PendingEvent[] = []
      for (const articleId of changed) {
        const held = kept.get(articleId)
        const copy = after.get(articleId)?.copyOf !== null ? held?.copy : undefined
        for (const e of [copy, held?.assigned]) if (e !== undefined) corrections.push(...dedupeEvents(e.input, [e.event], head))
      }
      // Bumping the dedupe version makes running workers fold the corrections before their next decision.
      yield* log.append(corrections, { stream: DEDUPE_STREAM, version: yield* log.version(DEDUPE_STREAM) })
    }
    return { same, changed: lines.length, lines }
  })
