import { existsSync, readdirSync, readFileSync } from "node:fs"
import { gunzipSync } from "node:zlib"
import type { ArticleExtractedData, RecordedEvent } from "@wiredesk/core"
import { lshEntries } from "./lshIndex.js"
import { decideDedupe, evolveDedupe, initialDedupeState, type DedupeEvent, type DedupeState } from "./dedupe.js"

const fixtures = new URL("../../../fixtures/", import.meta.url)

const article = (fields: { id: string; title: string | null; publishedAt: string | null; body: string; language?: string; url?: string | null }): ArticleExtractedData => ({
  articleId: fields.id,
  title: fields.title,
  publishedAt: fields.publishedAt,
  dateline: null,
  credit: null,
  byline: null,
  language: fields.language ?? null,
  source: null,
  url: fields.url ?? null,
  body: fields.body,
  subheadings: [],
  wordCount: fields.body.split(/\s+/).length,
  entities: { people: [], organisations: [], places: [] },
  quotes: [],
})

/** A real article from fixtures/dedupe/<name>.json, as the extract stage hands it over (no entities yet). */
export const fixtureArticle = (name: string): ArticleExtractedData => {
  const raw = JSON.parse(readFileSync(new URL(`dedupe/${name}.json`, fixtures), "utf8")) as { id: string; title: string | null; publishedAt: string | null; body: string; language?: string; url?: string | null }
  return article(raw)
}

/** The five seed articles (fixtures/seeds), bodies built from the files: paragraphs as written, no title or date. */
export const seedArticles = (): ArticleExtractedData[] => {
  const dir = new URL("seeds/", fixtures)
  return readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => {
      const text = readFileSync(new URL(f, dir), "utf8")
      const body = text.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, " ").trim()).filter((p) => p.length > 0).join("\n\n")
      return article({ id: `seed-${f.slice(0, 3)}`, title: null, publishedAt: null, body })
    })
}

/** Records events as the event log would: increasing positions, causation ids kept. */
export const recorded = (events: readonly DedupeEvent[], causationId: string, after: number): RecordedEvent[] =>
  events.map((event, i) => ({
    ...event,
    meta: { id: `ev-${after + i + 1}`, position: after + i + 1, recordedAt: "2026-01-01T00:00:00Z", articleId: event.data.articleId, causationId, correlationId: null, stage: "dedupe", stageVersion: "test" },
  })) as RecordedEvent[]

/** The extraction as the log records it, under the given event id. */
export const extracted = (data: ArticleExtractedData, id: string, position: number): RecordedEvent => ({
  type: "ArticleExtracted.v1",
  data,
  meta: { id, position, recordedAt: "2026-01-01T00:00:00Z", articleId: data.articleId, causationId: null, correlationId: null, stage: "extract", stageVersion: "test" },
})

/** A dedupe stage with its own little log: record the extraction, decide, record, fold back. */
export const desk = (state: DedupeState = initialDedupeState()) => {
  const log: RecordedEvent[] = []
  const process = (input: ArticleExtractedData, causationId = `extracted-${input.articleId}`): DedupeEvent[] => {
    const extraction = extracted(input, causationId, log.length + 1)
    log.push(extraction)
    evolveDedupe(state, extraction)
    const events = decideDedupe(state, { causationId, article: input })
    const records = recorded(events, causationId, log.length)
    log.push(...records)
    for (const r of records) evolveDedupe(state, r)
    return events
  }
  return { state, log, process }
}

/** A comparable picture of a state: what decisions depend on, in canonical order. */
export const snapshot = (state: DedupeState) => ({
  checkpoint: state.checkpoint,
  documents: state.documents,
  processed: [...state.processed].sort(),
  storyOf: [...state.storyOf].sort(([a], [b]) => (a < b ? -1 : 1)),
  stories: [...state.stories.values()].map((s) => ({ ...s, members: [...s.members] })).sort((a, b) => (a.id < b.id ? -1 : 1)),
  copyOf: [...state.copyOf].sort(([a], [b]) => (a < b ? -1 : 1)),
  df: [...state.termIds].map(([term, id]) => [term, state.df[id] ?? 0] as const).filter(([, n]) => n > 0).sort(([a], [b]) => (a < b ? -1 : 1)),
  buckets: lshEntries(state.buckets),
})

/** A labelled Giveme5W1H dev record: the article text with its event. */
export interface EventRecord {
  readonly id: string
  readonly cluster: string
  readonly title: string | null
  readonly text: string
  readonly date: string | null
}

/** The 249 Giveme5W1H dev records (fixtures/report/giveme5w1h_events.dev.jsonl.gz) in file order; null when the copy is missing. */
export const eventRecords = (): EventRecord[] | null => {
  const file = new URL("report/giveme5w1h_events.dev.jsonl.gz", fixtures)
  if (!existsSync(file)) return null
  return gunzipSync(readFileSync(file))
    .toString("utf8")
    .split("\n")
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as EventRecord)
}
