import { readFileSync } from "node:fs"
import { Context, Effect, Fiber, Layer } from "effect"
import { Settings } from "./config.js"
import { EventNotFound, EventUnreadable, RedisUnavailable, VersionConflict } from "./errors.js"
import { Event, type EventMetadata, type PendingEvent, type RecordedEvent } from "./events.js"
import { keysFor } from "./keys.js"
import { decodeBody, encodeBody } from "./logCodec.js"
import { RedisClient, tryRedis, type RedisConnection } from "./redis.js"
import { upcastAndParse } from "./upcast.js"

export interface Appended {
  readonly positions: readonly number[]
  readonly fresh: readonly boolean[]
  readonly version: number
}

export interface Scanned {
  readonly events: RecordedEvent[]
  /** The last position scanned (0 when nothing was), whether or not its event was returned. */
  readonly last: number
  /** How many positions were scanned: fewer than the limit means the end of the log. */
  readonly scanned: number
}

export interface ExpectedVersion {
  readonly stream: string
  readonly version: number
}

export type LogReadError = RedisUnavailable | EventUnreadable

export interface EventLogShape {
  /** Appends each event at most once (by id); with `expected`, only if that stream is still at that version. */
  readonly append: (
    events: readonly PendingEvent[],
    expected?: ExpectedVersion,
  ) => Effect.Effect<Appended, RedisUnavailable | VersionConflict>
  /** Events with position > after, oldest first, at most `limit`. */
  readonly readAfter: (after: number, limit: number) => Effect.Effect<RecordedEvent[], LogReadError>
  /**
   * Scans at most `limit` positions after `after` and returns the events among them of the given
   * types (all when none are given) and the last position scanned. Entries of other types are not
   * parsed: a projection pays only for the events it folds.
   */
  readonly scan: (after: number, limit: number, types?: ReadonlySet<string>) => Effect.Effect<Scanned, LogReadError>
  readonly readArticle: (articleId: string) => Effect.Effect<RecordedEvent[], LogReadError>
  readonly byId: (eventId: string) => Effect.Effect<RecordedEvent | null, LogReadError>
  /** The events at these positions, in the order given (positions past the head give nothing): one round trip. */
  readonly atPositions: (positions: readonly number[]) => Effect.Effect<RecordedEvent[], LogReadError>
  /** Whether each event id is in the log (one round trip for all of them). */
  readonly exists: (eventIds: readonly string[]) => Effect.Effect<boolean[], RedisUnavailable>
  readonly head: Effect.Effect<number, RedisUnavailable>
  readonly version: (stream: string) => Effect.Effect<number, RedisUnavailable>
}

/** The append-only event log: the only source of truth. */
export class EventLog extends Context.Service<EventLog, EventLogShape>()("wiredesk/EventLog") {
  static readonly layer = Layer.effect(
    EventLog,
    Effect.gen(function* () {
      const redis = yield* RedisClient
      const { prefix } = yield* Settings
      return makeRedisEventLog(redis, prefix)
    }),
  )

  static readonly memory = Layer.sync(EventLog, () => makeMemoryEventLog())
}

/**
 * Every event is checked against its schema once, on its way into the log, so readers need not check
 * it again each time they fold it. An invalid event is a bug in the stage that made it: a defect.
 */
const validate = (events: readonly PendingEvent[]): void => {
  for (const p of events) {
    const result = Event.safeParse(p.event)
    if (!result.success) throw new Error(`refusing to record an invalid ${p.event.type} (${p.id}): ${result.error.message.slice(0, 500)}`)
  }
}

/** Required fields of an event with its position: the shape kept in the stream entry. */
const serialise = (p: PendingEvent): string =>
  JSON.stringify({
    type: p.event.type,
    data: p.event.data,
    meta: {
      id: p.id,
      articleId: p.articleId,
      causationId: p.causationId,
      correlationId: p.correlationId,
      stage: p.stage,
      stageVersion: p.stageVersion,
    },
  })

/** The types of the current schema: a stored entry of one of these needs no upcasting, so its stored type is its type. */
const CURRENT_TYPES: ReadonlySet<string> = new Set(Event.options.map((o) => o.shape.type.value))

