/**
 * Story-level dedupe, the pure core. Copies: b-bit MinHash (128 minima, 8 bits kept) over word
 * 5-grams of the body, LSH with 42 bands of 3 rows, verified by estimated Jaccard or by verbatim
 * sentence containment (sentence hashes). Stories:
 * online single-pass clustering; candidates come from capped posting lists (term -> recent
 * stories); an article scores a story by TF-IDF cosine to its nearest members (blended with
 * headline overlap), each link decayed by the time gap to that member, and to a centroid of them,
 * decayed by the gap to the story's time span (a gap counted from the nearest of the article's days: its day of
 * publication and the dates and months its text writes out); it joins the best story
 * above a threshold or opens one, and merges the stories it links strongly (the oldest survives).
 * Term weights use BM25's idf over a background table plus the live counts, so cold start works.
 */
import type { ArticleExtractedData, CopyDetected, EventType, RecordedEvent, StoriesMerged, StoryAssigned } from "@wiredesk/core"
import { DEFAULT_DEDUPE_WINDOW, safeId, sha256 } from "@wiredesk/core"
import { BACKGROUND } from "./background.js"
import { gapBetweenSpans, gapToSpans, type DaySpan } from "./datesMentioned.js"
import { analyze, copySignatureOf, decodeFeatures, encodeFeatures, featuresOfRanked, NO_SIGNATURE, recordedSignature, sentencesFor, type ArticleAnalysis, type ArticleFeatures, type ArticleText, type CopySignature, type RankedTerm } from "./features.js"
import { lshAdd, lshCandidates, lshRemove, newLshIndex, type LshIndex } from "./lshIndex.js"
import { bandKeys, estimateJaccard, hashString } from "./minhash.js"
import { sentenceKey } from "./text.js"

/** Bumped whenever dedupe decisions change; recorded as the stage version of its events. */
export const DEDUPE_VERSION = "dedupe@0.9.1"

export type DedupeEvent = CopyDetected | StoryAssigned | StoriesMerged

/** The knobs of the decision. The defaults are what the stage records with; eval sweeps them. */
export interface DedupeParams {
  /** Estimated 5-gram Jaccard from which an article is a copy of an earlier one. */
  readonly copyJaccard: number
  /** Share of the new article's text (by sentence length) found verbatim in an earlier one from which it is a copy. */
  readonly copyContainment: number
  /** Story score from which an article joins a story rather than opening one. */
  readonly joinThreshold: number
  /** Story score from which a second story the article matches is merged into the first. */
  readonly mergeThreshold: number
  /** Weight factor of a term that appears as a name (capitalised mid-sentence, or an entity). */
  readonly nameBoost: number
  /** Days of distance to a member (for its link) or to a story's time span (for its centroid) that cost nothing; beyond, the score decays. */
  readonly graceDays: number
  /** Days over which the score falls by a factor e beyond the grace period. */
  readonly decayDays: number
  /** Similarity to one member from which the time gap costs nothing (late follow-ups, anniversaries, new findings). */
  readonly strongLink: number
  /**
   * Factor on an article-to-article similarity across languages: only names, numbers and loanwords
   * can be shared, so the same story scores on a smaller scale than within one language.
   */
  readonly crossLanguage: number
  /** Share of the story score from the closest member (single link); the rest is the story centroid. */
  readonly linkWeight: number
  /** Share of an article-to-article similarity given to the overlap of names (when both have names). */
  readonly nameWeight: number
  /** Share of an article-to-article similarity given to the overlap of headlines (when both have one). */
  readonly titleWeight: number
}

export const DEFAULT_PARAMS: DedupeParams = {
  copyJaccard: 0.4,
  copyContainment: 0.8,
  joinThreshold: 0.18,
  // A link strong enough to join a story is strong enough to bridge two: fragmented stories were the main loss.
  mergeThreshold: 0.18,
  nameBoost: 1,
  // Follow-up coverage of an event runs for a couple of weeks before the time gap should count against it.
  graceDays: 14,
  decayDays: 90,
  // Same-story pairs a year or more apart reach 0.45 to 0.55; different stories on one subject stay below (dev data).
  strongLink: 0.45,
  // German-English same-story pairs score about half what same-language pairs do (SemEval dev pairs).
  crossLanguage: 2,
  linkWeight: 0.7,
  nameWeight: 0,
  titleWeight: 0.3,
}

/** Bounds that keep one decision's cost independent of the corpus size. */
const QUERY_TERMS = 24
const POSTED_TERMS = 24
const POSTINGS_PER_TERM = 64
const BUCKET_SIZE = 16
const CANDIDATE_STORIES = 16
const SCORED_MEMBERS = 16
const CENTROID_STORIES = 4
/**
 * Sentence texts (folded from ArticleExtracted, for CopyDetected to name what a copy removed) are
 * kept for the most recent articles only; older ones keep sentence hashes.
 */
const TEXT_WINDOW = 20_000
/**
 * How many of the most recently decided articles the index holds by default. Older ones leave it (their terms, copy
 * signature and story membership): a story with no article among them is closed, and an article that copies one of
 * them is judged as a new report. It bounds the worker's memory (about 3.7 KB per indexed article, more while its text is kept) however long it runs.
 * The window is part of the decision: every dedupe worker and every replay of one log must use the same.
 */
export const INDEX_WINDOW = DEFAULT_DEDUPE_WINDOW

