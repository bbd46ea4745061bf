const tokens = (text: string): string[] => text.match(/[\p{L}\p{N}_]+/gu) ?? []

const shingles = (text: string, n = 4): Map<string, number> => {
  const words = tokens(text)
  const counts = new Map<string, number>()
  // The benchmark keeps a text shorter than n words as one shingle, so short pages still score.
  const grams = words.length < n ? (words.length > 0 ? [words.join(" ")] : []) : []
  for (let i = 0; i + n <= words.length; i++) grams.push(words.slice(i, i + n).join(" "))
  for (const g of grams) counts.set(g, (counts.get(g) ?? 0) + 1)
  return counts
}

/** One page's share of true positives, false positives and false negatives (they sum to 1). */
export interface PageCounts {
  readonly tp: number
  readonly fp: number
  readonly fn: number
}

/** The article-extraction benchmark's per-page score: word 4-gram multisets of `\w+` tokens, as shares that sum to 1. */
export const comparePage = (predicted: string, expected: string): PageCounts => {
  const pred = shingles(predicted)
  const truth = shingles(expected)
  let tp = 0
  let fp = 0
  let fn = 0
  for (const [g, c] of pred) {
    const t = truth.get(g) ?? 0
    tp += Math.min(c, t)
    fp += Math.max(0, c - t)
  }
  for (const [g, c] of truth) fn += Math.max(0, c - (pred.get(g) ?? 0))
  const total = tp + fp + fn
  return total === 0 ? { tp: 0, fp: 0, fn: 0 } : { tp: tp / total, fp: fp / total, fn: fn / total }
}

const precisionOf = ({ tp, fp, fn }: PageCounts) => (fp === 0 && fn === 0 ? 1 : tp === 0 && fp === 0 ? 0 : tp / (tp + fp))
const recallOf = ({ tp, fp, fn }: PageCounts) => (fp === 0 && fn === 0 ? 1 : tp === 0 && fn === 0 ? 0 : tp / (tp + fn))

/** As the benchmark's evaluate.py: precision averages pages that predicted something, recall pages that expected something; F1 of the means. */
export const summarise = (pages: readonly PageCounts[]): { f1: number; precision: number; recall: number } => {
  const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length)
  const precision = mean(pages.filter((p) => p.tp + p.fp > 0).map(precisionOf))
  const recall = mean(pages.filter((p) => p.tp + p.fn > 0).map(recallOf))
  return { f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall), precision, recall }
}
