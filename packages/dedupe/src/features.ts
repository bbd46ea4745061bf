import { sentenceHash, unpackUint16, unpackUint8, type ArticleExtractedData, type DedupeFeatures } from "@wiredesk/core"
import { daysMentioned, type DaySpan } from "./datesMentioned.js"
import { headlineOfAddress } from "./headlineOfAddress.js"
import { compactSignature, minhash, shingleHashes } from "./minhash.js"
import { foldedWords, looksLikeName, sentencesOf, termOf, tokenize, withoutSyndicationFooters } from "./text.js"

/** The index keeps an article's strongest terms only (it queries with all of its own): bytes per indexed article are the budget. */
export const STORED_TERMS = 48
/** How many names, headline terms and sentences an article keeps in its recorded features. */
export const MAX_NAMES = 24
export const MAX_TITLE_TERMS = 16
export const MAX_SENTENCES = 200
export const MAX_SENTENCE_CHARS = 400
/**
 * A headline word counts as this many body occurrences: the headline is the writer's own summary of the event (a title
 * field boost, as BM25F gives one). 3 rather than 2: better or equal on every dev measure, over seven arrival orders too.
 */
const TITLE_WEIGHT = 3

/** Everything dedupe derives from an article's text, before term weights are applied. */
export interface ArticleAnalysis {
  /** Term -> (title-weighted) frequency, all content terms. */
  readonly tf: ReadonlyMap<string, number>
  readonly names: ReadonlySet<string>
  readonly titleTerms: readonly string[]
  readonly minhash: Uint8Array
  readonly sentences: string[]
  /** `sentenceHash` of each of `sentences`. */
  readonly sentenceKeys: Uint16Array
  /** The days and months the headline and body write out (`daysMentioned`). */
  readonly mentionedDays: readonly DaySpan[]
}

/** What the index holds of an article: its recorded features, decoded, with its copy signature. */
export interface ArticleFeatures {
  readonly minhash: Uint8Array
  /** Strongest first. */
  readonly terms: readonly (readonly [term: string, tf: number])[]
  /** The terms that are names, in term order. */
  readonly names: readonly string[]
  readonly titleTerms: readonly string[]
  /** `sentenceHash` of each sentence (headline first). */
  readonly sentences: Uint16Array
  readonly publishedOn: string | null
  readonly language: string | null
}

/**
 * What copies are recognised by: the b-bit MinHash of the body's word 5-grams and the hash of each sentence
 * (headline first). A pure function of the headline and body, so it is derived, never recorded.
 */
export interface CopySignature {
  readonly minhash: Uint8Array
  readonly sentences: Uint16Array
}

/** The signature of a text without words, or of an article whose text is not known: it matches nothing. */
export const NO_SIGNATURE: CopySignature = { minhash: new Uint8Array(0), sentences: new Uint16Array(0) }

const bodyMinhash = (bodyWords: readonly string[]): Uint8Array => compactSignature(minhash(shingleHashes(bodyWords)))

const sentenceKeysOf = (sentences: readonly string[]): Uint16Array => Uint16Array.from(sentences, sentenceHash)

/** The copy signature of a headline and body: exactly what `analyze` and `featuresOf` give a decision on that article. */
export const copySignatureOf = (text: ArticleText): CopySignature => ({
  minhash: bodyMinhash(foldedWords(text.body)),
  sentences: sentenceKeysOf(sentencesFor(text)),
})

const entityNames = (article: ArticleExtractedData): string[] => {
  const { people, organisations, places } = article.entities
  return [...people, ...organisations, ...places].flatMap((e) => [e.name, ...e.forms])
}

/** Pure text analysis of an extracted article (no weights: those depend on the corpus). */
export const analyze = (article: ArticleExtractedData): ArticleAnalysis => {
  const bodyTokens = tokenize(article.body)
  // Terms leave out a syndicator's footer; the copy signature (MinHash, sentences) is of the body as published.
  const termBody = withoutSyndicationFooters(article.body)
  const termTokens = termBody === article.body ? bodyTokens : tokenize(termBody)
  // Without a headline, the one its web address spells, if it spells one.
  const title = article.title ?? headlineOfAddress(article.url)
  const titleTokens = title === null ? [] : tokenize(title)
  const tf = new Map<string, number>()
  const names = new Set<string>()
  for (const token of termTokens) {
    const term = termOf(token.folded, article.language)
    if (term === null) continue
    tf.set(term, (tf.get(term) ?? 0) + 1)
    if (looksLikeName(token)) names.add(term)
  }
  const titleTerms: string[] = []
  for (const token of titleTokens) {
    const term = termOf(token.folded, article.language)
    if (term === null || titleTerms.includes(term)) continue
    titleTerms.push(term)
    tf.set(term, (tf.get(term) ?? 0) + TITLE_WEIGHT)
  }
  for (const name of entityNames(article))
    for (const token of tokenize(name)) {
      const term = termOf(token.folded, article.language)
      if (term !== null && tf.has(term)) names.add(term)
    }
  const sentences = sentencesFor(article)
  return {
    tf,
    names,
    titleTerms: titleTerms.slice(0, MAX_TITLE_TERMS),
    minhash: bodyMinhash(bodyTokens.map((t) => t.folded)),
    sentences,
    sentenceKeys: sentenceKeysOf(sentences),
    mentionedDays: daysMentioned(title === null ? article.body : `${title}\n${article.body}`),
  }
}

/** What sentences are taken from. */
export type ArticleText = Pick<ArticleExtractedData, "title" | "body">

