import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { lshAdd, lshCandidates, lshEntries, lshGet, lshRemove, lshSize, newLshIndex } from "./lshIndex.js"

/** What the buckets mean: per key, the most recent ids (oldest first), at most `cap`; an id already there stays put. */
const reference = () => {
  const buckets = new Map<number, string[]>()
  return {
    add: (key: number, id: string, cap: number) => {
      const list = buckets.get(key) ?? []
      if (list.includes(id)) return
      list.push(id)
      if (list.length > cap) list.shift()
      buckets.set(key, list)
    },
    remove: (key: number, id: string) => {
      const rest = (buckets.get(key) ?? []).filter((x) => x !== id)
      if (rest.length === 0) buckets.delete(key)
      else buckets.set(key, rest)
    },
    entries: () => [...buckets].sort(([a], [b]) => a - b),
  }
}

describe("the LSH buckets", () => {
  it("hold, per band key, the most recent articles up to the cap, through any adds and removals (the table grows as it must)", () => {
    const op = fc.oneof(
      fc.record({ add: fc.constant(true), key: fc.nat(3_000), id: fc.integer({ min: 0, max: 400 }) }),
      fc.record({ add: fc.constant(false), key: fc.nat(3_000), id: fc.integer({ min: 0, max: 400 }) }),
    )
    fc.assert(
      fc.property(fc.array(op, { maxLength: 4_000 }), fc.integer({ min: 1, max: 4 }), (ops, cap) => {
        const index = newLshIndex()
        const model = reference()
        // Keys spread over the whole 32-bit range, as band hashes are.
        const keyOf = (k: number) => Math.imul(k + 1, 0x85ebca6b) >>> 0
        for (const { add, key, id } of ops) {
          if (add) {
            lshAdd(index, keyOf(key), `a${id}`, cap)
            model.add(keyOf(key), `a${id}`, cap)
          } else {
            lshRemove(index, keyOf(key), `a${id}`)
            model.remove(keyOf(key), `a${id}`)
          }
        }
        expect(lshEntries(index)).toEqual(model.entries())
        expect(lshSize(index)).toBe(model.entries().length)
        for (const [key, ids] of model.entries()) expect(lshGet(index, key)).toEqual(ids)
        expect(lshGet(index, keyOf(3_001))).toEqual([])
        // The candidates of several keys: each article once, in the order its buckets are read (keys in the order given).
        const asked = [...new Set(ops.slice(0, 40).map(({ key }) => keyOf(key)))]
        expect(lshCandidates(index, [...asked, keyOf(3_001)])).toEqual([...new Set(asked.flatMap((key) => lshGet(index, key)))])
      }),
      { numRuns: 60, seed: 7 },
    )
  })

  it("forget an article's number once no bucket names it", () => {
    const index = newLshIndex()
    lshAdd(index, 1, "a", 2)
    lshAdd(index, 2, "a", 2)
    lshRemove(index, 1, "a")
    expect(index.numbers.has("a")).toBe(true)
    lshRemove(index, 2, "a")
    expect(index.numbers.has("a")).toBe(false)
    expect(lshSize(index)).toBe(0)
  })
})
