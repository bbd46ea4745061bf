/**
 * Dedupe evaluation on the dev datasets (see ../shared/datasets/README.md).
 *
 *   npm run eval:dedupe                       the real pipeline (`npx wiredesk run --json`, needs Redis)
 *   npm run eval:dedupe -- --offline          pure core in process (folding its own events back);
 *                                             SemEval pairs each in a fresh state, plus all in one state
 *   npm run eval:dedupe -- --offline --sweep  also seeded shuffles and a sweep of the join threshold
 *   --shuffles                                also the mean over seven arrival orders (offline)
 *   --explain                                 print mixed stories and every copy found
 *   --held-out                                also SemEval held out from the background table (offline): for each half of
 *                                             a pair file (its even rows, then its odd ones) the table is counted again
 *                                             without that half's texts and that half's pairs are scored, fresh state each
 *   DEDUPE_PARAMS='{"joinThreshold":0.2}'     override decision parameters (offline)
 *   DEDUPE_EVENTS_OUT=FILE                    also write every event the offline runs decided, one JSON line each, and
 *                                             per run digests of its state folded live and folded again from zero
 *                                             (diff two such files to show a change decides and folds exactly the same)
 *
 * The metric code only sees an assignment (articleId -> storyId) and copy pairs, so the same
 * metrics serve the in-process run and the pipeline run.
 */
import { execFileSync } from "node:child_process"
import { createHash } from "node:crypto"
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { Effect } from "effect"
import { Redis } from "ioredis"
import { foldLog, makeRedisEventLog, type ArticleExtracted, type ArticleExtractedData, type RecordedEvent } from "@wiredesk/core"
import { deletePrefix } from "@wiredesk/core/testing"
import { decideAndRecord, finalAssignments, initialSync } from "@wiredesk/dedupe/worker"
import { clusterScores, DEFAULT_PARAMS, decideDedupeWith, evolveDedupe, initialDedupeState, type DedupeParams, type DedupeState } from "@wiredesk/dedupe"
import { extractArticle } from "@wiredesk/extract"
import { BACKGROUND } from "../packages/dedupe/src/background.js"
import { backgroundDocuments, documentFrequencies } from "./background-documents.js"
import { shuffled } from "./shuffled.js"

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..")
const datasets = process.env.WIREDESK_DATASETS ?? join(repoRoot, "..", "shared", "datasets")
const args = new Set(process.argv.slice(2))

interface Doc {
  readonly id: string
  readonly title: string | null
  readonly text: string
  readonly date: string | null
  readonly lang: string | null
  /** The outlet and the page address, where the dataset gives them (Giveme5W1H does), as a user would submit them. */
  readonly source?: string | null
  readonly url?: string | null
}

/** What a run produced: article -> story, and (copy, original) pairs. */
interface Outcome {
  readonly storyOf: ReadonlyMap<string, string>
  readonly copies: ReadonlyArray<readonly [string, string]>
}

const readJsonl = (file: string): Record<string, unknown>[] =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as Record<string, unknown>)

const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null)

/** Articles the extract stage rejected; the offline run builds them from the record instead. */
const rejected = new Set<string>()

const toArticle = (doc: Doc): ArticleExtractedData => {
  const outcome = extractArticle({
    articleId: doc.id,
    contentHash: "",
    input: doc.id,
    format: "text",
    content: doc.text.replace(/\r/g, "").split(/\n+/).join("\n\n"),
    hints: { title: doc.title, publishedAt: doc.date, source: doc.source ?? null, url: doc.url ?? null },
  })
  if (outcome.kind === "extracted") return { ...outcome.data, language: outcome.data.language ?? doc.lang }
  rejected.add(doc.id)
  const body = doc.text.split(/\n+/).map((p) => p.trim()).filter((p) => p.length > 0).join("\n\n")
  return {
    articleId: doc.id, title: doc.title, publishedAt: doc.date, dateline: null, credit: null, byline: null, language: doc.lang,
    source: doc.source ?? null, url: doc.url ?? null, body, subheadings: [], wordCount: body.split(/\s+/).length,
    entities: { people: [], organisations: [], places: [] }, quotes: [],
  }
}

