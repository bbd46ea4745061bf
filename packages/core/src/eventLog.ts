import { readFileSync } from "node:fs"
import { Context, Effect, Fiber, Layer } from "effect"
import { Settings } from "./config.js"
import { EventNotFound, EventUnreadable, RedisUnavailable, VersionConflict } from "./errors.js"
import type { Event, EventMetadata, PendingEvent, RecordedEvent } from "./events.js"
import { keysFor } from "./keys.js"
import { RedisClient, tryRedis, type RedisConnection } from "./redis.js"
import { upcastAndParse } from "./upcast.js"

export interface Appended {
  readonly positions: readonly number[]
  readonly fresh: readonly boolean[]
  readonly version: number
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
  readonly readArticle: (articleId: string) => Effect.Effect<RecordedEvent[], LogReadError>
  readonly byId: (eventId: string) => Effect.Effect<RecordedEvent | null, LogReadError>
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

const deserialise = (position: number, json: string, recordedAtMs: number): RecordedEvent => {
  let raw: { type: string; data: unknown; meta: Omit<EventMetadata, "position" | "recordedAt"> }
  try {
    raw = JSON.parse(json)
  } catch {
    throw new EventUnreadable({ position, reason: "not JSON" })
  }
  let event: Event
  try {
    event = upcastAndParse(raw)
  } catch (e) {
    throw new EventUnreadable({ position, reason: `${raw.type}: ${String(e).slice(0, 300)}` })
  }
  return {
    ...event,
    meta: { ...raw.meta, position, recordedAt: new Date(recordedAtMs).toISOString() },
  } as RecordedEvent
}

const appendScript = readFileSync(new URL("./lua/appendEvents.lua", import.meta.url), "utf8")

interface AppendCommand {
  wiredeskAppend(numKeys: number, ...args: string[]): Promise<number[]>
}

type StreamEntry = [string, string[]]

const parseEntries = (entries: StreamEntry[]): RecordedEvent[] =>
  entries.map(([id, fields]) => {
    const position = Number(id.split("-")[0])
    let json = ""
    let t = 0
    for (let i = 0; i + 1 < fields.length; i += 2) {
      if (fields[i] === "e") json = fields[i + 1] ?? ""
      else if (fields[i] === "t") t = Number(fields[i + 1])
    }
    return deserialise(position, json, t)
  })


const tryRead = <A>(operation: string, run: () => Promise<A>): Effect.Effect<A, LogReadError> =>
  Effect.tryPromise({
    try: run,
    catch: (cause) => (cause instanceof EventUnreadable ? cause : new RedisUnavailable({ operation, cause })),
  })

/** The event log on a Redis Stream, with an event-id index and a position list per article. */
export const makeRedisEventLog = (redis: RedisConnection, prefix: string): EventLogShape => {
  const keys = keysFor(prefix)
  if (!("wiredeskAppend" in redis)) redis.defineCommand("wiredeskAppend", { lua: appendScript })
  const runAppend = (events: readonly PendingEvent[], expected?: ExpectedVersion): Promise<number[]> => {
    const versionKey = expected ? keys.version(expected.stream) : keys.position
    const articleKeys = events.map((e) => (e.articleId ? keys.article(e.articleId) : keys.position))
    const args = [
      expected ? String(expected.version) : "",
      String(events.length),
      ...events.map((e) => e.id),
      ...events.map(serialise),
    ]
    return (redis as unknown as AppendCommand).wiredeskAppend(4 + events.length, keys.log, keys.eventIds, keys.position, versionKey, ...articleKeys, ...args)
  }
  const readRange = (from: string, to: string, count?: number) =>
    (count === undefined
      ? redis.xrange(keys.log, from, to)
      : redis.xrange(keys.log, from, to, "COUNT", count)) as Promise<StreamEntry[]>

  return {
    append: (events, expected) =>
      events.length === 0 && !expected
        ? Effect.succeed({ positions: [], fresh: [], version: 0 })
        : tryRedis("append", () => runAppend(events, expected)).pipe(
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
    readArticle: (articleId) =>
      tryRead("readArticle", async () => {
        const positions = await redis.lrange(keys.article(articleId), 0, -1)
        if (positions.length === 0) return []
        const pipeline = redis.pipeline()
        for (const p of positions) pipeline.xrange(keys.log, `${p}-1`, `${p}-1`)
        const replies = (await pipeline.exec()) ?? []
        return parseEntries(replies.flatMap(([err, entries]) => (err ? [] : (entries as StreamEntry[]))))
      }),
    byId: (eventId) =>
      tryRead("byId", async () => {
        const position = await redis.hget(keys.eventIds, eventId)
        if (position === null) return null
        const [entry] = parseEntries(await readRange(`${position}-1`, `${position}-1`))
        return entry ?? null
      }),
    head: tryRedis("head", async () => Number((await redis.get(keys.position)) ?? 0)),
    version: (stream) => tryRedis("version", async () => Number((await redis.get(keys.version(stream))) ?? 0)),
  }
}

/** An in-memory event log with the same contract, for tests of stage handlers. */
export const makeMemoryEventLog = (): EventLogShape & { readonly all: () => RecordedEvent[] } => {
  const log: RecordedEvent[] = []
  const ids = new Map<string, number>()
  const versions = new Map<string, number>()
  return {
    all: () => [...log],
    append: (events, expected) =>
      Effect.suspend(() => {
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
    readArticle: (articleId) => Effect.sync(() => log.filter((e) => e.meta.articleId === articleId)),
    byId: (eventId) => Effect.sync(() => log[(ids.get(eventId) ?? 0) - 1] ?? null),
    head: Effect.sync(() => log.length),
    version: (stream) => Effect.sync(() => versions.get(stream) ?? 0),
  }
}

/** Folds the whole log (or the part after `after`) in batches: the same fold serves live processing and rebuilds. */
export const foldLog = <S>(
  log: EventLogShape,
  state: S,
  evolve: (state: S, event: RecordedEvent) => S,
  options: { readonly after?: number; readonly batch?: number } = {},
): Effect.Effect<{ state: S; last: number }, LogReadError> =>
  Effect.gen(function* () {
    let last = options.after ?? 0
    let current = state
    const batch = options.batch ?? 2_000
    let events = yield* log.readAfter(last, batch)
    for (;;) {
      if (events.length === 0) return { state: current, last }
      last = events[events.length - 1]!.meta.position
      // A full batch means more may follow: start reading it while this one is folded.
      const following = events.length < batch ? null : yield* Effect.forkChild(log.readAfter(last, batch), { startImmediately: true })
      for (const e of events) current = evolve(current, e)
      if (following === null) return { state: current, last }
      events = yield* Fiber.join(following)
    }
  })

/** Fails with EventNotFound when the referenced event is not in the log. */
export const requireEvent = (log: EventLogShape, eventId: string) =>
  log.byId(eventId).pipe(Effect.flatMap((e) => (e === null ? Effect.fail(new EventNotFound({ eventId })) : Effect.succeed(e))))
