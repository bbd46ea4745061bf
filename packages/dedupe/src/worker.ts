import { Context, Effect, Layer, Semaphore } from "effect"
import { deriveEventId, EventLog, foldLog, InvalidJob, requireEvent, VersionConflict, type ArticleExtracted, type EventLogShape, type PendingEvent, type RecordedEvent, type StageHandler } from "@wiredesk/core"
import { DEDUPE_FOLDED_TYPES, DEDUPE_VERSION, decideDedupe, evolveDedupe, INDEX_WINDOW, initialDedupeState, type DedupeEvent, type DedupeState } from "./dedupe.js"

/** The stream whose version serialises dedupe decisions across workers and hosts. */
export const DEDUPE_STREAM = "dedupe"

/**
 * What this worker has read of the log beyond its dedupe state: how far (`seen`), and the
 * extractions it saw that nobody has decided yet, so it can decide them in log order.
 */
export interface DedupeSync {
  seen: number
  readonly undecided: Map<string, RecordedEvent<ArticleExtracted>>
}

export const initialSync = (): DedupeSync => ({ seen: 0, undecided: new Map() })

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
 * (the received articles' content above all) are passed over without being decoded.
 */
const readNews = (log: EventLogShape, state: DedupeState, sync: DedupeSync) =>
  foldLog(
    log,
    sync,
    (s, e) => {
      evolveDedupe(state, e)
      if (e.type === "ArticleExtracted.v1") s.undecided.set(e.meta.id, e as RecordedEvent<ArticleExtracted>)
      else if (e.meta.causationId !== null && (e.type === "StoryAssigned.v3" || e.type === "CopyDetected.v1")) s.undecided.delete(e.meta.causationId)
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
export const decideAndRecord = (log: EventLogShape, state: DedupeState, input: RecordedEvent<ArticleExtracted>, sync: DedupeSync = initialSync()) =>
  Effect.gen(function* () {
    const decided: DedupeEvent[] = []
    for (;;) {
      const version = yield* log.version(DEDUPE_STREAM)
      yield* readNews(log, state, sync)
      const next = [...sync.undecided.values()]
        .filter((e) => e.meta.position <= input.meta.position)
        .sort((a, b) => a.meta.position - b.meta.position)[0]
      if (next === undefined) return decided
      const events = decideDedupe(state, { causationId: next.meta.id, article: next.data })
      if (events.length === 0) {
        sync.undecided.delete(next.meta.id)
        continue
      }
      const pending = dedupeEvents(next, events, version)
      const appended = yield* log.append(pending, { stream: DEDUPE_STREAM, version }).pipe(
        Effect.catchTag("VersionConflict", (_: VersionConflict) => Effect.succeed(null)),
      )
      if (appended === null) continue
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
      const input = yield* requireEvent(log, ref)
      if (input.type !== "ArticleExtracted.v1") return yield* Effect.fail(new InvalidJob({ reason: `${ref} is ${input.type}, not ArticleExtracted` }))
      yield* index.lock.withPermits(1)(decideAndRecord(log, index.state, input, index.sync))
      return [ref]
    }),
}

interface Assignment {
  storyId: string
  copyOf: string | null
  cause: string | null
}

/** Pure: the story and copy each article ends in, folded from dedupe events. */
export const finalAssignments = (events: Iterable<{ readonly type: string; readonly data: unknown; readonly meta: { readonly causationId: string | null } }>) => {
  const byArticle = new Map<string, Assignment>()
  const pendingCopy = new Map<string, { originalId: string; cause: string | null }>()
  for (const e of events) {
    if (e.type === "CopyDetected.v1") {
      const d = e.data as { articleId: string; originalId: string }
      pendingCopy.set(d.articleId, { originalId: d.originalId, cause: e.meta.causationId })
    } else if (e.type === "StoryAssigned.v3") {
      const d = e.data as { articleId: string; storyId: string }
      const copy = pendingCopy.get(d.articleId)
      byArticle.set(d.articleId, { storyId: d.storyId, copyOf: copy && copy.cause === e.meta.causationId ? copy.originalId : null, cause: e.meta.causationId })
      pendingCopy.delete(d.articleId)
    } else if (e.type === "StoriesMerged.v1") {
      const d = e.data as { from: string; into: string }
      for (const a of byArticle.values()) if (a.storyId === d.from) a.storyId = d.into
    }
  }
  return byArticle
}

/**
 * Replays dedupe from an empty state over the recorded inputs, in the order they were decided
 * (inputs never decided come last, in log order), and compares each article's final story and
 * copy with what the log says. Unchanged code reproduces the log exactly; after a change, each
 * article whose outcome differs gets a new StoryAssigned (and CopyDetected) recorded.
 */
export const replayDedupe = (log: EventLogShape, options: { readonly dryRun: boolean; readonly article: string | null; readonly window?: number }) =>
  Effect.gen(function* () {
    // Only the extractions and dedupe's own events: the received articles' content (most of the log's bytes) is passed over undecoded.
    const { state: events } = yield* foldLog(log, [] as RecordedEvent[], (acc, e) => (acc.push(e), acc), { types: DEDUPE_FOLDED_TYPES })
    const extracted = new Map<string, RecordedEvent<ArticleExtracted>>()
    for (const e of events) if (e.type === "ArticleExtracted.v1") extracted.set(e.meta.id, e as RecordedEvent<ArticleExtracted>)
    const order: string[] = []
    const seen = new Set<string>()
    const dedupeTypes = new Set(["CopyDetected.v1", "StoryAssigned.v3", "StoriesMerged.v1"])
    for (const e of events)
      if (dedupeTypes.has(e.type) && e.meta.causationId && extracted.has(e.meta.causationId) && !seen.has(e.meta.causationId)) {
        seen.add(e.meta.causationId)
        order.push(e.meta.causationId)
      }
    for (const id of extracted.keys()) if (!seen.has(id)) order.push(id)

    // The live workers' window: the decisions depend on it.
    const replayState = initialDedupeState(options.window ?? INDEX_WINDOW)
    const produced: RecordedEvent[] = []
    let position = 0
    for (const causationId of order) {
      const input = extracted.get(causationId)!
      // The state folds the extraction, as a live worker's does, so a copy can name the sentences its original lost.
      evolveDedupe(replayState, { ...input, meta: { ...input.meta, position: ++position } })
      for (const event of decideDedupe(replayState, { causationId, article: input.data })) {
        position++
        const recorded = { ...event, meta: { id: `replay-${position}`, position, recordedAt: "", articleId: event.data.articleId, causationId, correlationId: input.meta.correlationId, stage: "dedupe", stageVersion: DEDUPE_VERSION } } as RecordedEvent
        evolveDedupe(replayState, recorded)
        produced.push(recorded)
      }
    }
    const before = finalAssignments(events)
    const after = finalAssignments(produced)
    const lastAssigned = new Map<string, RecordedEvent>()
    const lastCopy = new Map<string, RecordedEvent>()
    for (const e of produced) {
      if (e.type === "StoryAssigned.v3") lastAssigned.set(e.data.articleId, e)
      if (e.type === "CopyDetected.v1") lastCopy.set(e.data.articleId, e)
    }
    const lines: string[] = []
    const corrections: PendingEvent[] = []
    let same = 0
    const head = yield* log.head
    for (const [articleId, now] of [...after].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (options.article !== null && articleId !== options.article) continue
      const was = before.get(articleId)
      if (was && was.storyId === now.storyId && was.copyOf === now.copyOf) {
        same++
        continue
      }
      lines.push(`${articleId}: story ${was?.storyId ?? "none"} -> ${now.storyId}; copy of ${was?.copyOf ?? "none"} -> ${now.copyOf ?? "none"}`)
      const assigned = lastAssigned.get(articleId)!
      const copy = now.copyOf !== null ? lastCopy.get(articleId) : undefined
      for (const e of [copy, assigned]) {
        if (e === undefined) continue
        const input = extracted.get(e.meta.causationId!)!
        corrections.push(...dedupeEvents(input, [{ type: e.type, data: e.data } as DedupeEvent], head))
      }
    }
    // Bumping the dedupe version makes running workers fold the corrections before their next decision.
    if (!options.dryRun && corrections.length > 0) yield* log.append(corrections, { stream: DEDUPE_STREAM, version: yield* log.version(DEDUPE_STREAM) })
    return { same, changed: lines.length, lines }
  })
