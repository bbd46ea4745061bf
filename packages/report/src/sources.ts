import type { ArticleExtractedData, Entity, Quote } from "@wiredesk/core"
import type { ArticleView } from "./stories.js"
import { oneLine } from "./markdown.js"
import { BOILERPLATE, byString, splitSentences, type Sentence } from "./text.js"

/** One article of a story as the report sees it: a short marker, its day and its sentences. */
export interface Source {
  readonly articleId: string
  /** Short, story-unique, alphanumeric marker used in `[marker]` source references. */
  readonly marker: string
  readonly outlet: string | null
  /** Publication day (YYYY-MM-DD) when the article states it. */
  readonly date: string | null
  readonly title: string | null
  readonly words: number
  readonly copyOf: { readonly originalId: string; readonly similarity: number } | null
  /** Articles that copy each other share a group: they corroborate nothing between them. */
  readonly group: string
  readonly sentences: readonly Sentence[]
  readonly body: string
  readonly people: readonly Entity[]
  readonly organisations: readonly Entity[]
  readonly places: readonly Entity[]
  readonly quotes: readonly Quote[]
}

const visible = (text: string | null | undefined): string | null => {
  const clean = text === null || text === undefined ? "" : oneLine(text)
  return /[\p{L}\p{N}]/u.test(clean) ? clean : null
}

const dayOf = (iso: string | null | undefined): string | null => (iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : null)

/** A source given as a web host ("www.nytimes.com") is named as its address's host is ("nytimes.com"). */
const outletNamed = (source: string | null): string | null =>
  source !== null && /^www\.[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(source) ? hostOf(`https://${source}`) : source

const hostOf = (url: string | null | undefined): string | null => {
  if (!url) return null
  try {
    return new URL(url).hostname.replace(/^www\./, "")
  } catch {
    return null
  }
}

const markers = (ids: readonly string[]): Map<string, string> => {
  // A prefix every id shares up to a separator ("g5w-") tells the articles apart no better than nothing.
  let common = ids[0] ?? ""
  for (const id of ids) while (!id.startsWith(common)) common = common.slice(0, -1)
  const cut = ids.length > 1 ? common.search(/[-_.][^-_.]*$/) + 1 : 0
  const clean = ids.map((id) => id.slice(cut).replace(/[^A-Za-z0-9]/g, "") || "a")
  const maxLength = Math.max(...clean.map((c) => c.length))
  for (let length = Math.min(3, maxLength); length <= maxLength; length++) {
    const cut = clean.map((c) => c.slice(0, length))
    if (new Set(cut).size === cut.length) return new Map(ids.map((id, i) => [id, cut[i]!]))
  }
  return new Map(ids.map((id, i) => [id, `${clean[i]!.slice(0, 8)}${i + 1}`]))
}

interface ArticleMemo {
  readonly articleId: string
  readonly outlet: string | null
  readonly title: string | null
  readonly sentences: readonly Sentence[]
  readonly derived: Map<string, unknown>
}

// What a report derives from one article's text depends on its extraction alone, and a story's report is rendered again
// with each new member: it is worked out once per extraction (an event's data object, never changed) and shared by every render.
// About 100 KB per article, so only the most recently used articles keep it (the stories being updated now): a
// worker's memory stays flat however many articles its projection holds, and an evicted article is worked out again.
export const MEMO_ARTICLES = 2_048
const memoOfExtraction = new Map<ArticleExtractedData, ArticleMemo>()
const memoOfSource = new WeakMap<Source, ArticleMemo>()

const memoOf = (articleId: string, extracted: ArticleExtractedData | null): ArticleMemo => {
  if (extracted === null) return { articleId, outlet: null, title: null, sentences: [], derived: new Map() }
  const known = memoOfExtraction.get(extracted)
  if (known !== undefined && known.articleId === articleId) {
    memoOfExtraction.delete(extracted)
    memoOfExtraction.set(extracted, known)
    return known
  }
  const memo = {
    articleId,
    outlet: visible(extracted.credit) ?? outletNamed(visible(extracted.source)) ?? hostOf(extracted.url),
    title: visible(extracted.title),
    sentences: splitSentences(articleId, extracted.body).filter((s) => !BOILERPLATE.test(s.text)),
    derived: new Map(),
  }
  memoOfExtraction.delete(extracted)
  memoOfExtraction.set(extracted, memo)
  if (memoOfExtraction.size > MEMO_ARTICLES) memoOfExtraction.delete(memoOfExtraction.keys().next().value as ArticleExtractedData)
  return memo
}

/** How many articles' derived text the renderer holds now (at most MEMO_ARTICLES). */
export const memoizedArticles = (): number => memoOfExtraction.size

/**
 * `compute` once per article extraction, under `name`. It must read only what the extraction gives the source
 * (id, title, body, sentences, entities, quotes), never the story around it (marker, group, copy, other sources).
 */
export const perArticle = <T>(src: Source, name: string, compute: () => T): T => {
  const memo = memoOfSource.get(src)
  if (memo === undefined) return compute()
  if (!memo.derived.has(name)) memo.derived.set(name, compute())
  return memo.derived.get(name) as T
}

/** The articles of a story in a fixed order (date, undated last, then id), whatever order they came in. */
export const describeSources = (articles: readonly ArticleView[]): Source[] => {
  const unique = new Map<string, ArticleView>()
  for (const a of [...articles].sort((x, y) => byString(x.articleId, y.articleId) || x.receivedAt - y.receivedAt))
    if (!unique.has(a.articleId)) unique.set(a.articleId, a)
  const ordered = [...unique.values()].sort(
    (x, y) => byString(dayOf(x.extracted?.publishedAt) ?? "9999", dayOf(y.extracted?.publishedAt) ?? "9999") || byString(x.articleId, y.articleId),
  )
  const marks = markers(ordered.map((a) => a.articleId))
  const ids = new Set(ordered.map((a) => a.articleId))
  const rootOf = (id: string, seen = new Set<string>()): string => {
    const original = unique.get(id)?.copyOf?.originalId
    if (original === undefined || !ids.has(original) || seen.has(original)) return id
    seen.add(id)
    return rootOf(original, seen)
  }
  return ordered.map((a) => {
    const x = a.extracted
    const body = x?.body ?? ""
    const memo = memoOf(a.articleId, x)
    const source: Source = {
      articleId: a.articleId,
      marker: marks.get(a.articleId)!,
      outlet: memo.outlet,
      date: dayOf(x?.publishedAt),
      title: memo.title,
      words: x?.wordCount ?? 0,
      copyOf: a.copyOf ? { originalId: a.copyOf.originalId, similarity: a.copyOf.similarity } : null,
      group: rootOf(a.articleId),
      sentences: memo.sentences,
      body,
      people: x?.entities.people ?? [],
      organisations: x?.entities.organisations ?? [],
      places: x?.entities.places ?? [],
      quotes: x?.quotes ?? [],
    }
    memoOfSource.set(source, memo)
    return source
  })
}

/** Each article's place in the report's source order, for sorting article ids. */
export const sourceOrder = (sources: readonly Source[]): ReadonlyMap<string, number> => new Map(sources.map((s, i) => [s.articleId, i]))
