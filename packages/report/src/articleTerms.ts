import { perArticle, type Source } from "./sources.js"
import { sentenceTermSet } from "./text.js"

/** Sentences with fewer distinct terms than this match nothing: too little to say the same thing. */
export const MIN_TERMS = 4
/** Two sentences that share fewer terms than this match nothing, however rare the terms. */
export const MIN_SHARED = 3

/** One article's sentences as term matching reads them: every term numbered once, each sentence a list of numbers. */
export interface ArticleTerms {
  /** The article's distinct terms, in order of first use. */
  readonly vocabulary: readonly string[]
  /** Each term's place in `vocabulary`. */
  readonly numbers: ReadonlyMap<string, number>
  /** Per sentence: its distinct terms as places in `vocabulary`, in the order of `sentenceTermSet`. */
  readonly sentences: readonly Int32Array[]
  /** Per sentence: `sentenceTermSet`. */
  readonly termSets: readonly ReadonlySet<string>[]
  /** Per term of `vocabulary`: how many of the article's sentences use it. */
  readonly sentenceCounts: Int32Array
  /** Per term: the sentences that use it, in order. */
  readonly sentencesWith: ReadonlyMap<string, readonly number[]>
  /** Overlaps with other articles, worked out once per pair (see `sentenceOverlaps`). */
  readonly overlaps: WeakMap<ArticleTerms, readonly SentenceOverlap[]>
}

/** A sentence of one article and a sentence of another that share at least MIN_SHARED terms. */
export interface SentenceOverlap {
  /** The sentence's place in its own article. */
  readonly from: number
  /** The other sentence's place in the other article. */
  readonly to: number
  /** The shared terms as places in the vocabulary of `from`'s article, in `from`'s term order. */
  readonly shared: Int32Array
}

const termsOfArticle = (src: Source): ArticleTerms => {
  const number = new Map<string, number>()
  const vocabulary: string[] = []
  const counts: number[] = []
  const sentencesWith = new Map<string, number[]>()
  const termSets = src.sentences.map(sentenceTermSet)
  const sentences = termSets.map((terms, position) => {
    const numbers = new Int32Array(terms.size)
    let k = 0
    for (const t of terms) {
      let n = number.get(t)
      if (n === undefined) {
        number.set(t, (n = vocabulary.length))
        vocabulary.push(t)
        counts.push(0)
        sentencesWith.set(t, [])
      }
      counts[n]!++
      sentencesWith.get(t)!.push(position)
      numbers[k++] = n
    }
    return numbers
  })
  return { vocabulary, numbers: number, sentences, termSets, sentenceCounts: Int32Array.from(counts), sentencesWith, overlaps: new WeakMap() }
}

/** The terms of an article's sentences, worked out once per extraction. */
export const articleTerms = (src: Source): ArticleTerms => perArticle(src, "article terms", () => termsOfArticle(src))

const NO_SENTENCES: readonly number[] = []

/**
 * The overlaps of `a` with `b` and of `b` with `a`: the pairs are found once, each side's shared terms in its own order.
 * Every new article is paired with each member of its story, so this is done with numbers and few allocations: each
 * term of `a` is looked up in `b` once (not once per sentence that uses it); the sentences of `b` a sentence of `a`
 * meets are counted, then (for those that share enough) their shared terms gathered in `a`'s order by going through
 * its terms again, and on `b`'s side its sentence's terms marked by those; `b`'s pairs, met in order of `from`, are
 * put in order of their own sentence by counting.
 */
const overlapsBoth = (a: ArticleTerms, b: ArticleTerms): [SentenceOverlap[], SentenceOverlap[]] => {
  const ab: SentenceOverlap[] = []
  const ba: SentenceOverlap[] = []
  const count = new Int32Array(b.sentences.length)
  const touched = new Int32Array(b.sentences.length)
  // Per sentence of `b` sharing enough with the current sentence of `a`: the shared terms (places in `a`'s vocabulary).
  const sharedWith = new Array<Int32Array | null>(b.sentences.length).fill(null)
  const filled = new Int32Array(b.sentences.length)
  const inB = new Array<readonly number[] | undefined>(a.vocabulary.length)
  const numberInB = new Int32Array(a.vocabulary.length)
  const marked = new Uint8Array(b.vocabulary.length)
  a.sentences.forEach((terms, from) => {
    if (terms.length < MIN_TERMS) return
    let k = 0
    for (const n of terms) {
      let tos = inB[n]
      if (tos === undefined) {
        const term = a.vocabulary[n]!
        inB[n] = tos = b.sentencesWith.get(term) ?? NO_SENTENCES
        numberInB[n] = b.numbers.get(term) ?? -1
      }
      for (const to of tos) if (count[to]!++ === 0) touched[k++] = to
    }
    // A few sentences each time: sorted in place by insertion.
    for (let i = 1; i < k; i++) {
      const to = touched[i]!
      let j = i - 1
      for (; j >= 0 && touched[j]! > to; j--) touched[j + 1] = touched[j]!
      touched[j + 1] = to
    }
    let sharing = false
    for (let i = 0; i < k; i++) {
      const to = touched[i]!
      if (count[to]! >= MIN_SHARED && b.sentences[to]!.length >= MIN_TERMS) {
        sharedWith[to] = new Int32Array(count[to]!)
        sharing = true
      }
    }
    if (sharing)
      for (const n of terms)
        for (const to of inB[n]!) {
          const shared = sharedWith[to] ?? null
          if (shared !== null) shared[filled[to]!++] = n
        }
    for (let i = 0; i < k; i++) {
      const to = touched[i]!
      const shared = sharedWith[to] ?? null
      count[to] = 0
      if (shared === null) continue
      ab.push({ from, to, shared })
      const theirs = b.sentences[to]!
      for (const n of shared) marked[numberInB[n]!] = 1
      const back = new Int32Array(shared.length)
      let at = 0
      for (let t = 0; t < theirs.length; t++) if (marked[theirs[t]!] === 1) back[at++] = theirs[t]!
      ba.push({ from: to, to: from, shared: back })
      for (const n of shared) marked[numberInB[n]!] = 0
      sharedWith[to] = null
      filled[to] = 0
    }
  })
  // In order of `b`'s sentence, then of `a`'s (the order they were met in): a counting sort.
  const starts = new Int32Array(b.sentences.length + 1)
  for (const o of ba) starts[o.from + 1]!++
  for (let i = 1; i < starts.length; i++) starts[i]! += starts[i - 1]!
  const byFrom = new Array<SentenceOverlap>(ba.length)
  for (const o of ba) byFrom[starts[o.from]!++] = o
  return [ab, byFrom]
}

/**
 * The pairs of sentences, one of `a` and one of `b`, each of at least MIN_TERMS terms, that share at least MIN_SHARED,
 * by `from` then `to`. They depend on the two articles' text alone: a story's report is rendered again with each new
 * member, and only the new member's pairs are worked out. Held by each article while the other's terms live.
 */
export const sentenceOverlaps = (a: ArticleTerms, b: ArticleTerms): readonly SentenceOverlap[] => {
  const known = a.overlaps.get(b)
  if (known !== undefined) return known
  const [ab, ba] = overlapsBoth(a, b)
  a.overlaps.set(b, ab)
  b.overlaps.set(a, ba)
  return ab
}
