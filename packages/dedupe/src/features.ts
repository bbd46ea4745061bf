import type { ArticleExtractedData, DedupeFeatures } from "@wiredesk/core"
import { minhash, shingleHashes } from "./minhash.js"
import { looksLikeName, sentencesOf, termOf, tokenize } from "./text.js"

/** How many terms, names and sentences an article keeps in its recorded features. */
export const MAX_TERMS = 64
export const MAX_NAMES = 24
export const MAX_TITLE_TERMS = 16
export const MAX_SENTENCES = 200
export const MAX_SENTENCE_CHARS = 400
/** A headline word counts as this many body occurrences. */
const TITLE_WEIGHT = 2

/** Everything dedupe derives from an article's text, before term weights are applied. */
export interface ArticleAnalysis {
  /** Term -> (title-weighted) frequency, all content terms. */
  readonly tf: ReadonlyMap<string, number>
  readonly names: ReadonlySet<string>
  readonly titleTerms: readonly string[]
  readonly minhash: number[]
  readonly sentences: string[]
}

const entityNames = (article: ArticleExtractedData): string[] => {
  const { people, organisations, places } = article.entities
  return [...people, ...organisations, ...places].flatMap((e) => [e.name, ...e.forms])
}

/** Pure text analysis of an extracted article (no weights: those depend on the corpus). */
export const analyze = (article: ArticleExtractedData): ArticleAnalysis => {
  const bodyTokens = tokenize(article.body)
  const titleTokens = article.title === null ? [] : tokenize(article.title)
  const tf = new Map<string, number>()
  const names = new Set<string>()
  for (const token of bodyTokens) {
    const term = termOf(token.folded)
    if (term === null) continue
    tf.set(term, (tf.get(term) ?? 0) + 1)
    if (looksLikeName(token)) names.add(term)
  }
  const titleTerms: string[] = []
  for (const token of titleTokens) {
    const term = termOf(token.folded)
    if (term === null || titleTerms.includes(term)) continue
    titleTerms.push(term)
    tf.set(term, (tf.get(term) ?? 0) + TITLE_WEIGHT)
  }
  for (const name of entityNames(article))
    for (const token of tokenize(name)) {
      const term = termOf(token.folded)
      if (term !== null && tf.has(term)) names.add(term)
    }
  const bodySentences = sentencesOf(article.body)
  const title = article.title?.replace(/\s+/g, " ").trim() ?? ""
  const sentences = (title.length > 0 && bodySentences[0] !== title ? [title, ...bodySentences] : bodySentences)
    .slice(0, MAX_SENTENCES)
    .map((s) => s.slice(0, MAX_SENTENCE_CHARS))
  return {
    tf,
    names,
    titleTerms: titleTerms.slice(0, MAX_TITLE_TERMS),
    minhash: minhash(shingleHashes(bodyTokens.map((t) => t.folded))),
    sentences,
  }
}

/** The compact features recorded for an article: its strongest terms under the given weights. */
export const featuresOf = (
  article: ArticleExtractedData,
  analysis: ArticleAnalysis,
  weight: (term: string, tf: number) => number,
): DedupeFeatures => {
  const ranked = [...analysis.tf]
    .map(([term, tf]) => ({ term, tf, w: weight(term, tf) }))
    .sort((a, b) => b.w - a.w || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
    .slice(0, MAX_TERMS)
  return {
    minhash: analysis.minhash,
    terms: ranked.map(({ term, tf }) => [term, tf]),
    names: ranked.filter(({ term }) => analysis.names.has(term)).slice(0, MAX_NAMES).map(({ term }) => term),
    titleTerms: [...analysis.titleTerms],
    sentences: analysis.sentences,
    publishedAt: article.publishedAt,
    language: article.language,
    wordCount: article.wordCount,
  }
}
