import { Context, Effect, Layer } from "effect"
import { Cluster, Redis, type RedisOptions } from "ioredis"
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

/** A client of a single Redis or of a Redis Cluster: both speak the same commands, scripts and pipelines. */
export type RedisConnection = Redis | Cluster

/**
 * A Redis Cluster is selected by the URL scheme `redis+cluster://[user:pass@]host1:port1,host2:port2`
 * (`rediss+cluster://` for TLS): the hosts are seed nodes, the rest of the cluster is discovered.
 * Every other URL is a single Redis. A Cluster has no databases, so a path other than `/0` is refused.
 */
export const isClusterUrl = (url: string): boolean => /^rediss?\+cluster:\/\//i.test(url)

const parseClusterUrl = (url: string) => {
  const match = /^(rediss?)\+cluster:\/\/(?:([^@/]*)@)?([^/?#]+)(\/[^?#]*)?/i.exec(url)
  if (match === null) throw new Error(`invalid Redis Cluster URL: ${url}`)
  const [, scheme, auth, hosts, path] = match
  if (path !== undefined && path !== "/" && path !== "/0") throw new Error(`a Redis Cluster has only database 0: ${url}`)
  const [user, pass] = auth === undefined ? [] : auth.includes(":") ? [auth.slice(0, auth.indexOf(":")), auth.slice(auth.indexOf(":") + 1)] : [auth]
  const nodes = hosts!.split(",").map((hostPort) => {
    const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostPort.trim())
    if (m === null) throw new Error(`invalid Redis Cluster node '${hostPort}' in ${url}`)
    return { host: m[1]!.replace(/^\[|\]$/g, ""), port: Number(m[2] ?? 6379) }
  })
  return {
    nodes,
    username: user ? decodeURIComponent(user) : undefined,
    password: pass ? decodeURIComponent(pass) : undefined,
    tls: scheme!.toLowerCase() === "rediss" ? {} : undefined,
  }
}

/**
 * The one place wiredesk makes a Redis client: a `Redis` for a `redis://` or `rediss://` URL, a `Cluster`
 * for a `redis+cluster://` URL (see isClusterUrl). `overrides` are per-connection options (for BullMQ:
 * `maxRetriesPerRequest: null`); on a Cluster they apply to every node connection.
 */
export const makeRedisClient = (url: string, overrides: RedisOptions = {}): RedisConnection => {
  if (!isClusterUrl(url)) return new Redis(url, redisOptions(overrides))
  const { nodes, username, password, tls } = parseClusterUrl(url)
  const { lazyConnect, ...nodeOptions } = redisOptions(overrides)
  return new Cluster(nodes, {
    redisOptions: { ...nodeOptions, username, password, tls },
    enableReadyCheck: true,
    lazyConnect: lazyConnect ?? false,
    clusterRetryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2_000),
    // Slot lookups and redirections (MOVED/ASK during a resharding or failover) before a command fails.
    maxRedirections: 16,
    retryDelayOnFailover: 100,
    retryDelayOnClusterDown: 100,
  })
}

/** One ioredis client for the event log and read models; closed when the layer's scope ends. */
export class RedisClient extends Context.Service<RedisClient, RedisConnection>()("wiredesk/RedisClient") {
  static readonly layer = Layer.effect(
    RedisClient,
    Effect.gen(function* () {
      const { redisUrl } = yield* Settings
      return yield* Effect.acquireRelease(
        // Connection errors while Redis is away are expected; the client reconnects by itself.
        Effect.sync(() => makeRedisClient(redisUrl).on("error", quietErrorLog("redis"))),
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
  if (isClusterUrl(url)) throw new Error(`connection options cannot describe a Redis Cluster, use makeRedisClient: ${url}`)
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
