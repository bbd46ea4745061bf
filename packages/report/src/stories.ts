import type { ArticleExtractedData, CopyDetected, EventType, RecordedEvent } from "@wiredesk/core"

/** What a report knows of one article: its latest extraction, its story and whether it is a copy. */
export interface ArticleView {
  readonly articleId: string
  readonly input: string
  readonly receivedAt: number
  extracted: ArticleExtractedData | null
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
  checkpoint: number
}

export const initialStories = (): StoriesState => ({
  articles: new Map(),
  members: new Map(),
  touched: new Set(),
  removed: new Set(),
  checkpoint: 0,
})

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
  "StoryAssigned.v2",
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
          copyOf: null,
          copyCause: null,
          storyId: null,
        })
      return state
    case "ArticleExtracted.v1": {
      const view = state.articles.get(event.data.articleId)
      if (view === undefined) return state
      view.extracted = event.data
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
    case "StoryAssigned.v2": {
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