export interface ArticleEntry {
  readonly articleId: string
  readonly position: number
  /** `causeKey` of the extraction it was decided on: a decision recorded again for it keeps its signature and text. */
  readonly cause: number
  readonly terms: Int32Array
  readonly tfs: Float32Array
  readonly names: Int32Array
  readonly titleTerms: Int32Array
  readonly minhash: Uint8Array
  readonly sentenceKeys: Uint16Array
  /** The headline and body it was decided on, while in the text window: CopyDetected names sentences from them. */
  text: ArticleText | null
  readonly time: number | null
  readonly language: string | null
}

export interface Story {
  readonly id: string
  readonly openedAt: number
  members: string[]
  first: number | null
  last: number | null
}

/**
 * Dedupe state: a fold over the stage's own recorded events. `evolveDedupe` may mutate in place
 * (the index is large); callers treat the state as owned by the fold.
 */
export interface DedupeState {
  /**
   * The extractions decided, oldest first: the last `window` of them. An extraction is delivered again within
   * moments (a retried job), never after a window's worth of later decisions, and the worker decides only
   * extractions its log reading has not seen decided; this guards direct calls.
   */
  readonly processed: Set<string>
  /** Article -> its current story (merges applied), for the articles in the window. */
  readonly storyOf: Map<string, string>
  readonly articles: Map<string, ArticleEntry>
  readonly stories: Map<string, Story>
  /** Story -> the stories merged into it, so a later merge re-points them and lookups stay one hop. */
  readonly absorbed: Map<string, string[]>
  readonly copyOf: Map<string, string>
  readonly termIds: Map<string, number>
  readonly termNames: string[]
  /** Live document frequency by term id (over the recorded terms of each article). */
  readonly df: number[]
  /** The background table's document frequency by term id, looked up once when the term is first seen. */
  readonly backgroundDf: number[]
  /** Term id -> stories (by number) that used it among their strongest terms, most recent last. */
  readonly postings: Map<number, number[]>
  /** Story id -> its number: postings hold numbers, so scanning them reads no strings. */
  readonly storyNumbers: Map<string, number>
  /** Story number -> its id. */
  readonly storyNames: string[]
  /** Story number -> the number of the story it was merged into, or -1 (postings may still name merged stories). */
  readonly mergedNumber: number[]
  /** LSH bucket -> articles, most recent last. */
  readonly buckets: LshIndex
  /**
   * Articles whose sentence texts are kept, oldest first (id and the position it was recorded at), from `head` on: the
   * oldest leaves by moving `head`, not by an array's shift, which copies the whole window once it is large.
   */
  readonly withTexts: { readonly queue: { readonly id: string; readonly position: number }[]; head: number }
  /** Extraction event id -> its headline and body, until the decision on it is folded (oldest first, capped). */
  readonly extractedTexts: Map<string, ArticleText>
  /**
   * Extraction event id -> its copy signature, for an undecided extraction whose text left `extractedTexts`
   * (more than TEXT_WINDOW undecided): the decision on it derives its signature from here.
   */
  readonly extractedSignatures: Map<string, CopySignature>
  documents: number
  checkpoint: number
  /** At most this many articles are indexed (`articles`), the most recently decided; see INDEX_WINDOW. */
  readonly window: number
}

export const initialDedupeState = (window: number = INDEX_WINDOW): DedupeState => ({
  processed: new Set(),
  storyOf: new Map(),
  articles: new Map(),
  stories: new Map(),
  absorbed: new Map(),
  copyOf: new Map(),
  termIds: new Map(),
  termNames: [],
  df: [],
  backgroundDf: [],
  postings: new Map(),
  storyNumbers: new Map(),
  storyNames: [],
  mergedNumber: [],
  buckets: newLshIndex(),
  withTexts: { queue: [], head: 0 },
  extractedTexts: new Map(),
  extractedSignatures: new Map(),
  documents: 0,
  checkpoint: 0,
  window,
})

/** The number of `name` in a (name -> number, number -> name) pair; a new name takes the next number and `added` runs. */
const numberOf = (numbers: Map<string, number>, names: string[], name: string, added: () => void): number => {
  const known = numbers.get(name)
  if (known !== undefined) return known
  const n = names.length
  numbers.set(name, n)
  names.push(name)
  added()
  return n
}

const internTerm = (state: DedupeState, term: string): number =>
  numberOf(state.termIds, state.termNames, term, () => {
    state.df.push(0)
    state.backgroundDf.push(BACKGROUND.df.get(term) ?? 0)
  })

const storyNumberOf = (state: DedupeState, storyId: string): number =>
  numberOf(state.storyNumbers, state.storyNames, storyId, () => state.mergedNumber.push(-1))

/** The story a story number now is, following merges. */
const resolveNumber = (state: DedupeState, story: number): number => {
  let n = story
  for (let next = state.mergedNumber[n] ?? -1; next >= 0; next = state.mergedNumber[n] ?? -1) n = next
  return n
}

/** The story a story id now is, following merges (a story never numbered was never merged). */
const resolveStory = (state: DedupeState, storyId: string): string => {
  const n = state.storyNumbers.get(storyId)
  return n === undefined ? storyId : (state.storyNames[resolveNumber(state, n)] ?? storyId)
}

const wasMerged = (state: DedupeState, storyId: string): boolean => (state.mergedNumber[state.storyNumbers.get(storyId) ?? -1] ?? -1) >= 0

const pushCapped = <K, V>(map: Map<K, V[]>, key: K, value: V, cap: number): void => {
  const list = map.get(key)
  if (list === undefined) {
    map.set(key, [value])
    return
  }
  if (list[list.length - 1] === value) return
  const at = list.indexOf(value)
  if (at >= 0) list.splice(at, 1)
  list.push(value)
  if (list.length > cap) list.shift()
}

