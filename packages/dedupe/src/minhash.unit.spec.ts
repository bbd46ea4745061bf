import { readFileSync } from "node:fs"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { MINHASH_SIZE, minhash, minhashScalar, minhashSimd, permuted, SEEDS } from "./minhash.js"
import { minhashWasmModule } from "./minhashWasm.build.js"
import { MINHASH_WASM } from "./minhashWasm.generated.js"

/** For each permutation, the smallest hash of any shingle under it: the definition, one hash at a time. */
const byDefinition = (shingles: ArrayLike<number>): number[] =>
  Array.from({ length: MINHASH_SIZE }, (_, p) => Array.from(shingles).reduce((min, x) => Math.min(min, permuted(x, SEEDS[p]!)), 0xffffffff))

const shingleHashes = fc.array(fc.nat({ max: 0xffffffff }), { maxLength: 300 }).map((xs) => Uint32Array.from(xs))

describe("a MinHash signature", () => {
  it("is worked out by the SIMD module on this runtime (Node has WebAssembly SIMD)", () => {
    expect(minhashSimd).not.toBeNull()
    expect(minhash).toBe(minhashSimd)
  })

  it("is, by the SIMD module and by the scalar loop alike, the smallest permuted hash per permutation", () =>
    fc.assert(
      fc.property(shingleHashes, (shingles) => {
        const expected = byDefinition(shingles)
        expect(minhashScalar(shingles)).toEqual(expected)
        expect(minhashSimd!(shingles)).toEqual(expected)
      }),
    ))

  it("is the same for a text longer than the module's first page of memory, and for the shorter one after it", () => {
    const long = Uint32Array.from({ length: 40_000 }, (_, i) => Math.imul(i + 1, 0x9e3779b1) >>> 0)
    expect(minhashSimd!(long)).toEqual(minhashScalar(long))
    const short = long.subarray(0, 3)
    expect(minhashSimd!(short)).toEqual(byDefinition(short))
  })

  it("of no shingle at all is the empty value in every position", () => expect(minhashSimd!(new Uint32Array(0))).toEqual(new Array(MINHASH_SIZE).fill(0xffffffff)))

  it("comes from a module that is minhash.wat compiled (scripts/build-minhash-wasm.ts writes it)", async () => {
    const wat = readFileSync(new URL("./minhash.wat", import.meta.url), "utf8")
    expect(Buffer.from(await minhashWasmModule(wat)).toString("base64")).toBe(MINHASH_WASM)
  })
})