/** The headline and body sentences copies are compared on (and CopyDetected reports), in order. */
export const sentencesFor = (article: ArticleText): string[] => {
  const bodySentences = sentencesOf(article.body)
  const title = article.title?.replace(/\s+/g, " ").trim() ?? ""
  return (title.length > 0 && bodySentences[0] !== title ? [title, ...bodySentences] : bodySentences)
    .slice(0, MAX_SENTENCES)
    .map((s) => s.slice(0, MAX_SENTENCE_CHARS))
}

/** A term of an article with its frequency and its weight. */
export interface RankedTerm {
  readonly term: string
  readonly tf: number
  readonly w: number
}

/** An article's strongest terms under the given weights, strongest first (ties in term order). */
export const rankTerms = (analysis: ArticleAnalysis, weight: (term: string, tf: number) => number, count: number): RankedTerm[] =>
  [...analysis.tf]
    .map(([term, tf]) => ({ term, tf, w: weight(term, tf) }))
    .sort((a, b) => b.w - a.w || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
    .slice(0, count)

/** The features kept for an article: its strongest terms under the given weights. */
export const featuresOf = (
  article: ArticleExtractedData,
  analysis: ArticleAnalysis,
  weight: (term: string, tf: number) => number,
): ArticleFeatures => featuresOfRanked(article, analysis, rankTerms(analysis, weight, STORED_TERMS))

/** The same from the article's terms already ranked (`rankTerms` with any count from STORED_TERMS up: the first STORED_TERMS are kept). */
export const featuresOfRanked = (article: ArticleExtractedData, analysis: ArticleAnalysis, allRanked: readonly RankedTerm[]): ArticleFeatures => {
  const ranked = allRanked.slice(0, STORED_TERMS)
  // Headline terms among the stored terms come first, in term order: the order their recorded form gives back.
  const stored = new Set(ranked.map(({ term }) => term))
  const titleTerms = [...ranked.map(({ term }) => term).filter((term) => analysis.titleTerms.includes(term)), ...analysis.titleTerms.filter((term) => !stored.has(term))]
  return {
    minhash: analysis.minhash,
    terms: ranked.map(({ term, tf }) => [term, tf] as const),
    names: ranked.filter(({ term }) => analysis.names.has(term)).slice(0, MAX_NAMES).map(({ term }) => term),
    titleTerms,
    sentences: analysis.sentenceKeys,
    publishedOn: article.publishedAt?.slice(0, 10) ?? null,
    language: article.language,
  }
}

/** The recorded (compact) form of features, without the copy signature; `decodeFeatures` with that signature gives them back unchanged. */
export const encodeFeatures = (features: ArticleFeatures): DedupeFeatures => {
  const names = new Set(features.names)
  const inTitle = new Set(features.titleTerms)
  const stored = new Set(features.terms.map(([term]) => term))
  return {
    terms: features.terms.map(([term, tf]) => `${inTitle.has(term) ? "^" : ""}${names.has(term) ? "*" : ""}${term}${tf === 1 ? "" : `:${tf}`}`).join(" "),
    titleTerms: features.titleTerms.filter((term) => !stored.has(term)).join(" "),
    publishedOn: features.publishedOn,
    language: features.language,
  }
}

/** The copy signature a StoryAssigned.v2 recorded (read as v3), or null: v3 events record none. */
export const recordedSignature = (recorded: DedupeFeatures): CopySignature | null =>
  recorded.minhash === undefined ? null : { minhash: unpackUint8(recorded.minhash), sentences: unpackUint16(recorded.sentences ?? "") }

/** `^` marks a headline term, `*` a name; a missing `:tf` means 1. */
const TERM_ENTRY = /^(?<title>\^)?(?<name>\*)?(?<term>[^:]+)(?::(?<tf>\d+))?$/

const CARET = 0x5e
const STAR = 0x2a

/** One recorded term entry read by TERM_ENTRY (what an entry the hand-reading does not recognise means). */
const parsedByPattern = (entry: string, titleTerms: string[], names: string[]): readonly [string, number] => {
  const { title, name, term, tf } = TERM_ENTRY.exec(entry)?.groups ?? {}
  if (title !== undefined) titleTerms.push(term ?? "")
  if (name !== undefined) names.push(term ?? "")
  return [term ?? "", tf === undefined ? 1 : Number(tf)]
}

const words = (text: string): string[] => (text.length === 0 ? [] : text.split(" "))

/** Recorded features with the article's copy signature (derived from its text, or recorded by a v2 event). */
export const decodeFeatures = (recorded: DedupeFeatures, signature: CopySignature): ArticleFeatures => {
  const names: string[] = []
  const titleTerms: string[] = []
  const terms = words(recorded.terms).map((entry): readonly [string, number] => {
    // Read by hand (every folded StoryAssigned has 48 of these); anything but the form encodeFeatures writes goes to the pattern.
    const title = entry.charCodeAt(0) === CARET
    const name = entry.charCodeAt(title ? 1 : 0) === STAR
    const start = (title ? 1 : 0) + (name ? 1 : 0)
    const colon = entry.indexOf(":", start)
    const term = colon < 0 ? entry.slice(start) : entry.slice(start, colon)
    const tf = colon < 0 ? 1 : Number(entry.slice(colon + 1))
    if (term.length === 0 || (colon >= 0 && String(tf) !== entry.slice(colon + 1))) return parsedByPattern(entry, titleTerms, names)
    if (title) titleTerms.push(term)
    if (name) names.push(term)
    return [term, tf]
  })
  return {
    minhash: signature.minhash,
    terms,
    names,
    titleTerms: [...titleTerms, ...words(recorded.titleTerms)],
    sentences: signature.sentences,
    publishedOn: recorded.publishedOn,
    language: recorded.language,
  }
}