/** Midnight UTC of the day of publication: the same on every host, and days are what the decay counts. */
const timeOf = (publishedOn: string | null): number | null => {
  if (publishedOn === null) return null
  const t = Date.parse(`${publishedOn.slice(0, 10)}T00:00:00Z`)
  return Number.isFinite(t) ? t : null
}

const sameKeys = (a: Uint16Array, b: Uint16Array): boolean => a.length === b.length && a.every((k, i) => k === b[i])

/** An extraction event id as the index remembers it: 32 bits, as a small integer. */
const causeKey = (cause: string | null): number => (cause === null ? -1 : hashString(cause) | 0)

/** Takes an article out of the counts, buckets and its story; returns the story it was in. */
const forgetArticle = (state: DedupeState, entry: ArticleEntry): Story | undefined => {
  for (const id of entry.terms) state.df[id] = (state.df[id] ?? 1) - 1
  state.documents -= 1
  for (const key of bandKeys(entry.minhash)) lshRemove(state.buckets, key, entry.articleId)
  const storyId = state.storyOf.get(entry.articleId)
  const story = storyId === undefined ? undefined : state.stories.get(storyId)
  if (story !== undefined) story.members = story.members.filter((id) => id !== entry.articleId)
  return story
}

const rememberArticle = (state: DedupeState, articleId: string, storyId: string, features: ArticleFeatures, position: number, extractedText: ArticleText | null, cause: number): void => {
  const old = state.articles.get(articleId)
  const previousStory = old === undefined ? undefined : forgetArticle(state, old)
  // A decision recorded again for the same extraction (a replay correction) keeps the text it had.
  const text = extractedText ?? (old !== undefined && (old.cause === cause || sameKeys(old.sentenceKeys, features.sentences)) ? old.text : null)
  const terms = Int32Array.from(features.terms.map(([term]) => internTerm(state, term)))
  const entry: ArticleEntry = {
    articleId,
    position,
    cause,
    terms,
    tfs: Float32Array.from(features.terms.map(([, tf]) => tf)),
    names: Int32Array.from(features.names.map((name) => internTerm(state, name))),
    titleTerms: Int32Array.from(features.titleTerms.map((term) => internTerm(state, term))),
    minhash: features.minhash,
    sentenceKeys: features.sentences,
    text,
    time: timeOf(features.publishedOn),
    language: features.language,
  }
  // Insertion order is decision order: the first entry is the one the window lets go next.
  state.articles.delete(articleId)
  state.articles.set(articleId, entry)
  for (const id of terms) state.df[id] = (state.df[id] ?? 0) + 1
  state.documents += 1
  for (const key of bandKeys(entry.minhash)) lshAdd(state.buckets, key, articleId, BUCKET_SIZE)
  const withTexts = state.withTexts
  if (text !== null) withTexts.queue.push({ id: articleId, position })
  if (withTexts.queue.length - withTexts.head > TEXT_WINDOW) {
    const oldest = withTexts.queue[withTexts.head++]
    if (withTexts.head >= TEXT_WINDOW) {
      // Those that left are dropped a window's worth at a time: one copy of the queue per TEXT_WINDOW articles.
      withTexts.queue.splice(0, withTexts.head)
      withTexts.head = 0
    }
    const evicted = oldest === undefined ? undefined : state.articles.get(oldest.id)
    if (evicted !== undefined && evicted.position === oldest?.position) evicted.text = null
  }

  const current = resolveStory(state, storyId)
  let story = state.stories.get(current)
  if (story === undefined) {
    story = { id: current, openedAt: position, members: [], first: null, last: null }
    state.stories.set(current, story)
  }
  story.members.push(articleId)
  if (entry.time !== null) {
    story.first = story.first === null ? entry.time : Math.min(story.first, entry.time)
    story.last = story.last === null ? entry.time : Math.max(story.last, entry.time)
  }
  state.storyOf.set(articleId, current)
  if (previousStory !== undefined && previousStory !== story && previousStory.members.length === 0) state.stories.delete(previousStory.id)
  const number = storyNumberOf(state, current)
  for (const id of terms.subarray(0, POSTED_TERMS)) pushCapped(state.postings, id, number, POSTINGS_PER_TERM)
  // Its headline's terms too, whatever their rank: a later report finds the story by its headline (see the query side).
  // One already posted above is left where it is (pushCapped keeps a list's last entry).
  for (const id of entry.titleTerms) pushCapped(state.postings, id, number, POSTINGS_PER_TERM)
  while (state.articles.size > state.window) leaveWindow(state)
}

/**
 * The least recently decided article leaves the index; a story left with no indexed member is closed. What the
 * state knew of them goes too, so that a worker's memory is bounded by the window however long it runs.
 */
const leaveWindow = (state: DedupeState): void => {
  const oldest = state.articles.values().next().value as ArticleEntry
  state.articles.delete(oldest.articleId)
  state.copyOf.delete(oldest.articleId)
  const story = forgetArticle(state, oldest)
  state.storyOf.delete(oldest.articleId)
  if (story !== undefined && story.members.length === 0) closeStory(state, story)
}

/**
 * A closed story can gain no member and take part in no merge. Postings may still hold its number: its name goes
 * (candidates whose name is not in `stories` are skipped, as they were before). The number of a story merged away
 * keeps its name, so no new story takes a merged story's id.
 */
const closeStory = (state: DedupeState, story: Story): void => {
  state.stories.delete(story.id)
  state.absorbed.delete(story.id)
  const n = state.storyNumbers.get(story.id)
  if (n === undefined || (state.mergedNumber[n] ?? -1) >= 0) return
  state.storyNumbers.delete(story.id)
  state.storyNames[n] = ""
}

