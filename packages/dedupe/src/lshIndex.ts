/**
 * LSH buckets: band key -> the most recent articles with that band, oldest first, at most a cap. An article has 42
 * bands and nearly every bucket holds a single article, so the buckets are most of the index's memory: they live in
 * typed arrays, an open-addressing table of keys whose slot names its single article (by number) itself, or the
 * first of a linked list of nodes when it holds more: about 10 bytes per band instead of a Map entry with its boxed
 * key and array.
 */
export interface LshIndex {
  /** Table slot -> band key (meaningful where `heads` holds a node). */
  keys: Uint32Array
  /** Table slot -> its bucket's first (oldest) node, or its single article as `single(n)`; EMPTY or DELETED otherwise. */
  heads: Int32Array
  /** Slots holding a key, and slots holding a key or a tombstone. */
  used: number
  filled: number
  /** Node -> the article it names (by number), and the next node of its bucket (-1 at the end). */
  nodeArticle: Int32Array
  nodeNext: Int32Array
  /** Nodes freed by removals, to reuse; `nodes` is the high-water mark. */
  freeNodes: number[]
  nodes: number
  /** Article id <-> number, with how many buckets name it (a number is freed at zero). */
  readonly numbers: Map<string, number>
  readonly names: (string | undefined)[]
  refs: Int32Array
  readonly freeNumbers: number[]
}

const EMPTY = -1
const DELETED = -2
/** A slot value for a bucket of one article, number n: -3, -4, ... */
const single = (n: number): number => -3 - n
const isLive = (head: number): boolean => head >= 0 || head <= -3
const MAX_LOAD = 0.8

export const newLshIndex = (): LshIndex => ({
  keys: new Uint32Array(1024),
  heads: new Int32Array(1024).fill(EMPTY),
  used: 0,
  filled: 0,
  nodeArticle: new Int32Array(1024),
  nodeNext: new Int32Array(1024),
  freeNodes: [],
  nodes: 0,
  numbers: new Map(),
  names: [],
  refs: new Int32Array(1024),
  freeNumbers: [],
})

const slotHash = (key: number, mask: number): number => Math.imul(key, 0x9e3779b1) >>> 0 & mask

/** The slot holding `key`, or -1. */
const find = (index: LshIndex, key: number): number => {
  const mask = index.keys.length - 1
  for (let slot = slotHash(key, mask); ; slot = (slot + 1) & mask) {
    const head = index.heads[slot]!
    if (head === EMPTY) return -1
    if (head !== DELETED && index.keys[slot] === key) return slot
  }
}

const grown = <T extends Int32Array | Uint32Array>(array: T, size: number): T => {
  const next = new (array.constructor as new (n: number) => T)(size)
  next.set(array)
  return next
}

/** Rebuilds the table at `size` slots (a power of two), dropping tombstones. */
const rehash = (index: LshIndex, size: number): void => {
  const { keys, heads } = index
  index.keys = new Uint32Array(size)
  index.heads = new Int32Array(size).fill(EMPTY)
  const mask = size - 1
  for (let old = 0; old < heads.length; old++) {
    const head = heads[old]!
    if (!isLive(head)) continue
    let slot = slotHash(keys[old]!, mask)
    while (index.heads[slot] !== EMPTY) slot = (slot + 1) & mask
    index.keys[slot] = keys[old]!
    index.heads[slot] = head
  }
  index.filled = index.used
}

/** The slot for a new key (after growing when the table is too full). */
const claim = (index: LshIndex, key: number): number => {
  if (index.filled + 1 > index.keys.length * MAX_LOAD) rehash(index, index.used + 1 > (index.keys.length * MAX_LOAD) / 2 ? index.keys.length * 2 : index.keys.length)
  const mask = index.keys.length - 1
  let slot = slotHash(key, mask)
  while (isLive(index.heads[slot]!)) slot = (slot + 1) & mask
  if (index.heads[slot] === EMPTY) index.filled++
  index.used++
  index.keys[slot] = key
  return slot
}

const newNode = (index: LshIndex, article: number): number => {
  let node = index.freeNodes.pop()
  if (node === undefined) {
    node = index.nodes++
    if (node >= index.nodeArticle.length) {
      index.nodeArticle = grown(index.nodeArticle, index.nodeArticle.length * 2)
      index.nodeNext = grown(index.nodeNext, index.nodeNext.length * 2)
    }
  }
  index.nodeArticle[node] = article
  index.nodeNext[node] = -1
  return node
}

/** One bucket fewer names the article; at none, its number is freed. */
const release = (index: LshIndex, article: number): void => {
  if (--index.refs[article]! > 0) return
  const id = index.names[article]!
  index.numbers.delete(id)
  index.names[article] = undefined
  index.freeNumbers.push(article)
}