/** `JSON.stringify(data).length` of every StoryAssigned the offline runs decided: the index's cost per article. */
const assignedSizes: number[] = []

const eventsOut = process.env.DEDUPE_EVENTS_OUT
if (eventsOut !== undefined) writeFileSync(eventsOut, "")

/** The folded index as plain data (term ids as their terms), hashed: equal digests, equal states. */
const stateDigest = (state: DedupeState): string => {
  const term = (id: number) => state.termNames[id]
  const articles = [...state.articles.values()].map((e) => [
    e.articleId, e.position, e.cause, [...e.terms].map(term), [...e.tfs], [...e.names].map(term), [...e.titleTerms].map(term),
    [...e.minhash], [...e.sentenceKeys], e.text, e.time, e.language,
  ])
  const df = state.termNames.map((t, id) => [t, state.df[id], state.backgroundDf[id]])
  const stories = [...state.stories.values()]
  const postings = [...state.postings].map(([id, posted]) => [term(id), posted.map((n) => state.storyNames[n])])
  const merged = state.mergedNumber.map((n, from) => [state.storyNames[from], state.storyNames[n]])
  const plain = { articles, df, stories, postings, merged, storyOf: [...state.storyOf], copyOf: [...state.copyOf], processed: [...state.processed], documents: state.documents }
  return createHash("sha256").update(JSON.stringify(plain)).digest("hex")
}

/** Feeds articles one by one, folding the extraction and the decided events back with increasing positions. */
const runOffline = (articles: readonly ArticleExtractedData[], params: DedupeParams, state: DedupeState = initialDedupeState()): Outcome => {
  const copies: [string, string][] = []
  const decided: string[] = []
  const folded: RecordedEvent[] = []
  let position = state.checkpoint
  for (const article of articles) {
    const causationId = `extracted-${article.articleId}`
    position++
    const extracted = { type: "ArticleExtracted.v1", data: article, meta: { id: causationId, position, recordedAt: "", articleId: article.articleId, causationId: null, correlationId: null, stage: "extract", stageVersion: "eval" } } as const
    if (eventsOut !== undefined) folded.push(extracted)
    evolveDedupe(state, extracted)
    for (const event of decideDedupeWith(params, state, { causationId, article })) {
      position++
      if (event.type === "CopyDetected.v1") copies.push([event.data.articleId, event.data.originalId])
      if (event.type === "StoryAssigned.v3") assignedSizes.push(JSON.stringify(event.data).length)
      const meta = { id: `ev-${position}`, position, recordedAt: "", articleId: event.data.articleId, causationId, correlationId: null, stage: "dedupe", stageVersion: "eval" }
      if (eventsOut !== undefined) decided.push(JSON.stringify({ ...event, meta }))
      if (eventsOut !== undefined) folded.push({ ...event, meta } as RecordedEvent)
      evolveDedupe(state, { ...event, meta } as RecordedEvent)
    }
  }
  if (eventsOut !== undefined) {
    // The same events folded again into a fresh state, as a starting worker folds a log: every copy signature derived.
    const refolded = folded.reduce(evolveDedupe, initialDedupeState(state.window))
    appendFileSync(eventsOut, `${decided.map((line) => `${line}\n`).join("")}${JSON.stringify({ foldedState: stateDigest(state), refoldedState: stateDigest(refolded) })}\n`)
  }
  return { storyOf: new Map(state.storyOf), copies }
}