const mergeStories = (state: DedupeState, from: string, into: string): void => {
  const source = resolveStory(state, from)
  const target = resolveStory(state, into)
  if (source === target) return
  const moved = [source, ...(state.absorbed.get(source) ?? [])]
  const targetNumber = storyNumberOf(state, target)
  for (const id of moved) state.mergedNumber[storyNumberOf(state, id)] = targetNumber
  state.absorbed.delete(source)
  state.absorbed.set(target, [...(state.absorbed.get(target) ?? []), ...moved])
  const a = state.stories.get(source)
  const b = state.stories.get(target)
  if (a === undefined || b === undefined) return
  for (const articleId of a.members) state.storyOf.set(articleId, target)
  b.members = [...b.members, ...a.members].sort((x, y) => (state.articles.get(x)?.position ?? 0) - (state.articles.get(y)?.position ?? 0))
  b.first = a.first === null ? b.first : b.first === null ? a.first : Math.min(a.first, b.first)
  b.last = a.last === null ? b.last : b.last === null ? a.last : Math.max(a.last, b.last)
  state.stories.delete(source)
}

/**
 * The copy signatures this process's decisions computed, by extraction event id, so that folding a decision it just
 * made does not derive the signature again. Scratch space, not state: the fold takes one only where it would derive
 * the same from the extraction's text (a decision is made on the article of the extraction it names).
 */
const decidedSignatures = new WeakMap<DedupeState, Map<string, CopySignature>>()
const DECIDED_SIGNATURES = 64

const noteDecidedSignature = (state: DedupeState, cause: string, signature: CopySignature): void => {
  let noted = decidedSignatures.get(state)
  if (noted === undefined) decidedSignatures.set(state, (noted = new Map()))
  noted.delete(cause)
  noted.set(cause, { minhash: signature.minhash, sentences: signature.sentences })
  if (noted.size > DECIDED_SIGNATURES) noted.delete(noted.keys().next().value as string)
}

const takeDecidedSignature = (state: DedupeState, cause: string): CopySignature | undefined => {
  const noted = decidedSignatures.get(state)
  const signature = noted?.get(cause)
  noted?.delete(cause)
  return signature
}

/** The event types `evolveDedupe` folds (older versions are upcast to these): a reader of the log can skip the rest. */
export const DEDUPE_FOLDED_TYPES: ReadonlySet<string> = new Set<EventType>(["ArticleExtracted.v1", "StoryAssigned.v3", "CopyDetected.v1", "StoriesMerged.v1"])

/**
 * The copy signature of a folded decision: the one a v2 event recorded; else derived from the extraction it was
 * decided on (what the decision itself used); else, for a decision recorded again on the same extraction, the one
 * the article holds. An extraction the fold never saw gives no signature: the article is indexed by its terms only.
 */
const signatureOf = (state: DedupeState, event: RecordedEvent<StoryAssigned>, text: ArticleText | undefined): CopySignature => {
  const recorded = recordedSignature(event.data.features)
  if (recorded !== null) return recorded
  const cause = event.meta.causationId
  if (text !== undefined) return (cause === null ? undefined : takeDecidedSignature(state, cause)) ?? copySignatureOf(text)
  const kept = cause === null ? undefined : state.extractedSignatures.get(cause)
  if (kept !== undefined) return kept
  const held = state.articles.get(event.data.articleId)
  if (held !== undefined && cause !== null && held.cause === causeKey(cause)) return { minhash: held.minhash, sentences: held.sentenceKeys }
  return NO_SIGNATURE
}

/** Folds one recorded event into the state; events at or below the checkpoint are ignored. */
export const evolveDedupe = (state: DedupeState, event: RecordedEvent): DedupeState => {
  if (event.meta.position <= state.checkpoint) return state
  state.checkpoint = event.meta.position
  switch (event.type) {
    case "CopyDetected.v1":
      state.copyOf.set(event.data.articleId, event.data.originalId)
      return state
    case "ArticleExtracted.v1":
      // Kept as the strings the event holds (no copy, no splitting): only a copy's original is ever split.
      state.extractedTexts.set(event.meta.id, { title: event.data.title, body: event.data.body })
      if (state.extractedTexts.size > TEXT_WINDOW) {
        // Its text goes, its signature stays until the decision on it is folded (a few hundred bytes).
        const [oldest, text] = state.extractedTexts.entries().next().value as [string, ArticleText]
        state.extractedTexts.delete(oldest)
        state.extractedSignatures.set(oldest, copySignatureOf(text))
        if (state.extractedSignatures.size > state.window) state.extractedSignatures.delete(state.extractedSignatures.keys().next().value as string)
      }
      return state
    case "StoryAssigned.v3": {
      const cause = event.meta.causationId
      const texts = cause === null ? undefined : state.extractedTexts.get(cause)
      const signature = signatureOf(state, event, texts)
      if (cause !== null) {
        state.processed.delete(cause)
        state.processed.add(cause)
        if (state.processed.size > state.window) state.processed.delete(state.processed.values().next().value as string)
        state.extractedTexts.delete(cause)
        state.extractedSignatures.delete(cause)
      }
      rememberArticle(state, event.data.articleId, event.data.storyId, decodeFeatures(event.data.features, signature), event.meta.position, texts ?? null, causeKey(cause))
      return state
    }
    case "StoriesMerged.v1":
      mergeStories(state, event.data.from, event.data.into)
      return state
    default:
      return state
  }
}

