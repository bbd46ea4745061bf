import type { ArticleExtractedData, CopyDetected, DedupeFeatures, RecordedEvent, StoriesMerged, StoryAssigned } from "@wiredesk/core"
import { safeId, sha256 } from "@wiredesk/core"

/** Bumped whenever dedupe decisions change; recorded as the stage version of its events. */
export const DEDUPE_VERSION = "dedupe@0.1.0"

export type DedupeEvent = CopyDetected | StoryAssigned | StoriesMerged

/**
 * Dedupe state: a fold over the stage's own recorded events. `evolveDedupe` may mutate in place
 * (the index is large); callers treat the state as owned by the fold.
 */
export interface DedupeState {
  readonly processed: Set<string>
  readonly storyOf: Map<string, string>
  readonly articles: Map<string, DedupeFeatures>
  checkpoint: number
}

export const initialDedupeState = (): DedupeState => ({
  processed: new Set(),
  storyOf: new Map(),
  articles: new Map(),
  checkpoint: 0,
})

export const evolveDedupe = (state: DedupeState, event: RecordedEvent): DedupeState => {
  if (event.meta.position <= state.checkpoint) return state
  state.checkpoint = event.meta.position
  switch (event.type) {
    case "StoryAssigned.v1":
      state.processed.add(event.meta.causationId ?? "")
      state.storyOf.set(event.data.articleId, event.data.storyId)
      state.articles.set(event.data.articleId, event.data.features)
      return state
    case "StoriesMerged.v1":
      for (const [articleId, storyId] of state.storyOf) if (storyId === event.data.from) state.storyOf.set(articleId, event.data.into)
      return state
    default:
      return state
  }
}

/** Story id for a story opened by this article: readable and deterministic. */
export const storyIdFor = (article: ArticleExtractedData): string => {
  const day = article.publishedAt?.slice(0, 10) ?? "undated"
  const words = (article.title ?? article.body).toLowerCase().split(/\s+/).slice(0, 8).join(" ")
  return `${day}-${safeId(words, 48).toLowerCase()}-${sha256(article.articleId).slice(0, 6)}`
}

/** Pure: the dedupe decision for one extracted article against the state. (Stub: replaced by the dedupe work.) */
export const decideDedupe = (
  state: DedupeState,
  input: { readonly causationId: string; readonly article: ArticleExtractedData },
): DedupeEvent[] => {
  if (state.processed.has(input.causationId)) return []
  const features: DedupeFeatures = {
    minhash: [],
    terms: [],
    names: [],
    titleTerms: [],
    publishedAt: input.article.publishedAt,
    language: input.article.language,
    wordCount: input.article.wordCount,
  }
  const existing = [...state.storyOf.values()][0]
  return [
    {
      type: "StoryAssigned.v1",
      data: {
        articleId: input.article.articleId,
        storyId: existing ?? storyIdFor(input.article),
        opened: existing === undefined,
        score: 0,
        features,
      },
    },
  ]
}
