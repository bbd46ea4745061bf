/** The dedupe harnesses' seeded shuffle (eval-dedupe.ts, why-split.ts): the same arrival orders in both. */
export const shuffled = <T>(items: readonly T[], seed: number): T[] => {
  const out = [...items]
  let s = seed >>> 0
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out
}