/** Story id for a story opened by this article: readable and deterministic. */
export const storyIdFor = (article: ArticleExtractedData): string => {
  const day = article.publishedAt?.slice(0, 10) ?? "undated"
  const words = (article.title ?? article.body).toLowerCase().split(/\s+/).slice(0, 8).join(" ")
  return `${day}-${safeId(words, 32).toLowerCase()}-${sha256(article.articleId).slice(0, 6)}`
}

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
const round = (x: number): number => Math.round(x * 10_000) / 10_000

/** BM25's idf of a term found in `d` of `n` documents. */
const idfFor = (n: number, d: number): number => Math.log(1 + Math.max(0, n - d + 0.5) / (d + 0.5))

/** Documents holding an indexed term: its background count plus its live count. */
const indexedDf = (state: DedupeState, id: number): number => (state.backgroundDf[id] ?? 0) + (state.df[id] ?? 0)

/** Documents holding a term, by its id where the index knows it, else by the background table alone. */
const dfOf = (state: DedupeState, term: string, id: number | undefined): number => (id === undefined ? (BACKGROUND.df.get(term) ?? 0) : indexedDf(state, id))

/** Term weighting against the background table plus the live corpus, by term text (the article's own terms). */
const makeIdf = (state: DedupeState) => {
  const n = BACKGROUND.documents + state.documents
  // Not cached: a cache lookup costs about what it saves.
  return (term: string): number => idfFor(n, dfOf(state, term, state.termIds.get(term)))
}

/** A ranked term with its id in the index (undefined for a term the index has never seen). */
interface IndexedTerm extends RankedTerm {
  readonly id: number | undefined
}

/**
 * The article's terms under the state's weights, strongest first (ties in term order), as `rankTerms` ranks them, each
 * looked up in the index once: the weight and the query vector both need its id.
 */