/** The real pipeline: `wiredesk run --json` over one JSONL file of records, under a fresh key prefix. */
let pipelineRuns = 0
const pipelinePrefixes: string[] = []
const runPipeline = (docs: readonly Doc[]): Outcome => {
  const dir = mkdtempSync(join(tmpdir(), "eval-dedupe-"))
  const prefix = `eval-dedupe-${process.pid}-${++pipelineRuns}`
  pipelinePrefixes.push(prefix)
  try {
    const file = join(dir, "articles.jsonl")
    const unique = [...new Map(docs.map((d) => [d.id, d])).values()]
    writeFileSync(file, unique.map((d) => JSON.stringify({ id: d.id, title: d.title ?? undefined, text: d.text, date: d.date ?? undefined, source: d.source ?? undefined, url: d.url ?? undefined })).join("\n") + "\n")
    const out = execFileSync("npx", ["wiredesk", "run", file, "--json", "--prefix", prefix, "--reports", join(dir, "reports")], {
      cwd: repoRoot,
      encoding: "utf8",
      maxBuffer: 1 << 28,
      stdio: ["ignore", "pipe", "inherit"],
    })
    const parsed = JSON.parse(out.slice(out.indexOf("{"))) as { articles: { id: string | null; storyId: string | null; copyOf: string | null }[] }
    const storyOf = new Map<string, string>()
    const copies: [string, string][] = []
    for (const a of parsed.articles) {
      if (a.id === null) continue
      if (a.storyId !== null) storyOf.set(a.id, a.storyId)
      if (a.copyOf !== null) copies.push([a.id, a.copyOf])
    }
    return { storyOf, copies }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const pipelineWorks = (): boolean => {
  try {
    execFileSync("npx", ["wiredesk", "run", "--help"], { cwd: repoRoot, stdio: "ignore", timeout: 60_000 })
    return true
  } catch {
    return false
  }
}

const overrides = JSON.parse(process.env.DEDUPE_PARAMS ?? "{}") as Partial<DedupeParams>
const PARAMS: DedupeParams = { ...DEFAULT_PARAMS, ...overrides }
const offline = args.has("--offline") || !pipelineWorks()
const run = (docs: readonly Doc[], params: DedupeParams = PARAMS): Outcome => (offline ? runOffline(docs.map(toArticle), params) : runPipeline(docs))

const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r))
const fmt = (x: number): string => x.toFixed(3)

const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
const fiveGrams = (text: string): Set<string> => {
  const w = words(text)
  const grams = new Set<string>()
  for (let i = 0; i + 5 <= w.length; i++) grams.add(w.slice(i, i + 5).join(" "))
  return grams
}
const jaccard = (a: ReadonlySet<string>, b: ReadonlySet<string>): number => {
  let inter = 0
  for (const x of a) if (b.has(x)) inter++
  const union = a.size + b.size - inter
  return union === 0 ? 0 : inter / union
}

/** Copy pairs count as marked when one was found a copy of the other, or both of one original. */
const copyRoots = (copies: Outcome["copies"]) => {
  const parent = new Map(copies)
  const root = (id: string): string => {
    let x = id
    for (let n = 0; parent.has(x) && n < 100; n++) x = parent.get(x) ?? x
    return x
  }
  return root
}


// Giveme5W1H events
const g5Rows = readJsonl(join(datasets, "story-clusters-dev", "giveme5w1h_events.dev.jsonl"))
const g5Docs: Doc[] = g5Rows.map((r) => ({ id: String(r.id), title: str(r.title), text: String(r.text), date: str(r.date), lang: str(r.lang), source: str(r.source), url: str(r.url) }))
const g5Gold = new Map(g5Rows.map((r) => [String(r.id), String(r.cluster)]))
const byDate = [...g5Docs].sort((a, b) => (a.date ?? "").localeCompare(b.date ?? "") || a.id.localeCompare(b.id))

// SemEval pairs
interface Pair {
  readonly a: Doc
  readonly b: Doc
  readonly same: boolean
  readonly langs: string
  /** Its row in the pair file (labelled or not): the held-out halves are the even and the odd rows. */
  readonly row: number
}
const readPairs = (file: string): Pair[] =>
  readJsonl(join(datasets, "story-clusters-dev", file))
    .map((r, row) => ({ r, row }))
    .filter(({ r }) => r.same_story !== null && r.same_story !== undefined && r.same_story !== "")
    .map(({ r, row }) => ({
      row,
      a: { id: `s${String(r.id1)}`, title: null, text: String(r.text1), date: null, lang: str(r.lang1) },
      b: { id: `s${String(r.id2)}`, title: null, text: String(r.text2), date: null, lang: str(r.lang2) },
      same: String(r.same_story) === "1",
      langs: `${String(r.lang1)}-${String(r.lang2)}`,
    }))