const deserialise = (position: number, json: string, recordedAt: string): RecordedEvent => {
  let raw: { type: string; data: unknown; meta: Omit<EventMetadata, "position" | "recordedAt"> }
  try {
    raw = JSON.parse(json)
  } catch {
    throw new EventUnreadable({ position, reason: "not JSON" })
  }
  let event: Event
  if (CURRENT_TYPES.has(raw.type) && typeof raw.data === "object" && raw.data !== null) {
    // Validated on the way in (append): a version's schema never changes, so the stored shape is still that schema.
    event = raw as unknown as Event
  } else {
    try {
      event = upcastAndParse(raw)
    } catch (e) {
      throw new EventUnreadable({ position, reason: `${raw.type}: ${String(e).slice(0, 300)}` })
    }
  }
  return {
    ...event,
    meta: { ...raw.meta, position, recordedAt },
  } as RecordedEvent
}

const appendScript = readFileSync(new URL("./lua/appendEvents.lua", import.meta.url), "utf8")
const readEventScript = readFileSync(new URL("./lua/readEvent.lua", import.meta.url), "utf8")

interface LogCommands {
  wiredeskAppend(numKeys: number, ...args: (string | Buffer)[]): Promise<number[]>
  wiredeskReadEventBuffer(log: string, eventIds: string, eventId: string): Promise<BufferEntry[]>
}

type BufferEntry = [Buffer, Buffer[]]

/** The position of a stream entry id ("<position>-1"), read without decoding the id to a string. */
const positionOf = (id: Buffer): number => {
  let n = 0
  for (let i = 0; i < id.length && id[i] !== 0x2d; i++) n = n * 10 + (id[i]! - 0x30)
  return n
}

const isField = (b: Buffer, code: number): boolean => b.length === 1 && b[0] === code
const E = 0x65
const Z = 0x7a
const T = 0x74
const Y = 0x79

/**
 * Parses stream entries read as buffers, skipping those whose stored type ("y", written since the log has it)
 * is a current type the reader does not want: a skipped entry's body is neither decoded nor parsed.
 * Older types are parsed and upcast first, then filtered.
 */
const parseEntries = (entries: BufferEntry[], types?: ReadonlySet<string>): RecordedEvent[] => {
  const events: RecordedEvent[] = []
  let lastT = -1
  let lastIso = ""
  for (const [id, fields] of entries) {
    let body: Buffer | undefined
    let deflated = false
    let t = 0
    let type: string | null = null
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const name = fields[i]!
      if (isField(name, Z)) {
        body = fields[i + 1]
        deflated = true
      } else if (isField(name, E)) body = fields[i + 1]
      else if (isField(name, T)) t = Number(fields[i + 1]!.toString("latin1"))
      else if (isField(name, Y)) type = fields[i + 1]!.toString("latin1")
    }
    if (types !== undefined && type !== null && CURRENT_TYPES.has(type) && !types.has(type)) continue
    // The events of one append share one recorded time: convert it once.
    if (t !== lastT) {
      lastT = t
      lastIso = new Date(t).toISOString()
    }
    const position = positionOf(id)
    const event = deserialise(position, body === undefined ? "" : deflated ? inflated(position, body) : body.toString("utf8"), lastIso)
    if (types === undefined || types.has(event.type)) events.push(event)
  }
  return events
}

const inflated = (position: number, body: Buffer): string => {
  try {
    return decodeBody(body)
  } catch {
    throw new EventUnreadable({ position, reason: "not a deflated body" })
  }
}

const lastPosition = (entries: BufferEntry[]): number => {
  const last = entries[entries.length - 1]
  return last === undefined ? 0 : positionOf(last[0])
}

const tryRead = <A>(operation: string, run: () => Promise<A>): Effect.Effect<A, LogReadError> =>
  Effect.tryPromise({
    try: run,
    catch: (cause) => (cause instanceof EventUnreadable ? cause : new RedisUnavailable({ operation, cause })),
  })