const numberOf = (index: LshIndex, id: string): number => {
  const known = index.numbers.get(id)
  if (known !== undefined) return known
  const n = index.freeNumbers.pop() ?? index.names.length
  if (n >= index.refs.length) index.refs = grown(index.refs, index.refs.length * 2)
  index.numbers.set(id, n)
  index.names[n] = id
  index.refs[n] = 0
  return n
}

export const lshGet = (index: LshIndex, key: number): readonly string[] => {
  const slot = find(index, key >>> 0)
  if (slot < 0) return []
  const head = index.heads[slot]!
  if (head <= -3) return [index.names[-3 - head]!]
  const ids: string[] = []
  for (let node = head; node >= 0; node = index.nodeNext[node]!) ids.push(index.names[index.nodeArticle[node]!]!)
  return ids
}

/** Per article number, the call of `lshCandidates` that last named it: distinct candidates without a set of names. */
let marks = new Int32Array(1024)
let call = 0

/**
 * The distinct articles of the buckets of `keys`, in the order they are first met. A copy shares most of its 42 bands
 * with its original and with the original's other copies: each is named once however many buckets hold it.
 */
export const lshCandidates = (index: LshIndex, keys: readonly number[]): string[] => {
  if (marks.length < index.refs.length) marks = new Int32Array(index.refs.length)
  if (++call === 0x7fffffff) {
    marks.fill(0)
    call = 1
  }
  const ids: string[] = []
  const meet = (article: number) => {
    if (marks[article] === call) return
    marks[article] = call
    ids.push(index.names[article]!)
  }
  for (const key of keys) {
    const slot = find(index, key >>> 0)
    if (slot < 0) continue
    const head = index.heads[slot]!
    if (head <= -3) meet(-3 - head)
    else for (let node = head; node >= 0; node = index.nodeNext[node]!) meet(index.nodeArticle[node]!)
  }
  return ids
}

/** Adds an article to a bucket (last, the most recent), dropping the oldest beyond `cap`; an article already in it stays where it is. */
export const lshAdd = (index: LshIndex, key: number, id: string, cap: number): void => {
  const k = key >>> 0
  const slot = find(index, k)
  if (slot < 0) {
    const article = numberOf(index, id)
    index.refs[article]!++
    index.heads[claim(index, k)] = single(article)
    return
  }
  const known = index.numbers.get(id)
  let head = index.heads[slot]!
  if (head <= -3) {
    if (-3 - head === known) return
    // A second article: the bucket becomes a list.
    head = newNode(index, -3 - head)
    index.heads[slot] = head
  }
  let count = 0
  let last = -1
  for (let node = head; node >= 0; node = index.nodeNext[node]!) {
    if (index.nodeArticle[node] === known) return
    count++
    last = node
  }
  const article = numberOf(index, id)
  index.refs[article]!++
  index.nodeNext[last] = newNode(index, article)
  if (count + 1 > cap) {
    const oldest = index.heads[slot]!
    index.heads[slot] = index.nodeNext[oldest]!
    index.freeNodes.push(oldest)
    release(index, index.nodeArticle[oldest]!)
  }
  settle(index, slot)
}

/** A list of one node goes back into its slot. */
const settle = (index: LshIndex, slot: number): void => {
  const head = index.heads[slot]!
  if (head >= 0 && index.nodeNext[head] === -1) {
    index.heads[slot] = single(index.nodeArticle[head]!)
    index.freeNodes.push(head)
  }
}

export const lshRemove = (index: LshIndex, key: number, id: string): void => {
  const slot = find(index, key >>> 0)
  const article = index.numbers.get(id)
  if (slot < 0 || article === undefined) return
  const head = index.heads[slot]!
  if (head <= -3) {
    if (-3 - head !== article) return
    index.heads[slot] = DELETED
    index.used--
    release(index, article)
    return
  }
  let previous = -1
  for (let node = head; node >= 0; previous = node, node = index.nodeNext[node]!) {
    if (index.nodeArticle[node] !== article) continue
    const next = index.nodeNext[node]!
    if (previous >= 0) index.nodeNext[previous] = next
    else index.heads[slot] = next
    index.freeNodes.push(node)
    release(index, article)
    settle(index, slot)
    return
  }
}

/** How many bucket keys the index holds. */
export const lshSize = (index: LshIndex): number => index.used

/** Every bucket as (key, ids), in key order: for comparing indexes in tests. */
export const lshEntries = (index: LshIndex): [number, string[]][] => {
  const entries: [number, string[]][] = []
  for (let slot = 0; slot < index.heads.length; slot++) if (isLive(index.heads[slot]!)) entries.push([index.keys[slot]!, [...lshGet(index, index.keys[slot]!)]])
  return entries.sort(([a], [b]) => a - b)
}
