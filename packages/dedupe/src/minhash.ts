/**
 * Seeded 32-bit hashing and MinHash with LSH banding. Everything is fixed-seed integer
 * arithmetic, so signatures are identical on every host and every run.
 */

import { MINHASH_WASM } from "./minhashWasm.generated.js"

export const MINHASH_SIZE = 128
/** 42 bands of 3 rows: a pair with Jaccard 0.5 shares a band with probability 0.996, at 0.2 with 0.29. */
export const LSH_BANDS = 42
export const LSH_ROWS = 3
export const SHINGLE_WORDS = 5
/**
 * b-bit MinHash (Li and König, 2010): each minimum keeps its low 8 bits. Two different minima then
 * agree by chance once in 256, which the estimate corrects for; a quarter of the bytes, nearly the same accuracy.
 */
export const MINHASH_BITS = 8
const EMPTY = 0xffffffff

/** murmur3's finaliser: a good 32-bit mixer. */
export const fmix32 = (input: number): number => {
  let h = input >>> 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** FNV-1a over UTF-16 code units, then mixed. */
export const hashString = (text: string, seed = 0x811c9dc5): number => {
  let h = seed >>> 0
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return fmix32(h)
}

/** The seed of each permutation. */
export const SEEDS = Uint32Array.from({ length: MINHASH_SIZE }, (_, i) => fmix32(0x9e3779b9 + Math.imul(i + 1, 0x7f4a7c15)))

/**
 * Word-shingle hashes of a folded word sequence (a short text is one shingle), in text order. A repeated shingle
 * is repeated: MinHash takes minima, so repeats change nothing and are not worth a set.
 */
export const shingleHashes = (words: readonly string[]): Uint32Array => {
  if (words.length === 0) return new Uint32Array(0)
  if (words.length < SHINGLE_WORDS) return Uint32Array.of(hashString(words.join(" ")))
  const hashes = new Uint32Array(words.length - SHINGLE_WORDS + 1)
  for (let i = 0; i < hashes.length; i++) {
    // hashString of the words joined by spaces, without building the string.
    let h = 0x811c9dc5
    for (let k = i; k < i + SHINGLE_WORDS; k++) {
      if (k > i) h = Math.imul(h ^ 0x20, 0x01000193)
      const word = words[k]!
      for (let c = 0; c < word.length; c++) h = Math.imul(h ^ word.charCodeAt(c), 0x01000193)
    }
    hashes[i] = fmix32(h)
  }
  return hashes
}

/** A shingle's hash under one permutation (murmur3's finaliser of the shingle xor the permutation's seed), as `minhash` inlines it. */
export const permuted = (shingle: number, seed: number): number => fmix32(shingle ^ seed)

/**
 * MinHash signature: for each seeded permutation, the smallest permuted shingle hash (`permuted`). Four permutations
 * at a time over all shingles: each shingle is read once per four, and the four running minima stay in registers
 * (2.2 times faster than one at a time, the same signature; MINHASH_SIZE is a multiple of four). What `minhash` runs
 * where WebAssembly has no SIMD, and what the SIMD module is checked against.
 */
export const minhashScalar = (shingles: ArrayLike<number>): number[] => {
  const signature: number[] = new Array(MINHASH_SIZE)
  const n = shingles.length
  for (let i = 0; i < MINHASH_SIZE; i += 4) {
    const s0 = SEEDS[i]!
    const s1 = SEEDS[i + 1]!
    const s2 = SEEDS[i + 2]!
    const s3 = SEEDS[i + 3]!
    let m0 = EMPTY
    let m1 = EMPTY
    let m2 = EMPTY
    let m3 = EMPTY
    for (let s = 0; s < n; s++) {
      const x = shingles[s]!
      // fmix32(x ^ seed), written out four times: a call per hash would cost more than the hash.
      let h = (x ^ s0) >>> 0
      h ^= h >>> 16
      h = Math.imul(h, 0x85ebca6b)
      h ^= h >>> 13
      h = Math.imul(h, 0xc2b2ae35)
      h = (h ^ (h >>> 16)) >>> 0
      if (h < m0) m0 = h
      h = (x ^ s1) >>> 0
      h ^= h >>> 16
      h = Math.imul(h, 0x85ebca6b)
      h ^= h >>> 13
      h = Math.imul(h, 0xc2b2ae35)
      h = (h ^ (h >>> 16)) >>> 0
      if (h < m1) m1 = h
      h = (x ^ s2) >>> 0
      h ^= h >>> 16
      h = Math.imul(h, 0x85ebca6b)
      h ^= h >>> 13
      h = Math.imul(h, 0xc2b2ae35)
      h = (h ^ (h >>> 16)) >>> 0
      if (h < m2) m2 = h
      h = (x ^ s3) >>> 0
      h ^= h >>> 16
      h = Math.imul(h, 0x85ebca6b)
      h ^= h >>> 13
      h = Math.imul(h, 0xc2b2ae35)
      h = (h ^ (h >>> 16)) >>> 0
      if (h < m3) m3 = h
    }
    signature[i] = m0
    signature[i + 1] = m1
    signature[i + 2] = m2
    signature[i + 3] = m3
  }
  return signature
}

/** What is used here of the WebAssembly global (TypeScript types it with the DOM library, which Node's types leave out). */
declare const WebAssembly: {
  validate(bytes: Uint8Array): boolean
  readonly Module: new (bytes: Uint8Array) => object
  readonly Instance: new (module: object) => { readonly exports: Record<string, unknown> }
}
interface WasmMemory {
  readonly buffer: ArrayBuffer
  grow(pages: number): number
}

/**
 * The same signature from the WebAssembly module of minhash.wat, four permutations per instruction (128-bit SIMD): a
 * quarter of an analysis was this loop. Null where the runtime cannot compile it (no WebAssembly SIMD).
 */
export const minhashSimd: ((shingles: ArrayLike<number>) => number[]) | null = (() => {
  const bytes = Buffer.from(MINHASH_WASM, "base64")
  if (typeof WebAssembly === "undefined" || !WebAssembly.validate(bytes)) return null
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes))
  const memory = instance.exports["memory"] as WasmMemory
  const run = instance.exports["minhash"] as (n: number) => void
  // The module's memory in 32-bit words: SEEDS at word 0, the minima at 128, the shingles from 256.
  let words = new Uint32Array(memory.buffer)
  words.set(SEEDS, 0)
  return (shingles) => {
    const bytesNeeded = 4 * (256 + shingles.length)
    if (bytesNeeded > memory.buffer.byteLength) {
      memory.grow(Math.ceil((bytesNeeded - memory.buffer.byteLength) / 65_536))
      words = new Uint32Array(memory.buffer)
    }
    words.set(shingles, 256)
    run(shingles.length)
    return Array.from(words.subarray(128, 256))
  }
})()