const enPairs = readPairs("semeval2022t8_en_pairs.dev.jsonl")
const multiPairs = readPairs("semeval2022t8_multi_pairs.dev.jsonl")

const pairF1 = (pairs: readonly Pair[], predictSame: (pair: Pair) => boolean) => {
  let tp = 0
  let fp = 0
  let fn = 0
  for (const pair of pairs) {
    const p = predictSame(pair)
    if (p && pair.same) tp++
    else if (p) fp++
    else if (pair.same) fn++
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp)
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn)
  return { p: precision, r: recall, f1: f1(precision, recall) }
}

/** Each pair in a fresh state: the second article joins the first's story or not. */
const pairsFresh = (pairs: readonly Pair[], params: DedupeParams) => {
  if (!offline) return pairsShared(pairs, params)
  return pairF1(pairs, (pair) => {
    const outcome = runOffline([toArticle(pair.a), toArticle(pair.b)], params)
    return outcome.storyOf.get(pair.a.id) === outcome.storyOf.get(pair.b.id)
  })
}

/** All pairs' articles through one state, in file order: stories may chain across pairs. */
const pairsShared = (pairs: readonly Pair[], params: DedupeParams) => {
  const docs = new Map<string, Doc>()
  for (const p of pairs) for (const d of [p.a, p.b]) if (!docs.has(d.id)) docs.set(d.id, d)
  const outcome = run([...docs.values()], params)
  return pairF1(pairs, (p) => outcome.storyOf.get(p.a.id) !== undefined && outcome.storyOf.get(p.a.id) === outcome.storyOf.get(p.b.id))
}

const seedDocs = (): Doc[] => {
  const dir = join(repoRoot, "fixtures", "seeds")
  return readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => ({ id: `seed-${f.slice(0, 3)}`, title: null, text: readFileSync(join(dir, f), "utf8"), date: null, lang: null }))
}

const g5Line = (label: string, docs: readonly Doc[], params: DedupeParams) => {
  const outcome = run(docs, params)
  const s = clusterScores(g5Gold, outcome.storyOf)
  return { line: `${label}: pairwise P ${fmt(s.p)} R ${fmt(s.r)} F1 ${fmt(s.f1)}, B-cubed F1 ${fmt(s.bcubed)}, ${s.stories} stories (gold 48)`, s, outcome }
}

console.log(`mode: ${offline ? "offline (pure core in process)" : "pipeline (npx wiredesk run)"}, datasets ${datasets}`)
console.log("baselines (README): 5-gram Jaccard CC pairwise F1 0.04 / B-cubed 0.37; TF-IDF single link tuned: pairwise F1 0.72, B-cubed 0.85, SemEval EN F1 0.83, other F1 0.71")

const main = g5Line("giveme5w1h file order", g5Docs, PARAMS)
console.log(main.line)
if (offline) {
  const sizes = [...assignedSizes].sort((a, b) => a - b)
  console.log(`giveme5w1h StoryAssigned data JSON: median ${sizes[sizes.length >> 1]} bytes, max ${sizes[sizes.length - 1]} (${sizes.length} events)`)
}
if (offline) console.log(g5Line("giveme5w1h by date", byDate, PARAMS).line)

