import type { Source } from "./sources.js"
import { byString, contentTerms, sentenceTerms, sentenceTermSet, stem, type Sentence } from "./text.js"

/** A sentence with the sources whose own sentences say the same thing. */
export interface Fact {
  readonly sentence: Sentence
  /** Articles (one per independent group) whose sentences match this one, this article included. */
  readonly corroboratedBy: readonly string[]
  readonly salience: number
}

/** How sentences of a story match across its articles. */
export interface SentenceMatches {
  readonly facts: readonly Fact[]
  readonly similarity: (a: Sentence, b: Sentence) => number
  readonly weightOf: (term: string) => number
}

const MIN_TERMS = 4
/** Cosine of weighted terms above which two sentences are taken to report the same fact. */
export const SAME_FACT = 0.3

const key = (s: Sentence): string => `${s.articleId}#${s.index}`

// A sentence's quoted terms and capitalised words depend on its text alone; they are kept with it across renders.
const quotedTermsOfSentence = new WeakMap<Sentence, readonly string[]>()
const quotedTermsOf = (s: Sentence): readonly string[] => {
  let terms = quotedTermsOfSentence.get(s)
  if (terms === undefined) quotedTermsOfSentence.set(s, (terms = [...new Set((s.text.match(/["“][^"“”]{8,}["”]/g) ?? []).flatMap(contentTerms))]))
  return terms
}
const capitalisedStemsOfSentence = new WeakMap<Sentence, readonly string[]>()
const capitalisedStemsOf = (s: Sentence): readonly string[] => {
  let stems = capitalisedStemsOfSentence.get(s)
  if (stems === undefined) capitalisedStemsOfSentence.set(s, (stems = (s.text.slice(1).match(/\b\p{Lu}[\p{L}-]{2,}/gu) ?? []).map((n) => stem(n.toLowerCase()))))
  return stems
}

/** Matches every sentence against the sentences of the other independent sources of the story. */
export const matchSentences = (sources: readonly Source[]): SentenceMatches => {
  const termsOf = new Map<string, ReadonlySet<string>>()
  const frequency = new Map<string, number>()
  let total = 0
  for (const src of sources)
    for (const s of src.sentences) {
      const terms = sentenceTermSet(s)
      termsOf.set(key(s), terms)
      total++
      for (const t of terms) frequency.set(t, (frequency.get(t) ?? 0) + 1)
    }
  // Weights are asked for millions of times in a long story: each term's is worked out once.
  const weights = new Map<string, number>()
  for (const [t, f] of frequency) weights.set(t, Math.log(1 + total / f))
  const weightOf = (term: string): number => weights.get(term) ?? Math.log(1 + total / 1)
  const normOf = (terms: ReadonlySet<string>): number => Math.sqrt([...terms].reduce((sum, t) => sum + weightOf(t) ** 2, 0))
  const norm = new Map<string, number>()
  for (const [k, terms] of termsOf) norm.set(k, normOf(terms))
  const similarity = (a: Sentence, b: Sentence): number => {
    const ta = termsOf.get(key(a)) ?? new Set(contentTerms(a.text))
    const tb = termsOf.get(key(b)) ?? new Set(contentTerms(b.text))
    if (ta.size < MIN_TERMS || tb.size < MIN_TERMS) return 0
    let shared = 0
    let count = 0
    for (const t of ta)
      if (tb.has(t)) {
        shared += weightOf(t) ** 2
        count++
      }
    if (count < 3) return 0
    return shared / ((norm.get(key(a)) ?? normOf(ta)) * (norm.get(key(b)) ?? normOf(tb)))
  }
  const articlesWith = new Map<string, Set<string>>()
  for (const src of sources)
    for (const s of src.sentences)
      for (const t of termsOf.get(key(s))!) articlesWith.set(t, (articlesWith.get(t) ?? new Set()).add(src.group))
  // An inverted index of terms keeps this near-linear: only sentences sharing terms are ever compared.
  const all = sources.flatMap((src) => src.sentences.map((sentence) => ({ sentence, group: src.group, articleId: src.articleId, terms: termsOf.get(key(sentence))! })))
  const groupIds = new Map([...new Set(all.map((x) => x.group))].map((g, i) => [g, i]))
  const groupOf = Int32Array.from(all, (x) => groupIds.get(x.group)!)
  const postings = new Map<string, number[]>()
  all.forEach((x, i) => {
    for (const t of x.terms) {
      const list = postings.get(t)
      if (list === undefined) postings.set(t, [i])
      else list.push(i)
    }
  })
  const facts: Fact[] = []
  const dot = new Float64Array(all.length)
  const count = new Int32Array(all.length)
  const norms = all.map((x) => norm.get(key(x.sentence)) ?? 1)
  all.forEach((x, i) => {
    const s = x.sentence
    const terms = x.terms
    const group = groupOf[i]!
    const touched: number[] = []
    if (terms.size >= MIN_TERMS)
      for (const t of terms) {
        const w2 = weightOf(t) ** 2
        for (const j of postings.get(t)!) {
          if (groupOf[j] === group) continue
          if (count[j] === 0) touched.push(j)
          dot[j] = dot[j]! + w2
          count[j] = count[j]! + 1
        }
      }
    // Each other group is represented by its earliest matching sentence.
    const earliest = new Map<number, number>()
    for (const j of touched) {
      if (count[j]! >= 3 && all[j]!.terms.size >= MIN_TERMS && dot[j]! / (norms[i]! * norms[j]!) >= SAME_FACT) {
        const known = earliest.get(groupOf[j]!)
        if (known === undefined || j < known) earliest.set(groupOf[j]!, j)
      }
      dot[j] = 0
      count[j] = 0
    }
    const corroboratedBy = [x.articleId, ...[...earliest.values()].map((j) => all[j]!.articleId)].sort(byString)
    // What the sentence adds: the weight of the terms no other source uses, per term, so long sentences do not win by length.
    const isNovel = (t: string): boolean => articlesWith.get(t)?.size === 1
    const novel = [...terms].filter(isNovel).reduce((sum, t) => sum + weightOf(t), 0)
    const quoteTerms = quotedTermsOf(s)
    const quoteNovelty = quoteTerms.length === 0 ? 0 : quoteTerms.filter(isNovel).reduce((sum, t) => sum + weightOf(t), 0) / Math.sqrt(quoteTerms.length)
    const names = capitalisedStemsOf(s).filter(isNovel).length
    const salience = terms.size === 0 ? 0 : novel / Math.sqrt(terms.size) + quoteNovelty + names + (/\d/.test(s.text) ? 1 : 0)
    facts.push({ sentence: s, corroboratedBy, salience })
  })
  return { facts, similarity, weightOf }
}

const independentCount = (sources: readonly Source[]): number => new Set(sources.map((s) => s.group)).size

/** Facts two or more independent sources agree on, one sentence per fact, best corroborated first. */
export const consensusFacts = (sources: readonly Source[], matches: SentenceMatches, limit = 8): Fact[] => {
  if (independentCount(sources) < 2) return []
  const candidates = matches.facts
    .filter((f) => f.corroboratedBy.length >= 2 && f.sentence.text.length <= 400)
    .sort((a, b) => b.corroboratedBy.length - a.corroboratedBy.length || a.sentence.index - b.sentence.index || byString(a.sentence.articleId, b.sentence.articleId))
  const chosen: Fact[] = []
  for (const f of candidates) {
    if (chosen.some((c) => matches.similarity(c.sentence, f.sentence) >= SAME_FACT)) continue
    chosen.push(f)
    if (chosen.length >= limit) break
  }
  return chosen
}

/** What only one source reports: its most salient sentences that no other independent source matches. */
export const uniqueFacts = (sources: readonly Source[], matches: SentenceMatches, perSource = Math.max(2, Math.min(5, Math.floor(30 / Math.max(1, sources.length))))): Map<string, Fact[]> => {
  const out = new Map<string, Fact[]>()
  if (independentCount(sources) < 2) return out
  for (const src of sources) {
    // A copy adds nothing its original does not; a copy whose original is not in the story stands for it.
    if (src.group !== src.articleId) continue
    const own = matches.facts
      .filter((f) => f.sentence.articleId === src.articleId && f.corroboratedBy.length === 1 && f.sentence.text.length <= 400)
      .filter((f) => sentenceTerms(f.sentence).length >= 5)
      .sort((a, b) => b.salience - a.salience || a.sentence.index - b.sentence.index)
      .slice(0, perSource)
      .sort((a, b) => a.sentence.index - b.sentence.index)
    if (own.length > 0) out.set(src.articleId, own)
  }
  return out
}
