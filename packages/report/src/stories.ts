import type { ArticleExtractedData, CopyDetected, EventType, RecordedEvent } from "@wiredesk/core"

/** What a report knows of one article: its latest extraction, its story and whether it is a copy. */
export interface ArticleView {
  readonly articleId: string
  readonly input: string
  readonly receivedAt: number
  /** Its latest extraction while resident (see StoriesState.resident); null before it is extracted or once evicted. */
  extracted: ArticleExtractedData | null
  /** The log position of that extraction: where an evicted one is read back from. */
  extractedAt: number | null
  copyOf: CopyDetected["data"] | null
  copyCause: string | null
  storyId: string | null
}

/** The story projection: a fold over the log, with the stories each event touched since the last flush. */
export interface StoriesState {
  readonly articles: Map<string, ArticleView>
  readonly members: Map<string, Set<string>>
  readonly touched: Set<string>
  readonly removed: Set<string>
  /**
   * Articles whose extraction (the body, most of an article's memory) is held, least recently used first. Past
   * `residentLimit` the oldest are evicted and read back from the log when their story is rendered again, so a
   * long-running report worker holds a bounded number of bodies however many articles it has seen.
   */
  readonly resident: Set<string>
  readonly residentLimit: number
  checkpoint: number
}

/** How many extractions the report worker holds: the members of the stories that are moving, with room to spare. */
export const RESIDENT_EXTRACTIONS = 4_096

/** `residentLimit` defaults to no limit: a one-off fold (a CLI summary) wants every article at hand. */
export const initialStories = (residentLimit = Number.POSITIVE_INFINITY): StoriesState => ({
  articles: new Map(),
  members: new Map(),
  touched: new Set(),
  removed: new Set(),
  resident: new Set(),
  residentLimit,
  checkpoint: 0,
})

/** Marks an article's extraction as the most recently used. */
const markUsed = (state: StoriesState, articleId: string): void => {
  state.resident.delete(articleId)
  state.resident.add(articleId)
}

const evictBeyondLimit = (state: StoriesState): void => {
  for (const articleId of state.resident) {
    if (state.resident.size <= state.residentLimit) return
    state.resident.delete(articleId)
    const view = state.articles.get(articleId)
    if (view !== undefined) view.extracted = null
  }
}

/** Log positions of the extractions of a story's members that were evicted: what must be read back to render it. */
export const evictedExtractions = (state: StoriesState, storyId: string): number[] => {
  const positions: number[] = []
  for (const articleId of state.members.get(storyId) ?? []) {
    const view = state.articles.get(articleId)
    if (view !== undefined && view.extracted === null && view.extractedAt !== null) positions.push(view.extractedAt)
  }
  return positions.sort((a, b) => a - b)
}

/**
 * Puts extractions read back from the log (at the positions `evictedExtractions` named) into their views. They stay
 * until `keepResident` trims: a story larger than the limit is rendered whole.
 */
export const restoreExtractions = (state: StoriesState, events: readonly RecordedEvent[]): void => {
  for (const event of events) {
    if (event.type !== "ArticleExtracted.v1") continue
    const view = state.articles.get(event.data.articleId)
    if (view === undefined || view.extractedAt !== event.meta.position) continue
    view.extracted = event.data
    markUsed(state, view.articleId)
  }
}

/** After rendering: these articles were just used; the least recently used beyond the limit are evicted. */
export const keepResident = (state: StoriesState, used: readonly ArticleView[]): void => {
  for (const view of used) if (view.extracted !== null) markUsed(state, view.articleId)
  evictBeyondLimit(state)
}

const moveTo = (state: StoriesState, view: ArticleView, storyId: string): void => {
  if (view.storyId === storyId) return
  if (view.storyId !== null) {
    const old = state.members.get(view.storyId)
    old?.delete(view.articleId)
    state.touched.add(view.storyId)
    if (old !== undefined && old.size === 0) {
      state.members.delete(view.storyId)
      state.removed.add(view.storyId)
    }
  }
  view.storyId = storyId
  const members = state.members.get(storyId) ?? new Set<string>()
  members.add(view.articleId)
  state.members.set(storyId, members)
  state.removed.delete(storyId)
  state.touched.add(storyId)
}

/** The event types the story projection folds: reading the log, it need not parse any other. */
export const STORY_EVENT_TYPES: ReadonlySet<string> = new Set<EventType>([
  "ArticleReceived.v1",
  "ArticleExtracted.v1",
  "CopyDetected.v1",
  "StoryAssigned.v3",
  "StoriesMerged.v1",
])

/** Applies one recorded event; events at or below the checkpoint are ignored, so re-delivery is harmless. */
export const evolveStories = (state: StoriesState, event: RecordedEvent): StoriesState => {
  if (event.meta.position <= state.checkpoint) return state
  state.checkpoint = event.meta.position
  switch (event.type) {
    case "ArticleReceived.v1":
      if (!state.articles.has(event.data.articleId))
        state.articles.set(event.data.articleId, {
          articleId: event.data.articleId,
          input: event.data.input,
          receivedAt: event.meta.position,
          extracted: null,
          extractedAt: null,
          copyOf: null,
          copyCause: null,
          storyId: null,
        })
      return state
    case "ArticleExtracted.v1": {
      const view = state.articles.get(event.data.articleId)
      if (view === undefined) return state
      view.extracted = event.data
      view.extractedAt = event.meta.position
      markUsed(state, view.articleId)
      evictBeyondLimit(state)
      if (view.storyId !== null) state.touched.add(view.storyId)
      return state
    }
    case "CopyDetected.v1": {
      const view = state.articles.get(event.data.articleId)
      if (view === undefined) return state
      view.copyOf = event.data
      view.copyCause = event.meta.causationId
      if (view.storyId !== null) state.touched.add(view.storyId)
      return state
    }
    case "StoryAssigned.v3": {
      const view = state.articles.get(event.data.articleId)
      if (view === undefined) return state
      // A later dedupe decision without its own copy finding supersedes an earlier one.
      if (view.copyCause !== event.meta.causationId) {
        view.copyOf = null
        view.copyCause = null
      }
      moveTo(state, view, event.data.storyId)
      return state
    }
    case "StoriesMerged.v1": {
      const from = state.members.get(event.data.from)
      if (from === undefined) return state
      for (const articleId of [...from]) {
        const view = state.articles.get(articleId)
        if (view !== undefined) moveTo(state, view, event.data.into)
      }
      return state
    }
    default:
      return state
  }
}

/** The articles of a story in a stable order: by publication date (undated last), then id. */
export const storyArticles = (state: StoriesState, storyId: string): ArticleView[] =>
  [...(state.members.get(storyId) ?? [])]
    .map((id) => state.articles.get(id))
    .filter((v): v is ArticleView => v !== undefined && v.extracted !== null)
    .sort((a, b) => {
      const da = a.extracted?.publishedAt ?? "9999"
      const db = b.extracted?.publishedAt ?? "9999"
      return da < db ? -1 : da > db ? 1 : a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : 0
    })
