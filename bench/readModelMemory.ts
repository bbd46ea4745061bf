/**
 * What the worker's read models keep per article once their window is full: the dedupe state and the report
 * projection folded over synthetic events (no extraction, no Redis), heap measured after gc() at marks; the bytes per
 * article between the last marks are what a long run adds. Run it with --expose-gc:
 *
 *   node --expose-gc --import tsx bench/readModelMemory.ts [window=20000] [articles=220000]
 */
import { packUint16, packUint8, type RecordedEvent } from "@wiredesk/core"
import { encodeFeatures, evolveDedupe, initialDedupeState } from "@wiredesk/dedupe"
import { evolveStories, keepResident, storyArticles, summarizeStory } from "@wiredesk/report"
import { letGoOfClosed, newProjection } from "@wiredesk/report/worker"
import { rng } from "./corpus.js"

const window = Number(process.argv[2] ?? 20_000)
const articles = Number(process.argv[3] ?? 220_000)
const gc = (globalThis as { gc?: () => void }).gc
if (gc === undefined) throw new Error("run with node --expose-gc")
const heap = () => {
  gc()
  gc()
  return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers
}
const articleId = (i: number) => `article-${i.toString(16).padStart(12, "0")}`
const storyId = (i: number) => `2025-01-01-some-story-title-words-here-${Math.floor(i / 5).toString(16).padStart(6, "0")}`
let position = 0
const meta = (articleId: string, causationId: string | null) => ({ id: `e${++position}`, position, recordedAt: "", articleId, causationId, correlationId: null, stage: "bench", stageVersion: "bench" })

/** Bytes per article between the middle and the last of five marks, and the heap at each mark. */
const measure = (step: (i: number) => void) => {
  const marks = [1, 2, 3, 4, 5].map((k) => Math.round((articles * k) / 5))
  const before = heap()
  const used: number[] = []
  let i = 0
  for (const mark of marks) {
    for (; i < mark; i++) step(i)
    used.push(heap())
  }
  return {
    heapMbAtMarks: used.map((b) => Math.round((b - before) / 1e5) / 10),
    bytesPerArticleLatterHalf: Math.round((used[4]! - used[2]!) / (marks[4]! - marks[2]!)),
  }
}

// Dedupe: decisions on synthetic articles of 48 terms drawn from a 30,000-word vocabulary, five articles per story.
const next = rng(5)
const vocabulary = Array.from({ length: 30_000 }, (_, i) => `term${i}`)
const pick = (n: number) => {
  const s = new Set<string>()
  while (s.size < n) s.add(vocabulary[Math.floor(vocabulary.length * next() ** 3)]!)
  return [...s]
}
const dedupe = initialDedupeState(window)
const dedupeFigures = measure((i) => {
  const terms = pick(48)
  const minhash = Uint8Array.from({ length: 128 }, () => Math.floor(next() * 0x100))
  const sentences = Uint16Array.from({ length: 12 }, () => Math.floor(next() * 0x10000))
  const features = {
    ...encodeFeatures({ minhash, terms: terms.map((t) => [t, 1] as const), names: terms.slice(0, 6), titleTerms: terms.slice(0, 6), sentences, publishedOn: "2025-01-01", language: "en" }),
    minhash: packUint8(minhash),
    sentences: packUint16(sentences),
  }
  const cause = `ev-${(Math.imul(i, 2654435761) >>> 0).toString(16).padStart(64, "0")}`
  evolveDedupe(dedupe, { type: "StoryAssigned.v3", data: { articleId: articleId(i), storyId: storyId(i), opened: i % 5 === 0, score: 0.5, features }, meta: meta(articleId(i), cause) } as RecordedEvent)
})

// The report projection as the report worker keeps it: received, extracted, a copy in five, assigned; a refresh per article.
const projection = newProjection(undefined, window)
const body = Array.from({ length: 12 }, (_, n) => `Sentence number ${n} of a synthetic article about what happened.`).join(" ")
const reportFigures = measure((i) => {
  const id = articleId(i)
  const { state } = projection
  evolveStories(state, { type: "ArticleReceived.v1", data: { articleId: id, contentHash: id, input: `stream:${i}`, format: "text", content: "", hints: { title: null, publishedAt: null, source: null, url: null } }, meta: meta(id, null) } as RecordedEvent)
  const extracted = { articleId: id, title: `Title ${i}`, publishedAt: "2025-01-01", dateline: null, credit: null, byline: null, language: "en", source: "Outlet", url: null, body, subheadings: [], wordCount: 100, entities: { people: [], organisations: [], places: [] }, quotes: [] }
  evolveStories(state, { type: "ArticleExtracted.v1", data: extracted, meta: meta(id, null) } as RecordedEvent)
  if (i % 5 === 4) evolveStories(state, { type: "CopyDetected.v1", data: { articleId: id, originalId: articleId(i - 4), similarity: 0.9, added: ["A sentence the outlet added."], removed: [] }, meta: meta(id, "d") } as RecordedEvent)
  evolveStories(state, { type: "StoryAssigned.v3", data: { articleId: id, storyId: storyId(i), opened: i % 5 === 0, score: 0.5, features: { terms: "", titleTerms: "", publishedOn: null, language: null } }, meta: meta(id, "d") } as RecordedEvent)
  // What a refresh does with the projection (updateProjection, without the log and the rendering).
  for (const s of state.touched) {
    const members = storyArticles(state, s)
    projection.summaries.set(s, summarizeStory(s, members))
    keepResident(state, members)
  }
  state.touched.clear()
  letGoOfClosed(projection)
})

console.log(JSON.stringify({ window, articles, dedupe: dedupeFigures, reportProjection: reportFigures }))