const rankedWithIds = (state: DedupeState, analysis: ArticleAnalysis, params: DedupeParams): IndexedTerm[] => {
  const n = BACKGROUND.documents + state.documents
  const ranked: IndexedTerm[] = []
  for (const [term, tf] of analysis.tf) {
    const id = state.termIds.get(term)
    ranked.push({ term, tf, id, w: (1 + Math.log(tf)) * idfFor(n, dfOf(state, term, id)) * (analysis.names.has(term) ? params.nameBoost : 1) })
  }
  return ranked.sort((a, b) => b.w - a.w || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
}

/** A sparse vector over term ids (terms the index has never seen get negative ids: they only add to the norm). */
interface Vector {
  readonly weights: Map<number, number>
  readonly norm: number
}

const vectorOf = (weights: Map<number, number>): Vector => {
  let sum = 0
  for (const w of weights.values()) sum += w * w
  return { weights, norm: Math.sqrt(sum) }
}

/**
 * The article's own side of a similarity, looked up once per term of every scored member: an
 * open-addressing table over the known term ids (the same weights as the map, read without hashing a Map key).
 */
interface QueryVector extends Vector {
  readonly slots: Int32Array
  readonly values: Float64Array
  readonly shift: number
}

const EMPTY_SLOT = -1

const queryVectorOf = (weights: Map<number, number>): QueryVector => {
  let bits = 4
  while (1 << bits < weights.size * 4) bits++
  const slots = new Int32Array(1 << bits).fill(EMPTY_SLOT)
  const values = new Float64Array(1 << bits)
  const shift = 32 - bits
  for (const [id, w] of weights) {
    if (id < 0) continue // never in the index, so never in a member
    let slot = Math.imul(id, 0x9e3779b1) >>> shift
    while (slots[slot] !== EMPTY_SLOT) slot = (slot + 1) & (slots.length - 1)
    slots[slot] = id
    values[slot] = w
  }
  return { ...vectorOf(weights), slots, values, shift }
}

const weightIn = (a: QueryVector, id: number): number => {
  const { slots } = a
  for (let slot = Math.imul(id, 0x9e3779b1) >>> a.shift; ; slot = (slot + 1) & (slots.length - 1)) {
    const held = slots[slot]
    if (held === id) return a.values[slot] ?? 0
    if (held === EMPTY_SLOT) return 0
  }
}

/** Cosine of a vector and a dense (ids, weights) pair. */
const cosineWith = (a: QueryVector, ids: ArrayLike<number>, weights: ArrayLike<number>, norm: number): number => {
  if (a.norm === 0 || norm === 0) return 0
  let dot = 0
  for (let i = 0; i < ids.length; i++) dot += (weights[i] ?? 0) * weightIn(a, ids[i] ?? EMPTY_SLOT)
  return dot / (a.norm * norm)
}

/**
 * Terms an article shares with a member at the least for their cosine to count: one shared word is no evidence of one
 * story, however short the two texts are (two short reports that share only "NRW", a German prison and an Australian
 * contractor, scored 0.30 across languages).
 */
const MIN_SHARED_TERMS = 2

/** The cosine of a vector and a dense (ids, weights) pair when they share MIN_SHARED_TERMS terms or more, else 0. */
const linkCosine = (a: QueryVector, ids: ArrayLike<number>, weights: ArrayLike<number>, norm: number): number => {
  if (a.norm === 0 || norm === 0) return 0
  let dot = 0
  let shared = 0
  for (let i = 0; i < ids.length; i++) {
    const w = weightIn(a, ids[i] ?? EMPTY_SLOT)
    if (w === 0) continue
    dot += (weights[i] ?? 0) * w
    shared++
  }
  return shared < MIN_SHARED_TERMS ? 0 : dot / (a.norm * norm)
}

const cosine = (a: Vector, b: Vector): number => {
  if (a.norm === 0 || b.norm === 0) return 0
  const [small, large] = a.weights.size <= b.weights.size ? [a, b] : [b, a]
  let dot = 0
  for (const [id, w] of small.weights) dot += w * (large.weights.get(id) ?? 0)
  return dot / (a.norm * b.norm)
}

/**
 * Per-story counters for the candidate tally, by story number, reused from one decision to the next
 * (a decision allocates nothing per posting). `round` tells which decision last wrote a story's
 * counters, so nothing needs clearing; they are scratch space, not state: no decision reads what an
 * earlier one left. A story's three counters sit side by side (round, score, query term at 3n, 3n+1, 3n+2): a
 * posting touches one cache line, not three arrays' worth, which is what a tally over a large index pays for.
 */
interface Tally {
  counters: Float64Array
  current: number
}

const tallies = new WeakMap<DedupeState, Tally>()

const tallyOf = (state: DedupeState): Tally => {
  const stories = state.storyNames.length
  let tally = tallies.get(state)
  if (tally === undefined || tally.counters.length < 3 * stories || tally.current >= 0x7fffffff) {
    const size = Math.max(1024, stories * 2)
    tally = { counters: new Float64Array(3 * size), current: 0 }
    tallies.set(state, tally)
  }
  tally.current++
  return tally
}

/** The story's tallied score (its counters hold it at 3n + 1). */
const tallyScore = (tally: Tally, story: number): number => tally.counters[3 * story + 1] ?? 0

/** The `count` best-scored stories (score descending, then id): what sorting them all and taking the first would give. */
const topStories = (stories: readonly number[], tally: Tally, names: readonly string[], count: number): string[] => {
  const top: { id: string; score: number }[] = []
  const before = (a: { id: string; score: number }, b: { id: string; score: number }) => a.score > b.score || (a.score === b.score && a.id < b.id)
  for (const n of stories) {
    const score = tallyScore(tally, n)
    if (top.length === count && score < top[count - 1]!.score) continue
    const entry = { id: names[n] ?? "", score }
    if (top.length === count && !before(entry, top[count - 1]!)) continue
    let i = top.length === count ? count - 1 : top.length
    while (i > 0 && before(entry, top[i - 1]!)) {
      top[i] = top[i - 1]!
      i--
    }
    top[i] = entry
  }
  return top.map(({ id }) => id)
}

interface ScoredStory {
  readonly id: string
  readonly openedAt: number
  readonly score: number
}

/** Sentences of the new article as (key, weight): a sentence weighs its length, so short stock lines count little. */
interface SentenceProfile {
  readonly keys: ReadonlyMap<number, number>
  readonly total: number
}

const profileOf = (sentences: readonly string[], keys: Uint16Array): SentenceProfile => {
  const weights = new Map<number, number>()
  sentences.forEach((s, i) => weights.set(keys[i] ?? 0, s.length))
  let total = 0
  for (const w of weights.values()) total += w
  return { keys: weights, total }
}

/** The best earlier article this one copies: LSH candidates verified by estimated Jaccard or by containment. */
const copyCheck = (state: DedupeState, articleId: string, signature: Uint8Array, profile: SentenceProfile, params: DedupeParams) => {
  let best: { id: string; similarity: number } | null = null
  for (const candidate of lshCandidates(state.buckets, bandKeys(signature))) {
    if (candidate === articleId) continue
    const entry = state.articles.get(candidate)
    if (entry === undefined) continue
    const similarity = estimateJaccard(signature, entry.minhash)
    const isCopy = similarity >= params.copyJaccard || contains(entry.sentenceKeys, profile, params)
    if (!isCopy) continue
    if (best === null || similarity > best.similarity || (similarity === best.similarity && candidate < best.id)) best = { id: candidate, similarity }
  }
  return best
}

/** Per sentence key, the containment check that last counted it: each distinct key once, without a set per candidate. */
const keyMarks = new Int32Array(1 << 16)
let keyCheck = 0

/** Whether an earlier article's sentences cover enough of the new article's (by length): three shared sentences at the least. */
const contains = (keys: Uint16Array, profile: SentenceProfile, params: DedupeParams): boolean => {
  if (++keyCheck === 0x7fffffff) {
    keyMarks.fill(0)
    keyCheck = 1
  }
  let shared = 0
  let sharedWeight = 0
  for (const k of keys) {
    if (keyMarks[k] === keyCheck) continue
    keyMarks[k] = keyCheck
    const w = profile.keys.get(k)
    if (w === undefined) continue
    shared++
    sharedWeight += w
  }
  return shared >= 3 && sharedWeight >= params.copyContainment * profile.total
}

/**
 * An original's sentences and their keys, worked out once for every copy of it (an agency's text is carried by many
 * outlets): kept while the state holds the original's text, a pure function of it.
 */
const originalKeys = new WeakMap<ArticleText, { readonly sentences: string[]; readonly keys: string[]; readonly keyOf: ReadonlyMap<string, string> }>()
const originalSentences = (text: ArticleText) => {
  let known = originalKeys.get(text)
  if (known === undefined) {
    const sentences = sentencesFor(text)
    const keys = sentences.map(sentenceKey)
    known = { sentences, keys, keyOf: new Map(sentences.map((s, i) => [s, keys[i]!])) }
    originalKeys.set(text, known)
  }
  return known
}

/**
 * What a copy added to and removed from its original, sentence by sentence. Texts compare exactly;
 * once the original's texts have left the window, its sentence hashes still tell what was added.
 */
const sentenceChanges = (own: readonly string[], ownHashes: Uint16Array, original: ArticleEntry | undefined) => {
  if (original?.text == null) {
    const known = new Set(original?.sentenceKeys ?? [])
    return { added: own.filter((_, i) => !known.has(ownHashes[i] ?? -1)), removed: [] }
  }
  const { sentences: theirs, keys: theirKeys, keyOf } = originalSentences(original.text)
  // Each sentence's key is worked out once: it is the costly part (a tokenization). A sentence the copy carries as
  // written has the original's sentence's key (a key is a function of the sentence): only the others are tokenized.
  const ownKeys = own.map((s) => keyOf.get(s) ?? sentenceKey(s))
  const ownSet = new Set(ownKeys)
  const theirSet = new Set(theirKeys)
  return { added: own.filter((_, i) => !theirSet.has(ownKeys[i]!)), removed: theirs.filter((_, i) => !ownSet.has(theirKeys[i]!)) }
}

/**
 * Pure: the dedupe decision for one extracted article against the state, with explicit parameters. `analysis` is
 * `analyze(article)` when given (a replay works it out on other threads, ahead of the decisions; it depends on the
 * article alone).
 */
export const decideDedupeWith = (
  params: DedupeParams,
  state: DedupeState,
  input: { readonly causationId: string; readonly article: ArticleExtractedData },
  analysis: ArticleAnalysis = analyze(input.article),
): DedupeEvent[] => {
  if (state.processed.has(input.causationId)) return []
  const { article } = input
  const articleId = article.articleId
  const idf = makeIdf(state)
  // All its terms, strongest first: the features keep the first of them, the query vector takes them all.
  const ranked = rankedWithIds(state, analysis, params)
  const features = featuresOfRanked(article, analysis, ranked)
  noteDecidedSignature(state, input.causationId, features)
  const time = timeOf(article.publishedAt)
  // Its days: the day of publication and, for a dated article, the days and months its text writes out (a follow-up
  // names the day of the event it follows up; a page dated when it was crawled quotes posts of the day it was written).
  const days: readonly DaySpan[] = time === null ? [] : [[time, time], ...analysis.mentionedDays]
  const events: DedupeEvent[] = []

  const recorded = encodeFeatures(features)
  const copy = copyCheck(state, articleId, features.minhash, profileOf(analysis.sentences, features.sentences), params)
  if (copy !== null) {
    const original = state.articles.get(copy.id)
    events.push({ type: "CopyDetected.v1", data: { articleId, originalId: copy.id, similarity: round(copy.similarity), ...sentenceChanges(analysis.sentences, features.sentences, original) } })
    const storyId = resolveStory(state, state.storyOf.get(copy.id) ?? storyIdFor(article))
    events.push({ type: "StoryAssigned.v3", data: { articleId, storyId, opened: false, score: round(copy.similarity), features: recorded } })
    return events
  }

  const idOf = (term: string, i: number): number => state.termIds.get(term) ?? -(i + 1)
  // The article's own side of every similarity is its whole term vector (the index stores only its strongest terms of
  // it): a member's stored terms meet all of the article's, which costs time, not bytes.
  const vector = queryVectorOf(new Map(ranked.map(({ id, w }, i) => [id ?? -(i + 1), w])))
  // The same weight by term id (indexed members' terms): arrays only, no string lookups.
  const documents = BACKGROUND.documents + state.documents
  const idfOf = (id: number): number => idfFor(documents, indexedDf(state, id))
  const setVector = (terms: readonly string[]): QueryVector => queryVectorOf(new Map(terms.map((t, i) => [idOf(t, i), idf(t)])))
  const setCosine = (own: QueryVector, ids: Int32Array): number => {
    const weights = Array.from(ids, idfOf)
    return cosineWith(own, ids, weights, Math.hypot(...weights))
  }
  const ownNames = setVector(features.names)
  const ownTitle = setVector(features.titleTerms)
  const memberWeights = (entry: ArticleEntry): { weights: Float64Array; norm: number } => {
    const weights = new Float64Array(entry.terms.length)
    let sum = 0
    for (let i = 0; i < entry.terms.length; i++) {
      const id = entry.terms[i] ?? 0
      const boost = params.nameBoost !== 1 && entry.names.includes(id) ? params.nameBoost : 1
      const w = (1 + Math.log(entry.tfs[i] ?? 1)) * idfOf(id) * boost
      weights[i] = w
      sum += w * w
    }
    return { weights, norm: Math.sqrt(sum) }
  }
  /** Article-to-article similarity: term cosine (of two shared terms or more), blended with name and headline overlap where both sides have them. */
  const similarity = (entry: ArticleEntry, member: { weights: Float64Array; norm: number }): number => {
    let sim = linkCosine(vector, entry.terms, member.weights, member.norm)
    if (params.nameWeight > 0 && ownNames.norm > 0 && entry.names.length > 0) sim = (1 - params.nameWeight) * sim + params.nameWeight * setCosine(ownNames, entry.names)
    if (params.titleWeight > 0 && ownTitle.norm > 0 && entry.titleTerms.length > 0) sim = (1 - params.titleWeight) * sim + params.titleWeight * setCosine(ownTitle, entry.titleTerms)
    // Across languages only names, numbers and loanwords can be shared: the same story scores on a smaller scale.
    if (article.language !== null && entry.language !== null && article.language !== entry.language) sim = Math.min(1, sim * params.crossLanguage)
    return sim
  }

  // Candidate stories: those posting the article's strongest terms, by the summed weight of the terms they share.
  const tally = tallyOf(state)
  const touched: number[] = []
  // The strongest terms, and the headline's: a page whose body is mostly chrome still names its story in its headline.
  const strongest = features.terms.slice(0, QUERY_TERMS).map(([term]) => term)
  const query = [...strongest, ...features.titleTerms.filter((term) => !strongest.includes(term))]
  for (const [q, term] of query.entries()) {
    const id = state.termIds.get(term)
    if (id === undefined) continue
    const w = vector.weights.get(id) ?? 0
    const { counters } = tally
    for (const posted of state.postings.get(id) ?? []) {
      const at = 3 * resolveNumber(state, posted)
      if (counters[at] !== tally.current) {
        counters[at] = tally.current
        counters[at + 1] = w
        counters[at + 2] = q
        touched.push(at / 3)
      } else if (counters[at + 2] !== q) {
        // A story counts each query term once, however many of its postings name it.
        counters[at + 1] = (counters[at + 1] ?? 0) + w
        counters[at + 2] = q
      }
    }
  }
  const candidates = topStories(touched, tally, state.storyNames, CANDIDATE_STORIES)

  /** The time factor of a gap of so many days: none within the grace period, decaying beyond. */
  const decayOver = (gapDays: number): number => (gapDays <= params.graceDays ? 1 : Math.exp(-(gapDays - params.graceDays) / params.decayDays))
  /** The time factor of a link to a member: none for a strong link, else that of the gap between them. */
  const memberDecay = (entry: ArticleEntry, sim: number): number =>
    time === null || entry.time === null || sim >= params.strongLink ? 1 : decayOver(gapToSpans(days, entry.time))
  const nearest: { story: Story; best: number; strongest: number; sample: { entry: ArticleEntry; weights: Float64Array; norm: number }[] }[] = []
  for (const storyId of candidates) {
    const story = state.stories.get(storyId)
    if (story === undefined) continue
    const { members } = story
    const sample = (members.length <= SCORED_MEMBERS + 1 ? members : [...members.slice(0, 2), ...members.slice(-(SCORED_MEMBERS - 1))])
      .filter((id) => id !== articleId)
      .map((id) => state.articles.get(id))
      .filter((entry): entry is ArticleEntry => entry !== undefined)
      .map((entry) => ({ entry, ...memberWeights(entry) }))
    if (sample.length === 0) continue
    // The single link is to the member the article is close to in words and in time: a story that ran for months
    // (or took in an early report by a merge) spans the article's date without any report near it.
    let best = 0
    let strongest = 0
    for (const m of sample) {
      const sim = similarity(m.entry, m)
      strongest = Math.max(strongest, sim)
      best = Math.max(best, sim * memberDecay(m.entry, sim))
    }
    nearest.push({ story, best, strongest, sample })
  }
  nearest.sort((a, b) => b.best - a.best || byId(a.story.id, b.story.id))

  const scored: ScoredStory[] = nearest.map(({ story, best, strongest, sample }, rank) => {
    // The centroid (how the article fits the story as a whole) is worth computing for the few best stories only.
    let mean = 0
    if (rank < CENTROID_STORIES) {
      const centroid = new Map<number, number>()
      for (const { entry, weights, norm } of sample) {
        if (norm === 0) continue
        entry.terms.forEach((id, i) => centroid.set(id, (centroid.get(id) ?? 0) + (weights[i] ?? 0) / norm))
      }
      mean = cosine(vector, vectorOf(centroid))
    }
    // The link is decayed by its member's time gap (above); the centroid by the gap to the story's time span.
    if (time !== null && story.first !== null && story.last !== null) {
      const gapDays = gapBetweenSpans(days, story.first, story.last)
      // A follow-up that reads like one of the story's reports continues it however late it comes.
      if (strongest < params.strongLink) mean *= decayOver(gapDays)
    }
    const score = params.linkWeight * best + (1 - params.linkWeight) * mean
    return { id: story.id, openedAt: story.openedAt, score }
  })
  scored.sort((a, b) => b.score - a.score || byId(a.id, b.id))

  const best = scored[0]
  const ownStory = state.stories.get(state.storyOf.get(articleId) ?? "")
  if ((best === undefined || best.score < params.joinThreshold) && ownStory !== undefined && ownStory.members.every((id) => id === articleId)) {
    // A re-extracted article that had a story of its own keeps it.
    events.push({ type: "StoryAssigned.v3", data: { articleId, storyId: ownStory.id, opened: false, score: round(best?.score ?? 0), features: recorded } })
    return events
  }
  if (best === undefined || best.score < params.joinThreshold) {
    let storyId = storyIdFor(article)
    for (let n = 2; state.stories.has(storyId) || wasMerged(state, storyId); n++) storyId = `${storyIdFor(article)}-${n}`
    events.push({ type: "StoryAssigned.v3", data: { articleId, storyId, opened: true, score: round(best?.score ?? 0), features: recorded } })
    return events
  }
  events.push({ type: "StoryAssigned.v3", data: { articleId, storyId: best.id, opened: false, score: round(best.score), features: recorded } })
  const linked = scored.filter((s) => s.score >= params.mergeThreshold)
  if (linked.length >= 2 && best.score >= params.mergeThreshold) {
    const survivor = [...linked].sort((a, b) => a.openedAt - b.openedAt || byId(a.id, b.id))[0] ?? best
    for (const s of linked)
      if (s.id !== survivor.id) events.push({ type: "StoriesMerged.v1", data: { from: s.id, into: survivor.id, articleId, score: round(s.score) } })
  }
  return events
}

/** Pure: the dedupe decision for one extracted article against the state. */
export const decideDedupe = (
  state: DedupeState,
  input: { readonly causationId: string; readonly article: ArticleExtractedData },
  analysis?: ArticleAnalysis,
): DedupeEvent[] => decideDedupeWith(DEFAULT_PARAMS, state, input, analysis)
