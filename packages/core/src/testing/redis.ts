import { randomUUID } from "node:crypto"
import { Redis } from "ioredis"
import { afterAll, beforeAll } from "vitest"
import { keysFor } from "../keys.js"

let started: Promise<string> | undefined

/** A Redis for tests: REDIS_URL when set, else a Redis container (where a Docker engine runs). */
export const testRedisUrl = (): Promise<string> => {
  if (process.env["REDIS_URL"]) return Promise.resolve(process.env["REDIS_URL"])
  started ??= (async () => {
    const { RedisContainer } = await import("@testcontainers/redis")
    const container = await new RedisContainer("redis:7-alpine").start()
    return container.getConnectionUrl()
  })()
  return started
}

/** A prefix no other test uses, so tests never see or touch each other's keys. */
export const testPrefix = (label = "test"): string => `${label}-${randomUUID()}`

/** Deletes the keys of one prefix (and only those: every wiredesk key carries the `{prefix}` hash tag). */
export const deletePrefix = async (redisUrl: string, prefix: string): Promise<number> => {
  const redis = new Redis(redisUrl)
  let deleted = 0
  try {
    const pattern = `${keysFor(prefix).tag.replace(/([*?[\]\\])/g, "\\$1")}*`
    let cursor = "0"
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1000)
      cursor = next
      if (keys.length > 0) deleted += await redis.unlink(...keys)
    } while (cursor !== "0")
  } finally {
    redis.disconnect()
  }
  return deleted
}

/**
 * The Redis side of an integration test file: its URL, fresh prefixes and clients, all cleaned up
 * after the file (only the prefixes it handed out are deleted).
 */
export const redisTestScope = () => {
  let url = ""
  const prefixes: string[] = []
  const clients: Redis[] = []
  beforeAll(async () => {
    url = await testRedisUrl()
  })
  afterAll(async () => {
    for (const c of clients) c.disconnect()
    for (const p of prefixes) await deletePrefix(url, p)
  })
  return {
    url: () => url,
    prefix: (label = "test") => {
      const p = testPrefix(label)
      prefixes.push(p)
      return p
    },
    client: () => {
      const redis = new Redis(url)
      clients.push(redis)
      return redis
    },
  }
}
