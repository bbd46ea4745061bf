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

export const lshGet = (index: LshIndex, key: number): readonly string[] => {
  const found = shardOf(index, key).get(key)
  return found === undefined ? [] : typeof found === "string" ? [found] : found
}

/** Adds an article to a bucket, dropping the oldest beyond `cap`. */
export const lshAdd = (index: LshIndex, key: number, id: string, cap: number): void => {
  const shard = shardOf(index, key)
  const found = shard.get(key)
  if (found === undefined) shard.set(key, id)
  else if (typeof found === "string") {
    if (found !== id) shard.set(key, [found, id])
  } else if (!found.includes(id)) {
    found.push(id)
    if (found.length > cap) found.shift()
  }
}

export const lshRemove = (index: LshIndex, key: number, id: string): void => {
  const shard = shardOf(index, key)
  const found = shard.get(key)
  if (found === undefined) return
  if (typeof found === "string") {
    if (found === id) shard.delete(key)
    return
  }
  const rest = found.filter((x) => x !== id)
  if (rest.length === 0) shard.delete(key)
  else shard.set(key, rest.length === 1 ? (rest[0] as string) : rest)
}

/** Every bucket as (key, ids), in key order: for comparing indexes in tests. */
export const lshEntries = (index: LshIndex): [number, string[]][] =>
  index.shards
    .flatMap((shard) => [...shard].map(([k, v]): [number, string[]] => [k, typeof v === "string" ? [v] : [...v]]))
    .sort(([a], [b]) => a - b)
