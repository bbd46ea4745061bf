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
  /** StoryAssigned events folded: the clock `letGoOfClosedStories` reads. */
  decisions: number
  /** Story -> the `decisions` count when a decision last named it or a merge moved articles into it, least recent first. */
  readonly lastNamed: Map<string, number>
  /** Articles received and not (yet) in a story -> the `decisions` count at their receipt, oldest first. */
  readonly unplaced: Map<string, number>
  /** Stories with members, those let go included: what index.md counts. */
  storyCount: number
  /** Stories and articles let go so far: until then an unknown story or article is simply a new one. */
  letGo: number
  /**
   * An event named an article or a story this projection let go: it no longer holds their views, so it must be folded
   * again from zero (the report worker does) before that story is rendered.
   */
  stale: boolean
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
  decisions: 0,
  lastNamed: new Map(),
  unplaced: new Map(),
  storyCount: 0,
  letGo: 0,
  stale: false,
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

/** A decision or a merge named this story now: it is the most recently named. */
const named = (state: StoriesState, storyId: string): void => {
  state.lastNamed.delete(storyId)
  state.lastNamed.set(storyId, state.decisions)
}

const moveTo = (state: StoriesState, view: ArticleView, storyId: string): void => {
  if (view.storyId === storyId) return
  if (view.storyId !== null) {
    const old = state.members.get(view.storyId)
    old?.delete(view.articleId)
    state.touched.add(view.storyId)
    if (old !== undefined && old.size === 0) {
      state.members.delete(view.storyId)
      state.lastNamed.delete(view.storyId)
      state.removed.add(view.storyId)
      state.storyCount--
    }
  } else state.unplaced.delete(view.articleId)
  view.storyId = storyId
  let members = state.members.get(storyId)
  if (members === undefined) {
    members = new Set<string>()
    state.members.set(storyId, members)
    state.storyCount++
  }
  members.add(view.articleId)
  state.removed.delete(storyId)
  state.touched.add(storyId)
}

/** An event about an article or story that was let go: this projection cannot apply it without folding again. */
const letGoOf = (state: StoriesState): StoriesState => {
  if (state.letGo > 0) state.stale = true
  return state
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
      if (!state.articles.has(event.data.articleId)) {
        state.unplaced.set(event.data.articleId, state.decisions)
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
      }
      return state
    case "ArticleExtracted.v1": {
      const view = state.articles.get(event.data.articleId)
      if (view === undefined) return letGoOf(state)
      view.extracted = event.data
      view.extractedAt = event.meta.position
      markUsed(state, view.articleId)
      evictBeyondLimit(state)
      if (view.storyId !== null) state.touched.add(view.storyId)
      return state
    }
    case "CopyDetected.v1": {
      const view = state.articles.get(event.data.articleId)
      if (view === undefined) return letGoOf(state)
      view.copyOf = event.data
      view.copyCause = event.meta.causationId
      if (view.storyId !== null) state.touched.add(view.storyId)
      return state
    }
    case "StoryAssigned.v3": {
      const view = state.articles.get(event.data.articleId)
      state.decisions++
      if (view === undefined) return letGoOf(state)
      // A story a decision joins without opening it is one this projection holds, unless it was let go.
      if (!event.data.opened && !state.members.has(event.data.storyId)) letGoOf(state)
      named(state, event.data.storyId)
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
      if (from === undefined) return letGoOf(state)
      if (!state.members.has(event.data.into)) letGoOf(state)
      named(state, event.data.into)
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

/**
 * Lets go of every story no decision has named for `window` decisions, and of every article received that long ago
 * and still in no story: their views and members go, so that a long-running projection holds a bounded number of
 * articles. Dedupe closes a story once none of its articles is among the last `window` it decided (its index window,
 * the same setting): such a story gains no member and takes part in no merge, so nothing folded later names it. If
 * something does (an old article extracted again, say), the fold marks the projection `stale`. Returns the stories
 * let go; the caller keeps what index.md needs of them. Stories touched since the last flush are kept.
 */
export const letGoOfClosedStories = (state: StoriesState, window: number): string[] => {
  const gone: string[] = []
  for (const [storyId, at] of state.lastNamed) {
    if (state.decisions - at < window) break
    if (state.touched.has(storyId)) continue
    state.lastNamed.delete(storyId)
    for (const articleId of state.members.get(storyId) ?? []) forgetView(state, articleId)
    state.members.delete(storyId)
    gone.push(storyId)
  }
  for (const [articleId, at] of state.unplaced) {
    if (state.decisions - at < window) break
    state.unplaced.delete(articleId)
    forgetView(state, articleId)
  }
  return gone
}

const forgetView = (state: StoriesState, articleId: string): void => {
  state.articles.delete(articleId)
  state.resident.delete(articleId)
  state.letGo++
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