if (args.has("--explain")) {
  const byStory = new Map<string, string[]>()
  for (const [id, story] of main.outcome.storyOf) byStory.set(story, [...(byStory.get(story) ?? []), id])
  const titleOf = new Map(g5Docs.map((d) => [d.id, `${d.date?.slice(0, 10)} ${d.title?.slice(0, 60)}`]))
  for (const [story, ids] of byStory) {
    const clusters = new Set(ids.map((id) => g5Gold.get(id)))
    if (clusters.size > 1) console.log(`mixed ${story.slice(0, 40)}:\n${ids.map((id) => `   ${g5Gold.get(id)} ${titleOf.get(id)}`).join("\n")}`)
  }
  // The other loss: one labelled event spread over several stories.
  const byCluster = new Map<string, string[]>()
  for (const [id, cluster] of g5Gold) byCluster.set(cluster, [...(byCluster.get(cluster) ?? []), id])
  for (const [cluster, ids] of byCluster) {
    const stories = new Map<string, string[]>()
    for (const id of ids) {
      const story = main.outcome.storyOf.get(id) ?? "?"
      stories.set(story, [...(stories.get(story) ?? []), id])
    }
    if (stories.size > 1)
      console.log(`split ${cluster} over ${stories.size} stories:\n${[...stories.values()].map((part, k) => part.map((id) => `   [${k}] ${titleOf.get(id)}`).join("\n")).join("\n")}`)
  }
}
const texts = new Map(g5Docs.map((d) => [d.id, fiveGrams(d.text)]))
const root = copyRoots(main.outcome.copies)
let copyPairs = 0
let marked = 0
const misses: string[] = []
for (let i = 0; i < g5Docs.length; i++)
  for (let j = i + 1; j < g5Docs.length; j++) {
    const a = g5Docs[i] as Doc
    const b = g5Docs[j] as Doc
    if (jaccard(texts.get(a.id) ?? new Set(), texts.get(b.id) ?? new Set()) < 0.5) continue
    copyPairs++
    if (root(a.id) === root(b.id)) marked++
    else misses.push(`${a.id.slice(0, 8)}~${b.id.slice(0, 8)}`)
  }
if (args.has("--explain"))
  for (const [a, b] of main.outcome.copies) {
    const ga = texts.get(a) ?? new Set<string>()
    const gb = texts.get(b) ?? new Set<string>()
    const j = jaccard(ga, gb)
    console.log(`copy ${a.slice(0, 8)} of ${b.slice(0, 8)}: true Jaccard ${fmt(j)}, sizes ${ga.size}/${gb.size}`)
  }
const falseCopies = main.outcome.copies.filter(([a, b]) => jaccard(texts.get(a) ?? new Set(), texts.get(b) ?? new Set()) < 0.3).length
console.log(`giveme5w1h copies: ${marked}/${copyPairs} pairs with word 5-gram Jaccard >= 0.5 marked${misses.length > 0 ? ` (missed ${misses.join(", ")})` : ""}; ${main.outcome.copies.length} CopyDetected, ${falseCopies} with true Jaccard < 0.3`)

const pairMode = offline ? "fresh state per pair" : "pipeline: all pairs in one run"
const en = pairsFresh(enPairs, PARAMS)
const other = pairsFresh(multiPairs, PARAMS)
console.log(`semeval EN (${enPairs.length} labelled pairs, ${pairMode}): P ${fmt(en.p)} R ${fmt(en.r)} F1 ${fmt(en.f1)}`)
console.log(`semeval other languages (${multiPairs.length} labelled pairs, ${pairMode}): P ${fmt(other.p)} R ${fmt(other.r)} F1 ${fmt(other.f1)}`)
const langs = [...new Set(multiPairs.map((p) => p.langs))].sort()
if (offline) console.log(`  by language: ${langs.map((l) => `${l} ${fmt(pairsFresh(multiPairs.filter((p) => p.langs === l), PARAMS).f1)}`).join(", ")}`)
if (args.has("--explain") && offline)
  for (const [label, pairs] of [["EN", enPairs], ["other", multiPairs]] as const)
    for (const pair of pairs) {
      const outcome = runOffline([toArticle(pair.a), toArticle(pair.b)], PARAMS)
      const predicted = outcome.storyOf.get(pair.a.id) === outcome.storyOf.get(pair.b.id)
      if (predicted === pair.same) continue
      const head = (d: Doc) => d.text.replace(/\s+/g, " ").slice(0, 90)
      console.log(`semeval ${label} ${pair.langs} ${predicted ? "false same" : "missed"} ${pair.a.id}~${pair.b.id}\n   ${head(pair.a)}\n   ${head(pair.b)}`)
    }

/**
 * Runs `score` with dedupe's background table counted from `documents` instead of the committed one (the table is
 * module state that every fresh state reads its terms' counts from), and puts the committed one back after.
 */
