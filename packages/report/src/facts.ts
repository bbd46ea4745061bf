import { perArticle, type Source } from "./sources.js"
import { articleTerms, MIN_SHARED, MIN_TERMS, sentenceOverlaps, type ArticleTerms } from "./articleTerms.js"
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

/** Cosine of weighted terms above which two sentences are taken to report the same fact. */
export const SAME_FACT = 0.3

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

/** What the salience of each of an article's sentences reads of its text alone, by place, worked out once per article. */
interface SentenceFeatures {
  readonly quoted: readonly (readonly string[])[]
  readonly capitalised: readonly (readonly string[])[]
  /** `quoted` and `capitalised` as places in the article's vocabulary (-1: a word it has no term for). */
  readonly quotedNumbers: readonly Int32Array[]
  readonly capitalisedNumbers: readonly Int32Array[]
  readonly digit: readonly boolean[]
  /** Each sentence's place in the article, for `similarity`. */
  readonly places: ReadonlyMap<Sentence, number>
}

const sentenceFeatures = (src: Source): SentenceFeatures =>
  perArticle(src, "sentence features", () => {
    const { numbers } = articleTerms(src)
    const numbered = (terms: readonly string[]): Int32Array => Int32Array.from(terms, (t) => numbers.get(t) ?? -1)
    const quoted = src.sentences.map(quotedTermsOf)
    const capitalised = src.sentences.map(capitalisedStemsOf)
    return {
      quoted,
      capitalised,
      quotedNumbers: quoted.map(numbered),
      capitalisedNumbers: capitalised.map(numbered),
      digit: src.sentences.map((s) => /\d/.test(s.text)),
      places: new Map(src.sentences.map((s, position) => [s, position])),
    }
  })

/** A term of the story: how many of its sentences use it, its weight, and the one independent source that uses it, if only one does. */
interface StoryTerm {
  sentences: number
  weight: number
  onlyGroup: string | null
}

/** The story's terms, and each article's vocabulary as those terms. */
const storyTerms = (sources: readonly Source[], articles: readonly ArticleTerms[]) => {
  const byTerm = new Map<string, StoryTerm>()
  let total = 0
  const ofArticle = articles.map((a, i) => {
    total += a.sentences.length
    const group = sources[i]!.group
    return a.vocabulary.map((t, n) => {
      let term = byTerm.get(t)
      if (term === undefined) byTerm.set(t, (term = { sentences: 0, weight: 0, onlyGroup: group }))
      else if (term.onlyGroup !== group) term.onlyGroup = null
      term.sentences += a.sentenceCounts[n]!
      return term
    })
  })
  // The rarer a term among the story's sentences, the heavier.
  for (const term of byTerm.values()) term.weight = Math.log(1 + total / term.sentences)
  return { byTerm, total, ofArticle }
}

/** One article's terms weighed for this story: each term's weight, its square and novelty, each sentence's norm. */
interface Weighed {
  readonly weight: Float64Array
  readonly squared: Float64Array
  /** 1 where no other independent source uses the term. */
  readonly novel: Uint8Array
  readonly norms: Float64Array
}

// Plain loops: every refresh weighs every term of the story again, and the typed arrays' `from` with a mapping goes
// through the iterator protocol.
const weigh = (a: ArticleTerms, terms: readonly StoryTerm[]): Weighed => {
  const weight = new Float64Array(terms.length)
  const squared = new Float64Array(terms.length)
  const novel = new Uint8Array(terms.length)
  for (let n = 0; n < terms.length; n++) {
    const term = terms[n]!
    weight[n] = term.weight
    squared[n] = weight[n]! ** 2
    novel[n] = term.onlyGroup !== null ? 1 : 0
  }
  const norms = new Float64Array(a.sentences.length)
  for (let i = 0; i < norms.length; i++) {
    let sum = 0
    for (const n of a.sentences[i]!) sum += squared[n]!
    norms[i] = Math.sqrt(sum)
  }
  return { weight, squared, novel, norms }
}

// A refresh matches a story's analysed articles twice (its summary's headline, when no article has a title, then its
// report): the last matching is kept, for the same articles' terms in the same groups.
let lastMatched: { readonly key: readonly unknown[]; readonly matches: SentenceMatches } | null = null

const matchingKey = (sources: readonly Source[]): unknown[] => sources.flatMap((src) => [articleTerms(src), src.articleId, src.group])
const sameKey = (a: readonly unknown[], b: readonly unknown[]): boolean => a.length === b.length && a.every((x, i) => x === b[i])

/** Matches every sentence against the sentences of the other independent sources of the story. */
export const matchSentences = (sources: readonly Source[]): SentenceMatches => {
  const key = matchingKey(sources)
  if (lastMatched === null || !sameKey(lastMatched.key, key)) lastMatched = { key, matches: matchAll(sources) }
  return lastMatched.matches
}

