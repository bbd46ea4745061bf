/**
 * How well predicted stories match labelled events: pairwise precision, recall and F1 over article
 * pairs, and B-cubed F1 (per article: the share of its predicted story that is its event, and of
 * its event that is in its story). The metrics of the Giveme5W1H events dataset; the eval script
 * and the quality spec both use them.
 */
export interface ClusterScores {
  readonly p: number
  readonly r: number
  readonly f1: number
  readonly bcubed: number
  /** Predicted stories among the labelled articles. */
  readonly stories: number
}

const f1Of = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r))

/** Scores `predicted` (article -> story) against `gold` (article -> event), over the articles `gold` labels. */
export const clusterScores = (gold: ReadonlyMap<string, string>, predicted: ReadonlyMap<string, string>): ClusterScores => {
  const ids = [...gold.keys()]
  const same = (a: string, b: string) => predicted.get(a) !== undefined && predicted.get(a) === predicted.get(b)
  let tp = 0
  let fp = 0
  let fn = 0
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) {
      const a = ids[i] ?? ""
      const b = ids[j] ?? ""
      const g = gold.get(a) === gold.get(b)
      const p = same(a, b)
      if (g && p) tp++
      else if (p) fp++
      else if (g) fn++
    }
  let bp = 0
  let br = 0
  for (const a of ids) {
    const sameGold = ids.filter((b) => gold.get(b) === gold.get(a))
    const samePred = ids.filter((b) => b === a || same(a, b))
    const both = samePred.filter((b) => gold.get(b) === gold.get(a)).length
    bp += both / samePred.length
    br += both / sameGold.length
  }
  const p = tp + fp === 0 ? 1 : tp / (tp + fp)
  const r = tp + fn === 0 ? 1 : tp / (tp + fn)
  return { p, r, f1: f1Of(p, r), bcubed: f1Of(bp / ids.length, br / ids.length), stories: new Set(ids.map((id) => predicted.get(id))).size }
}