const withBackground = <T>(documents: readonly { text: string; language: string | null }[], score: () => T): T => {
  const table = BACKGROUND as { documents: number; df: Map<string, number> }
  const committed = { documents: table.documents, df: new Map(table.df) }
  table.df.clear()
  for (const [term, n] of documentFrequencies(documents)) table.df.set(term, n)
  table.documents = documents.length
  try {
    return score()
  } finally {
    table.df.clear()
    for (const [term, n] of committed.df) table.df.set(term, n)
    table.documents = committed.documents
  }
}

/**
 * The SemEval texts are in the background table, so their dev figures may be kinder than a held-out set's: each half
 * of a pair file's rows (its even rows, then its odd ones, labelled or not) is scored, each pair in a fresh state, with
 * the table counted as `make-background-df.ts --multilingual` counts it but without the texts of that half's rows.
 */
const heldOut = (file: string, pairs: readonly Pair[], params: DedupeParams) => {
  const all = backgroundDocuments(datasets, true)
  const rows = readJsonl(join(datasets, "story-clusters-dev", file))
  const predicted = new Map<Pair, boolean>()
  for (const half of [0, 1]) {
    const left = new Set(rows.filter((_, row) => row % 2 === half).flatMap((r) => [`semeval-${String(r.id1)}`, `semeval-${String(r.id2)}`]))
    withBackground([...all].filter(([id]) => !left.has(id)).map(([, doc]) => doc), () => {
      for (const pair of pairs.filter((p) => p.row % 2 === half)) {
        const outcome = runOffline([toArticle(pair.a), toArticle(pair.b)], params)
        predicted.set(pair, outcome.storyOf.get(pair.a.id) === outcome.storyOf.get(pair.b.id))
      }
    })
  }
  const scores = (subset: readonly Pair[]) => pairF1(subset, (pair) => predicted.get(pair) === true)
  return { all: scores(pairs), halves: [0, 1].map((half) => scores(pairs.filter((p) => p.row % 2 === half))), of: scores }
}

if (args.has("--held-out") && offline)
  for (const [label, file, pairs] of [["EN", "semeval2022t8_en_pairs.dev.jsonl", enPairs], ["other languages", "semeval2022t8_multi_pairs.dev.jsonl", multiPairs]] as const) {
    const { all, halves, of } = heldOut(file, pairs, PARAMS)
    const byLanguage = label === "EN" ? "" : `; ${langs.map((l) => `${l} ${fmt(of(pairs.filter((p) => p.langs === l)).f1)}`).join(", ")}`
    console.log(`semeval ${label} held out (background without the scored half's texts, fresh state per pair): P ${fmt(all.p)} R ${fmt(all.r)} F1 ${fmt(all.f1)} (even rows ${fmt(halves[0]?.f1 ?? 0)}, odd rows ${fmt(halves[1]?.f1 ?? 0)})${byLanguage}`)
  }

if (offline) {
  const enShared = pairsShared(enPairs, PARAMS)
  const otherShared = pairsShared(multiPairs, PARAMS)
  console.log(`semeval one shared state (all pairs' articles in file order): EN F1 ${fmt(enShared.f1)}, other F1 ${fmt(otherShared.f1)}`)
}

const seeds = run(seedDocs())
const seedStories = new Set(seeds.storyOf.values())
if (rejected.size > 0) console.log(`(extract rejected ${rejected.size} records; the offline run built those from the record text)`)
console.log(`seeds: ${seeds.storyOf.size} articles in ${seedStories.size} ${seedStories.size === 1 ? "story" : "stories"}, ${seeds.copies.length} copies`)

if (args.has("--shuffles") && offline) {
  // Single-pass clustering depends on arrival order: a mean over orders tells a rule from ordering luck.
  const runs = [g5Docs, byDate, ...[1, 2, 3, 4, 5].map((seed) => shuffled(g5Docs, seed))].map((docs) => clusterScores(g5Gold, run(docs, PARAMS).storyOf))
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
  console.log(`giveme5w1h mean of file order, by date and 5 shuffles: pairwise P ${fmt(mean(runs.map((r) => r.p)))} R ${fmt(mean(runs.map((r) => r.r)))} F1 ${fmt(mean(runs.map((r) => r.f1)))}, B-cubed F1 ${fmt(mean(runs.map((r) => r.bcubed)))}`)
}