const matchAll = (sources: readonly Source[]): SentenceMatches => {
  const articles = sources.map(articleTerms)
  const { byTerm, total, ofArticle } = storyTerms(sources, articles)
  const weightOf = (term: string): number => byTerm.get(term)?.weight ?? Math.log(1 + total / 1)
  const weighed = articles.map((a, i) => weigh(a, ofArticle[i]!))
  const features = sources.map(sentenceFeatures)
  const articleOf = new Map<string, number>()
  sources.forEach((src, i) => articleOf.set(src.articleId, i))
  // Where a sentence of the story sits: its article's index, then its place in that article; -1 for any other sentence.
  const articleIndex = (s: Sentence): number => articleOf.get(s.articleId) ?? -1
  const placeIn = (i: number, s: Sentence): number => (i < 0 ? -1 : (features[i]!.places.get(s) ?? -1))
  const normOf = (terms: ReadonlySet<string>): number => Math.sqrt([...terms].reduce((sum, t) => sum + weightOf(t) ** 2, 0))
  // A sentence of the story is read from its article's numbered terms; any other (none, in a report) from its text.
  const similarity = (a: Sentence, b: Sentence): number => {
    const ia = articleIndex(a)
    const pa = placeIn(ia, a)
    const ib = articleIndex(b)
    const pb = placeIn(ib, b)
    const ta = pa < 0 ? new Set(contentTerms(a.text)) : sentenceTermSet(a)
    const tb = pb < 0 ? new Set(contentTerms(b.text)) : sentenceTermSet(b)
    if (ta.size < MIN_TERMS || tb.size < MIN_TERMS) return 0
    // The summed squared weights of the terms of `a` that `tb` holds, in `a`'s order, and how many there are.
    let shared = 0
    let count = 0
    if (pa < 0) {
      for (const t of ta)
        if (tb.has(t)) {
          shared += weightOf(t) ** 2
          count++
        }
    } else {
      const { vocabulary } = articles[ia]!
      const { squared } = weighed[ia]!
      for (const n of articles[ia]!.sentences[pa]!)
        if (tb.has(vocabulary[n]!)) {
          shared += squared[n]!
          count++
        }
    }
    if (count < MIN_SHARED) return 0
    return shared / ((pa < 0 ? normOf(ta) : weighed[ia]!.norms[pa]!) * (pb < 0 ? normOf(tb) : weighed[ib]!.norms[pb]!))
  }
  // Per sentence, the independent sources that match it, each by the article of its earliest matching sentence.
  const corroborating = sources.map((src) => new Array<Map<string, string> | undefined>(src.sentences.length))
  // Each pair of articles once: a sentence pair's similarity is the same both ways (the story's term weights, both norms),
  // so a match is noted on both sentences. Each side still takes, per source, the first article (in source order) that
  // matches it: for a sentence of article k, the articles before k are gone through (as the outer one) before those after.
  for (let ai = 0; ai < articles.length; ai++) {
    const a = articles[ai]!
    const mine = sources[ai]!
    const { squared, norms } = weighed[ai]!
    for (let bi = ai + 1; bi < articles.length; bi++) {
      const other = sources[bi]!
      if (other.group === mine.group) continue
      const otherNorms = weighed[bi]!.norms
      for (const { from, to, shared } of sentenceOverlaps(a, articles[bi]!)) {
        const forA = !corroborating[ai]![from]?.has(other.group)
        const forB = !corroborating[bi]![to]?.has(mine.group)
        if (!forA && !forB) continue
        // Indexed, not for...of: the hottest loop of a render.
        let dot = 0
        for (let k = 0; k < shared.length; k++) dot += squared[shared[k]!]!
        if (dot / (norms[from]! * otherNorms[to]!) < SAME_FACT) continue
        if (forA) (corroborating[ai]![from] ??= new Map()).set(other.group, other.articleId)
        if (forB) (corroborating[bi]![to] ??= new Map()).set(mine.group, mine.articleId)
      }
    }
  }
  const facts: Fact[] = []
  sources.forEach((src, ai) => {
    const { weight, novel } = weighed[ai]!
    const { quoted, capitalised, quotedNumbers, capitalisedNumbers, digit } = features[ai]!
    // One list for every sentence of the article no other source matches (a fact's list is only read).
    const alone = [src.articleId]
    // A term of the article is weighed as its own (`novel`, `weight`: the story term's); any other word is looked up.
    const novelTerm = (t: string, n: number): boolean => (n >= 0 ? novel[n] === 1 : (byTerm.get(t)?.onlyGroup ?? null) !== null)
    src.sentences.forEach((s, position) => {
      const terms = articles[ai]!.sentences[position]!
      const found = corroborating[ai]![position]
      const corroboratedBy = found === undefined ? alone : [src.articleId, ...found.values()].sort(byString)
      // What the sentence adds: the weight of the terms no other source uses, per term, so long sentences do not win by length.
      let novelWeight = 0
      for (const n of terms) if (novel[n]) novelWeight += weight[n]!
      const quoteTerms = quoted[position]!
      let quoteNovelty = 0
      if (quoteTerms.length > 0) {
        const numbers = quotedNumbers[position]!
        for (let k = 0; k < quoteTerms.length; k++) {
          const n = numbers[k]!
          if (n >= 0) {
            if (novel[n] === 1) quoteNovelty += weight[n]!
          } else {
            const term = byTerm.get(quoteTerms[k]!)
            if (term !== undefined && term.onlyGroup !== null) quoteNovelty += term.weight
          }
        }
        quoteNovelty /= Math.sqrt(quoteTerms.length)
      }
      let names = 0
      const stems = capitalised[position]!
      const stemNumbers = capitalisedNumbers[position]!
      for (let k = 0; k < stems.length; k++) if (novelTerm(stems[k]!, stemNumbers[k]!)) names++
      const salience = terms.length === 0 ? 0 : novelWeight / Math.sqrt(terms.length) + quoteNovelty + names + (digit[position] ? 1 : 0)
      facts.push({ sentence: s, corroboratedBy, salience })
    })
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