/** The event log on a Redis Stream, with an event-id index and a position list per article. */
export const makeRedisEventLog = (redis: RedisConnection, prefix: string): EventLogShape => {
  const keys = keysFor(prefix)
  if (!("wiredeskAppend" in redis)) redis.defineCommand("wiredeskAppend", { lua: appendScript })
  if (!("wiredeskReadEvent" in redis)) redis.defineCommand("wiredeskReadEvent", { lua: readEventScript, numberOfKeys: 2 })
  const commands = redis as unknown as LogCommands
  const runAppend = (events: readonly PendingEvent[], expected?: ExpectedVersion): Promise<number[]> => {
    const versionKey = expected ? keys.version(expected.stream) : keys.position
    const articleKeys = events.map((e) => (e.articleId ? keys.article(e.articleId) : keys.position))
    const args = [
      expected ? String(expected.version) : "",
      String(events.length),
      ...events.map((e) => e.id),
      ...events.map((e) => encodeBody(serialise(e))),
      ...events.map((e) => e.event.type),
    ]
    return commands.wiredeskAppend(4 + events.length, keys.log, keys.eventIds, keys.position, versionKey, ...articleKeys, ...args)
  }
  const readRange = (from: string, to: string, count?: number) =>
    (count === undefined
      ? redis.xrangeBuffer(keys.log, from, to)
      : redis.xrangeBuffer(keys.log, from, to, "COUNT", count)) as unknown as Promise<BufferEntry[]>

  const readPositions = async (positions: readonly (number | string)[]): Promise<RecordedEvent[]> => {
    if (positions.length === 0) return []
    const pipeline = redis.pipeline()
    for (const p of positions) pipeline.xrangeBuffer(keys.log, `${p}-1`, `${p}-1`)
    const replies = (await pipeline.exec()) ?? []
    return parseEntries(replies.flatMap(([err, entries]) => (err ? [] : (entries as unknown as BufferEntry[]))))
  }

  return {
    append: (events, expected) =>
      events.length === 0 && !expected
        ? Effect.succeed({ positions: [], fresh: [], version: 0 })
        : Effect.sync(() => validate(events)).pipe(
            Effect.flatMap(() => tryRedis("append", () => runAppend(events, expected))),
            Effect.flatMap((reply) => {
              const [status, version] = reply as [number, number]
              if (status === 0)
                return Effect.fail(new VersionConflict({ stream: expected?.stream ?? "", expected: expected?.version ?? 0, actual: version }))
              const positions: number[] = []
              const fresh: boolean[] = []
              for (let i = 2; i < reply.length; i += 2) {
                positions.push(Number(reply[i]))
                fresh.push(reply[i + 1] === 1)
              }
              return Effect.succeed({ positions, fresh, version })
            }),
          ),
    readAfter: (after, limit) => tryRead("readAfter", async () => parseEntries(await readRange(`${after + 1}-0`, "+", limit))),
    scan: (after, limit, types) =>
      tryRead("scan", async () => {
        const entries = await readRange(`${after + 1}-0`, "+", limit)
        return { events: parseEntries(entries, types), last: lastPosition(entries), scanned: entries.length }
      }),
    readArticle: (articleId) =>
      tryRead("readArticle", async () => readPositions(await redis.lrange(keys.article(articleId), 0, -1))),
    atPositions: (positions) => (positions.length === 0 ? Effect.succeed([]) : tryRead("atPositions", () => readPositions(positions))),
    byId: (eventId) =>
      tryRead("byId", async () => parseEntries(await commands.wiredeskReadEventBuffer(keys.log, keys.eventIds, eventId))[0] ?? null),
    exists: (eventIds) =>
      eventIds.length === 0 ? Effect.succeed([]) : tryRedis("exists", async () => (await redis.hmget(keys.eventIds, ...eventIds)).map((p) => p !== null)),
    head: tryRedis("head", async () => Number((await redis.get(keys.position)) ?? 0)),
    version: (stream) => tryRedis("version", async () => Number((await redis.get(keys.version(stream))) ?? 0)),
  }
}

/**
 * An in-memory event log with the same contract, for tests of stage handlers; `recorded`: events another log recorded
 * (positions 1, 2, ... in order), to fold them again without Redis (a report thread warming up on a worker's sample).
 */