if (args.has("--sweep") && offline) {
  if (!args.has("--no-shuffle")) for (const seed of [1, 2, 3, 4, 5]) console.log(g5Line(`giveme5w1h shuffle ${seed}`, shuffled(g5Docs, seed), PARAMS).line)
  for (const joinThreshold of [0.1, 0.12, 0.14, 0.16, 0.18, 0.2, 0.22, 0.25, 0.28]) {
    // The merge threshold keeps its offset from the join threshold, so the sweep moves both together.
    const params = { ...PARAMS, joinThreshold, mergeThreshold: joinThreshold + Math.max(0, PARAMS.mergeThreshold - PARAMS.joinThreshold) }
    const g = clusterScores(g5Gold, run(g5Docs, params).storyOf)
    const e = pairsFresh(enPairs, params)
    const o = pairsFresh(multiPairs, params)
    console.log(`join ${joinThreshold.toFixed(2)}: giveme5w1h pairwise F1 ${fmt(g.f1)} B-cubed ${fmt(g.bcubed)} | semeval EN F1 ${fmt(e.f1)} | other F1 ${fmt(o.f1)}`)
  }
}

/**
 * Concurrency: the same articles decided by one dedupe worker, and by eight independent workers (each
 * with its own state and Redis client, as on eight hosts) racing on one log, over seeded orders. The
 * expected-version append serialises their decisions, so eight must score no lower than one.
 */
const decideOnRedis = async (articles: readonly ArticleExtractedData[], workers: number, label: string) => {
  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379"
  const prefix = `eval-dedupe-conc-${process.pid}-${label}`
  const clients: Redis[] = []
  const connect = () => {
    const redis = new Redis(redisUrl)
    clients.push(redis)
    return makeRedisEventLog(redis, prefix)
  }
  try {
    const writer = connect()
    await Effect.runPromise(writer.append(articles.map((a) => ({ event: { type: "ArticleExtracted.v1" as const, data: a }, id: `extracted-${a.articleId}`, articleId: a.articleId, causationId: null, correlationId: null, stage: "extract", stageVersion: "eval" }))))
    const { state: inputs } = await Effect.runPromise(foldLog(writer, [] as RecordedEvent[], (acc, e) => (acc.push(e), acc)))
    const pool = Array.from({ length: workers }, () => ({ log: connect(), state: initialDedupeState(), sync: initialSync() }))
    await Promise.all(
      pool.map(async (w, k) => {
        for (const input of inputs.filter((_, i) => i % workers === k))
          await Effect.runPromise(decideAndRecord(w.log, w.state, input as RecordedEvent<ArticleExtracted>, w.sync))
      }),
    )
    const { state: events } = await Effect.runPromise(foldLog(writer, [] as RecordedEvent[], (acc, e) => (acc.push(e), acc)))
    return new Map([...finalAssignments(events)].map(([id, a]) => [id, a.storyId]))
  } finally {
    for (const c of clients) c.disconnect()
    await deletePrefix(redisUrl, prefix)
  }
}

if (!args.has("--no-concurrency")) {
  const articles = g5Docs.map(toArticle)
  for (const seed of [1, 2, 3]) {
    const order = shuffled(articles, seed)
    const one = clusterScores(g5Gold, await decideOnRedis(order, 1, `${seed}-1`))
    const eight = clusterScores(g5Gold, await decideOnRedis(order, 8, `${seed}-8`))
    console.log(
      `giveme5w1h shuffled order ${seed} on Redis: 1 worker pairwise F1 ${fmt(one.f1)} B-cubed ${fmt(one.bcubed)} | 8 workers racing pairwise F1 ${fmt(eight.f1)} B-cubed ${fmt(eight.bcubed)} (${eight.f1 >= one.f1 - 0.005 ? "no lower" : "LOWER"})`,
    )
  }
}

// The pipeline runs' keys are this script's own: remove them.
for (const prefix of pipelinePrefixes) await deletePrefix(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", prefix)
