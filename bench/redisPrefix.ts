import { Redis } from "ioredis"

export const redisUrl = process.env["REDIS_URL"] ?? "redis://127.0.0.1:6379"

/** A prefix no one else uses: bench-<purpose>-<random>. */
export const benchPrefix = (purpose: string): string => `bench7-${purpose}-${Math.random().toString(36).slice(2, 8)}`

const scanKeys = async (redis: Redis, prefix: string): Promise<string[]> => {
  const keys: string[] = []
  let cursor = "0"
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", `{${prefix}}*`, "COUNT", 1000)
    cursor = next
    keys.push(...batch)
  } while (cursor !== "0")
  return keys
}

/** Bytes Redis holds for the keys of one prefix (MEMORY USAGE summed over SCAN), by key family. */
export const prefixMemory = async (redis: Redis, prefix: string): Promise<{ total: number; byFamily: Record<string, number>; keys: number }> => {
  const keys = await scanKeys(redis, prefix)
  const byFamily: Record<string, number> = {}
  let total = 0
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500)
    const p = redis.pipeline()
    for (const k of chunk) p.memory("USAGE", k, "SAMPLES", "0")
    const replies = (await p.exec()) ?? []
    chunk.forEach((k, j) => {
      const bytes = Number(replies[j]?.[1] ?? 0)
      const family = k.slice(prefix.length + 3).split(":")[0] ?? "?"
      byFamily[family] = (byFamily[family] ?? 0) + bytes
      total += bytes
    })
  }
  return { total, byFamily, keys: keys.length }
}

/** Removes every key of a bench prefix (SCAN + UNLINK on `{prefix}*` only). */
export const dropPrefix = async (prefix: string): Promise<number> => {
  if (!prefix.startsWith("bench7-")) throw new Error(`refusing to drop a prefix the bench did not create: ${prefix}`)
  const redis = new Redis(redisUrl)
  try {
    const keys = await scanKeys(redis, prefix)
    for (let i = 0; i < keys.length; i += 500) await redis.unlink(...keys.slice(i, i + 500))
    return keys.length
  } finally {
    redis.disconnect()
  }
}