export const makeMemoryEventLog = (recorded: readonly RecordedEvent[] = []): EventLogShape & { readonly all: () => RecordedEvent[] } => {
  const log: RecordedEvent[] = recorded.map((e, i) => ({ ...e, meta: { ...e.meta, position: i + 1 } }))
  const ids = new Map<string, number>(log.map((e) => [e.meta.id, e.meta.position]))
  const versions = new Map<string, number>()
  return {
    all: () => [...log],
    append: (events, expected) =>
      Effect.suspend(() => {
        validate(events)
        const current = expected ? (versions.get(expected.stream) ?? 0) : 0
        if (expected && current !== expected.version)
          return Effect.fail(new VersionConflict({ stream: expected.stream, expected: expected.version, actual: current }))
        const positions: number[] = []
        const fresh: boolean[] = []
        for (const p of events) {
          const existing = ids.get(p.id)
          if (existing !== undefined) {
            positions.push(existing)
            fresh.push(false)
            continue
          }
          const position = log.length + 1
          const recorded = JSON.parse(serialise(p)) as RecordedEvent
          log.push({ ...recorded, meta: { ...recorded.meta, position, recordedAt: new Date(0).toISOString() } })
          ids.set(p.id, position)
          positions.push(position)
          fresh.push(true)
        }
        let version = current
        if (expected && fresh.some(Boolean)) {
          version = current + 1
          versions.set(expected.stream, version)
        }
        return Effect.succeed({ positions, fresh, version })
      }),
    readAfter: (after, limit) => Effect.sync(() => log.slice(after, after + limit)),
    scan: (after, limit, types) =>
      Effect.sync(() => {
        const slice = log.slice(after, after + limit)
        const events = types === undefined ? slice : slice.filter((e) => types.has(e.type))
        return { events, last: slice[slice.length - 1]?.meta.position ?? 0, scanned: slice.length }
      }),
    readArticle: (articleId) => Effect.sync(() => log.filter((e) => e.meta.articleId === articleId)),
    atPositions: (positions) => Effect.sync(() => positions.flatMap((p) => (Number.isInteger(p) && p >= 1 && p <= log.length ? [log[p - 1]!] : []))),
    byId: (eventId) => Effect.sync(() => log[(ids.get(eventId) ?? 0) - 1] ?? null),
    exists: (eventIds) => Effect.sync(() => eventIds.map((id) => ids.has(id))),
    head: Effect.sync(() => log.length),
    version: (stream) => Effect.sync(() => versions.get(stream) ?? 0),
  }
}

/**
 * Folds the whole log (or the part after `after`) in batches: the same fold serves live processing
 * and rebuilds. With `types`, only events of those types reach `evolve` (the others are not parsed); with `until`,
 * nothing past that position is read.
 */
export const foldLog = <S>(
  log: EventLogShape,
  state: S,
  evolve: (state: S, event: RecordedEvent) => S,
  options: { readonly after?: number; readonly batch?: number; readonly types?: ReadonlySet<string>; readonly until?: number } = {},
): Effect.Effect<{ state: S; last: number }, LogReadError> =>
  Effect.gen(function* () {
    let last = options.after ?? 0
    let current = state
    const batch = options.batch ?? 2_000
    const until = options.until ?? Number.POSITIVE_INFINITY
    // Never past `until`: a scan of n positions after `after` reads positions after+1 .. after+n.
    const limit = (after: number) => Math.max(0, Math.min(batch, until - after))
    const read = (after: number) => log.scan(after, limit(after), options.types)
    if (limit(last) === 0) return { state: current, last }
    let scanned = yield* read(last)
    for (;;) {
      if (scanned.scanned === 0) return { state: current, last }
      last = scanned.last
      // A full batch means more may follow: start reading it while this one is folded.
      const following = scanned.scanned < batch || limit(last) === 0 ? null : yield* Effect.forkChild(read(last), { startImmediately: true })
      for (const e of scanned.events) current = evolve(current, e)
      if (following === null) return { state: current, last }
      scanned = yield* Fiber.join(following)
    }
  })

/** Fails with EventNotFound when the referenced event is not in the log. */
export const requireEvent = (log: EventLogShape, eventId: string) =>
  log.byId(eventId).pipe(Effect.flatMap((e) => (e === null ? Effect.fail(new EventNotFound({ eventId })) : Effect.succeed(e))))
