/**
 * LSH buckets: band key -> the most recent articles with that band. Sharded because one JS Map
 * holds at most 2^24 entries (a million articles make 42 million bands), and a bucket holding a
 * single article (nearly all of them) is stored as the bare id, without an array.
 */
export interface LshIndex {
  readonly shards: Map<number, string | string[]>[]
}

const SHARDS = 256

export const newLshIndex = (): LshIndex => ({ shards: Array.from({ length: SHARDS }, () => new Map()) })

const shardOf = (index: LshIndex, key: number): Map<number, string | string[]> => index.shards[key >>> 24] as Map<number, string | string[]>

/**
 * Within its shard a key is told by its low 24 bits (the shard is the high 8): a small integer V8 keeps unboxed,
 * where a full 32-bit key would be a heap number of its own, 42 of them per article.
 */
const LOW = 0xffffff

export const lshGet = (index: LshIndex, key: number): readonly string[] => {
  const found = shardOf(index, key).get(key & LOW)
  return found === undefined ? [] : typeof found === "string" ? [found] : found
}

/** Adds an article to a bucket, dropping the oldest beyond `cap`. */
export const lshAdd = (index: LshIndex, key: number, id: string, cap: number): void => {
  const shard = shardOf(index, key)
  const low = key & LOW
  const found = shard.get(low)
  if (found === undefined) shard.set(low, id)
  else if (typeof found === "string") {
    if (found !== id) shard.set(low, [found, id])
  } else if (!found.includes(id)) {
    found.push(id)
    if (found.length > cap) found.shift()
  }
}

export const lshRemove = (index: LshIndex, key: number, id: string): void => {
  const shard = shardOf(index, key)
  const low = key & LOW
  const found = shard.get(low)
  if (found === undefined) return
  if (typeof found === "string") {
    if (found === id) shard.delete(low)
    return
  }
  const rest = found.filter((x) => x !== id)
  if (rest.length === 0) shard.delete(low)
  else shard.set(low, rest.length === 1 ? (rest[0] as string) : rest)
}

/** Every bucket as (key, ids), in key order: for comparing indexes in tests. */
export const lshEntries = (index: LshIndex): [number, string[]][] =>
  index.shards
    .flatMap((shard, high) => [...shard].map(([k, v]): [number, string[]] => [((high << 24) | k) >>> 0, typeof v === "string" ? [v] : [...v]]))
    .sort(([a], [b]) => a - b)