/** MinHash signature (`minhashScalar`), by the SIMD module where the runtime has it: the same numbers either way. */
export const minhash: (shingles: ArrayLike<number>) => number[] = minhashSimd ?? minhashScalar

/** The b-bit signature dedupe records and compares: empty for a text without words. */
export const compactSignature = (signature: readonly number[]): Uint8Array => {
  if (signature.length < MINHASH_SIZE || signature[0] === EMPTY) return new Uint8Array(0)
  // Assigning to a Uint8Array keeps the low 8 bits.
  const compact = new Uint8Array(MINHASH_SIZE)
  for (let i = 0; i < MINHASH_SIZE; i++) compact[i] = signature[i]!
  return compact
}

/** LSH bucket keys of a signature, one per band (the band number is part of the key). */
export const bandKeys = (signature: ArrayLike<number>): number[] => {
  if (signature.length < MINHASH_SIZE) return []
  const keys: number[] = []
  for (let band = 0; band < LSH_BANDS; band++) {
    let h = fmix32(band + 1)
    for (let row = 0; row < LSH_ROWS; row++) h = fmix32(h ^ Math.imul((signature[band * LSH_ROWS + row] ?? 0) >>> 0, 0x27d4eb2d) ^ row)
    keys.push(h)
  }
  return keys
}

/**
 * Estimated Jaccard similarity of two b-bit signatures: the share of positions that agree, less
 * the chance that two different minima agree in their low bits.
 */
export const estimateJaccard = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  if (a.length < MINHASH_SIZE || b.length < MINHASH_SIZE) return 0
  let same = 0
  for (let i = 0; i < MINHASH_SIZE; i++) if (a[i] === b[i]) same++
  const chance = 2 ** -MINHASH_BITS
  return Math.max(0, (same / MINHASH_SIZE - chance) / (1 - chance))
}
