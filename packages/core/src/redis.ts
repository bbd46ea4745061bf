import { Context, Effect, Layer } from "effect"
import { Redis, type RedisOptions } from "ioredis"
import { Settings } from "./config.js"
import { RedisUnavailable } from "./errors.js"

/** Connection options shared by every wiredesk client: fail a command after a bounded wait, reconnect forever. */
export const redisOptions = (overrides: RedisOptions = {}): RedisOptions => ({
  maxRetriesPerRequest: 3,
  connectTimeout: 5_000,
  commandTimeout: 10_000,
  retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2_000),
  lazyConnect: false,
  ...overrides,
})

/** One stderr line per distinct error per 10 s: a Redis outage is reported, not repeated thousands of times. */
export const quietErrorLog = (label: string) => {
  const seen = new Map<string, number>()
  return (error: Error) => {
    const last = seen.get(error.message) ?? 0
    if (Date.now() - last < 10_000) return
    seen.set(error.message, Date.now())
    process.stderr.write(`wiredesk ${label}: ${error.message}\n`)
  }
}

/** One ioredis client for the event log and read models; closed when the layer's scope ends. */
export class RedisClient extends Context.Service<RedisClient, Redis>()("wiredesk/RedisClient") {
  static readonly layer = Layer.effect(
    RedisClient,
    Effect.gen(function* () {
      const { redisUrl } = yield* Settings
      return yield* Effect.acquireRelease(
        // Connection errors while Redis is away are expected; the client reconnects by itself.
        Effect.sync(() => new Redis(redisUrl, redisOptions()).on("error", quietErrorLog("redis"))),
        (redis) =>
          Effect.promise(() =>
            redis.status === "ready" ? redis.quit().then(() => undefined, () => redis.disconnect()) : Promise.resolve(redis.disconnect()),
          ),
      )
    }),
  )
}

/** ioredis options for a URL, for libraries (BullMQ) that own and close their connections. */
export const connectionFromUrl = (url: string, overrides: RedisOptions = {}): RedisOptions => {
  const u = new URL(url)
  return redisOptions({
    host: u.hostname.replace(/^\[|\]$/g, ""),
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === "rediss:" ? {} : undefined,
    ...overrides,
  })
}

/** A Redis call as an Effect whose failure is the retryable RedisUnavailable. */
export const tryRedis = <A>(operation: string, run: () => Promise<A>): Effect.Effect<A, RedisUnavailable> =>
  Effect.tryPromise({ try: run, catch: (cause) => new RedisUnavailable({ operation, cause }) })
