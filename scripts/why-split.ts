/**
 * Why Giveme5W1H events are split (see docs/dedupe-log.md, dedupe@0.9.0): runs the dedupe core in the harness's seven
 * orders (file, by date, shuffles 1 to 5, as `eval-dedupe.ts --shuffles` does) and, for each labelled event spread over
 * several final stories, takes the article that opened each later part (the first of it to arrive: earlier parts of
 * its event had arrived before it) and charges it the pairs between its part and the earlier parts, which sum to the
 * missed pairs. Its cause is read from its decision, with every open story scored, candidate or not, with and without
 * the time decay: joined another event's story; its event's story scored 0.18 or more but was no candidate ("candidate
 * index"); 0.18 or more without the decay only ("time decay"); below even so, with fewer than 100 words ("short page"),
 * with its closest mate beyond the grace period, so that the link to it decays ("late follow-up in other words"), or
 * else ("same days, another angle").
 * A later article that scores both parts above the threshold would have merged them ("bridge", printed per part).
 *
 *   WIREDESK_DATASETS=/work/shared/datasets npx tsx scripts/why-split.ts [--detail] [file date s1 ... s5]
 *
 * The core is not changed for this: the script scores every story with a copy of `packages/dedupe/src/dedupe.ts` that
 * it writes to a temporary directory with a trace added after the stories are scored (the decision itself is the
 * core's), so it follows whatever the core does; it stops with a message if the core no longer has the lines the
 * trace is added at.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import type { ArticleExtractedData, RecordedEvent } from "@wiredesk/core"
import { extractArticle } from "@wiredesk/extract"
import { shuffled } from "./shuffled.js"

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..")
const datasets = process.env.WIREDESK_DATASETS ?? join(repoRoot, "..", "shared", "datasets")
const args = process.argv.slice(2)
const detail = args.includes("--detail")
const orderNames = args.filter((a) => !a.startsWith("--"))

/** Added before the scored stories are sorted: every open story scored as the candidates are, with and without the decay. */
const TRACE = `
  const traceSink = (globalThis as { __whySplit?: (t: unknown) => void }).__whySplit
  if (traceSink !== undefined) {
    const all: unknown[] = []
    for (const story of state.stories.values()) {
      const members = story.members
      const sample = (members.length <= SCORED_MEMBERS + 1 ? members : [...members.slice(0, 2), ...members.slice(-(SCORED_MEMBERS - 1))])
        .filter((id) => id !== articleId).map((id) => state.articles.get(id)).filter((e): e is ArticleEntry => e !== undefined)
        .map((entry) => ({ entry, ...memberWeights(entry) }))
      if (sample.length === 0) continue
      let best = 0, strongestLink = 0, bestRaw = 0
      const links: [string, number, number][] = []
      for (const m of sample) {
        const sim = similarity(m.entry, m)
        const d = memberDecay(m.entry, sim)
        links.push([m.entry.articleId, sim, d])
        strongestLink = Math.max(strongestLink, sim)
        best = Math.max(best, sim * d)
        bestRaw = Math.max(bestRaw, sim)
      }
      const centroid = new Map<number, number>()
      for (const { entry, weights, norm } of sample) {
        if (norm === 0) continue
        entry.terms.forEach((id, i) => centroid.set(id, (centroid.get(id) ?? 0) + (weights[i] ?? 0) / norm))
      }
      const meanRaw = cosine(vector, vectorOf(centroid))
      let centroidDecay = 1
      if (time !== null && story.first !== null && story.last !== null) {
        if (strongestLink < params.strongLink) centroidDecay = decayOver(gapBetweenSpans(days, story.first, story.last))
      }
      const score = params.linkWeight * best + (1 - params.linkWeight) * meanRaw * centroidDecay
      const rawScore = params.linkWeight * bestRaw + (1 - params.linkWeight) * meanRaw
      all.push({ id: story.id, members: [...members], best, bestRaw, meanRaw, centroidDecay, score, rawScore, links, candidate: candidates.includes(story.id) })
    }
    traceSink({ articleId, scored: scored.map((s) => ({ id: s.id, score: s.score })), all })
  }
`
const ANCHOR = "  scored.sort((a, b) => b.score - a.score || byId(a.id, b.id))\n"

const loadTracedCore = async () => {
  const srcDir = join(repoRoot, "packages", "dedupe", "src")
  let source = readFileSync(join(srcDir, "dedupe.ts"), "utf8")
  if (!source.includes(ANCHOR) || !source.includes("const days: readonly DaySpan[] =")) throw new Error("why-split: dedupe.ts no longer has the lines the trace is added at; update TRACE and ANCHOR")
  source = source
    .replace(ANCHOR, TRACE + ANCHOR)
    .replace(/from "\.\/([A-Za-z]+)\.js"/g, (_, m: string) => `from ${JSON.stringify(pathToFileURL(join(srcDir, `${m}.ts`)).href)}`)
    .replace(/from "@wiredesk\/core"/g, `from ${JSON.stringify(pathToFileURL(join(repoRoot, "packages", "core", "src", "index.ts")).href)}`)
  const dir = mkdtempSync(join(tmpdir(), "why-split-"))
  try {
    const file = join(dir, "dedupeTraced.ts")
    writeFileSync(file, source)
    return (await import(pathToFileURL(file).href)) as typeof import("../packages/dedupe/src/dedupe.js")
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
const core = await loadTracedCore()

const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null)
const rows = readFileSync(join(datasets, "story-clusters-dev", "giveme5w1h_events.dev.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim().length > 0)
  .map((l) => JSON.parse(l) as Record<string, unknown>)
const docs = rows.map((r) => ({ id: String(r.id), title: str(r.title), text: String(r.text), date: str(r.date), lang: str(r.lang), source: str(r.source), url: str(r.url) }))
type Doc = (typeof docs)[number]
const gold = new Map(rows.map((r) => [String(r.id), String(r.cluster)]))
const docOf = new Map(docs.map((d) => [d.id, d]))
const params = { ...core.DEFAULT_PARAMS, ...(JSON.parse(process.env.DEDUPE_PARAMS ?? "{}") as object) }
const threshold = params.joinThreshold

/** As the eval harness builds it (a record extraction rejects is built from its text). */
const toArticle = (doc: Doc): ArticleExtractedData => {
  const content = doc.text.replace(/\r/g, "").split(/\n+/).join("\n\n")
  const outcome = extractArticle({ articleId: doc.id, contentHash: "", input: doc.id, format: "text", content, hints: { title: doc.title, publishedAt: doc.date, source: doc.source, url: doc.url } })
  if (outcome.kind === "extracted") return { ...outcome.data, language: outcome.data.language ?? doc.lang }
  const body = doc.text.split(/\n+/).map((p) => p.trim()).filter((p) => p.length > 0).join("\n\n")
  return {
    articleId: doc.id, title: doc.title, publishedAt: doc.date, dateline: null, credit: null, byline: null, language: doc.lang, source: doc.source,
    url: doc.url, body, subheadings: [], wordCount: body.split(/\s+/).length, entities: { people: [], organisations: [], places: [] }, quotes: [],
  }
}
const articles = new Map(docs.map((d) => [d.id, toArticle(d)]))

const orders = new Map<string, Doc[]>([
  ["file", docs],
  ["date", [...docs].sort((a, b) => (a.date ?? "").localeCompare(b.date ?? "") || a.id.localeCompare(b.id))],
  ...[1, 2, 3, 4, 5].map((seed) => [`s${seed}`, shuffled(docs, seed)] as [string, Doc[]]),
])

interface StoryTrace {
  readonly id: string
  readonly members: string[]
  readonly best: number
  readonly bestRaw: number
  readonly meanRaw: number
  readonly centroidDecay: number
  readonly score: number
  readonly rawScore: number
  readonly links: [string, number, number][]
  readonly candidate: boolean
}
interface Trace {
  readonly scored: { id: string; score: number }[]
  readonly all: StoryTrace[]
}

const run = (order: readonly Doc[]) => {
  const traces = new Map<string, Trace>()
  const outcome = new Map<string, { opened: boolean; copy: boolean }>()
  const state = core.initialDedupeState()
  let position = 0
  for (const doc of order) {
    const article = articles.get(doc.id) as ArticleExtractedData
    const causationId = `extracted-${doc.id}`
    position++
    core.evolveDedupe(state, { type: "ArticleExtracted.v1", data: article, meta: { id: causationId, position, recordedAt: "", articleId: doc.id, causationId: null, correlationId: null, stage: "extract", stageVersion: "why-split" } } as RecordedEvent)
    ;(globalThis as { __whySplit?: (t: unknown) => void }).__whySplit = (t) => traces.set(doc.id, t as Trace)
    const decided = core.decideDedupeWith(params, state, { causationId, article })
    const o = { opened: false, copy: false }
    for (const event of decided) {
      position++
      if (event.type === "StoryAssigned.v3") o.opened = event.data.opened
      if (event.type === "CopyDetected.v1") o.copy = true
      core.evolveDedupe(state, { ...event, meta: { id: `ev-${position}`, position, recordedAt: "", articleId: doc.id, causationId, correlationId: null, stage: "dedupe", stageVersion: "why-split" } } as RecordedEvent)
    }
    outcome.set(doc.id, o)
  }
  return { traces, outcome, storyOf: new Map(state.storyOf), order: order.map((d) => d.id) }
}

const DAY_MS = 86_400_000
const dayOf = (id: string): number | null => {
  const date = docOf.get(id)?.date
  return date == null ? null : Date.parse(`${date.slice(0, 10)}T00:00:00Z`)
}
const gapDays = (a: string, b: string): number => {
  const [x, y] = [dayOf(a), dayOf(b)]
  return x === null || y === null ? Number.NaN : Math.abs(x - y) / DAY_MS
}
const wordsOf = (id: string) => (articles.get(id)?.body ?? "").split(/\s+/).filter((w) => w.length > 0).length
const head = (id: string) => `${id.slice(0, 8)} ${docOf.get(id)?.date?.slice(0, 10)} ${(docOf.get(id)?.title ?? "(no title)").slice(0, 70)}`
const f3 = (x: number | undefined) => (x === undefined ? "-" : x.toFixed(3))

const CAUSES = ["time decay", "late follow-up in other words", "same days, another angle", "short page", "joined another event's story", "candidate index", "scored above, not joined", "copy of another event's article"] as const
const table = new Map<string, Map<string, number>>()
for (const name of orderNames.length > 0 ? orderNames : [...orders.keys()]) {
  const order = orders.get(name)
  if (order === undefined) throw new Error(`why-split: unknown order ${name} (file, date, s1 to s5)`)
  const { traces, outcome, storyOf, order: ids } = run(order)
  const at = new Map(ids.map((id, i) => [id, i]))
  const byEvent = new Map<string, string[]>()
  for (const id of ids) byEvent.set(gold.get(id) ?? "", [...(byEvent.get(gold.get(id) ?? "") ?? []), id])
  let missed = 0
  for (const [event, members] of byEvent) {
    const parts = new Map<string, string[]>()
    for (const id of members) parts.set(storyOf.get(id) ?? id, [...(parts.get(storyOf.get(id) ?? id) ?? []), id])
    if (parts.size < 2) continue
    const list = [...parts.values()] // members are in arrival order, so each part's first is its opener and parts come in order of their openers
    for (let k = 1; k < list.length; k++) {
      const part = list[k] as string[]
      const opener = part[0] as string
      const earlier = list.slice(0, k).flat()
      const cost = part.length * earlier.length
      missed += cost
      const trace = traces.get(opener)
      const mates = new Set(members.filter((id) => (at.get(id) ?? 0) < (at.get(opener) ?? 0)))
      const mateStories = (trace?.all ?? []).filter((s) => s.members.some((m) => mates.has(m)))
      const bestMate = [...mateStories].sort((a, b) => b.score - a.score)[0]
      const rawMate = [...mateStories].sort((a, b) => b.rawScore - a.rawScore)[0]
      const top = trace?.scored[0]
      const topStory = trace?.all.find((s) => s.id === top?.id)
      const o = outcome.get(opener)
      const bestLink = mateStories.flatMap((s) => s.links.filter(([m]) => mates.has(m))).sort((a, b) => b[1] - a[1])[0]
      let cause: (typeof CAUSES)[number]
      if (o?.copy === true) cause = "copy of another event's article"
      else if (o?.opened === false && topStory !== undefined && !topStory.members.some((m) => mates.has(m))) cause = "joined another event's story"
      else if (bestMate !== undefined && bestMate.score >= threshold) cause = bestMate.candidate ? "scored above, not joined" : "candidate index"
      else if ((rawMate?.rawScore ?? 0) >= threshold) cause = "time decay"
      else if (wordsOf(opener) < 100) cause = "short page"
      else if (bestLink !== undefined && bestLink[2] < 1) cause = "late follow-up in other words"
      else cause = "same days, another angle"
      const byOrder = table.get(cause) ?? new Map<string, number>()
      byOrder.set(name, (byOrder.get(name) ?? 0) + cost)
      table.set(cause, byOrder)
      if (!detail) continue
      // A later article that scores this part's story and an earlier part's story alike would have merged them.
      let bridge = 0
      const inPart = new Set(part)
      const inEarlier = new Set(earlier)
      for (const id of ids.slice((at.get(opener) ?? 0) + 1)) {
        const all = traces.get(id)?.all ?? []
        const toPart = Math.max(0, ...all.filter((s) => s.members.some((m) => inPart.has(m)) && !s.members.some((m) => inEarlier.has(m))).map((s) => s.score))
        const toEarlier = Math.max(0, ...all.filter((s) => s.members.some((m) => inEarlier.has(m)) && !s.members.some((m) => inPart.has(m))).map((s) => s.score))
        bridge = Math.max(bridge, Math.min(toPart, toEarlier))
      }
      console.log(
        [
          `${name} ${event} ${cost} pairs, ${cause}: ${head(opener)} [${wordsOf(opener)} words] ${o?.opened === true ? "opened a story" : `joined ${top?.id.slice(0, 40)} at ${f3(top?.score)}`}`,
          `  its event's best story ${f3(bestMate?.score)} (link ${f3(bestMate?.best)}, undecayed ${f3(bestMate?.bestRaw)}; centroid ${f3(bestMate?.meanRaw)} x${f3(bestMate?.centroidDecay)}), a candidate: ${bestMate?.candidate}; undecayed at best ${f3(rawMate?.rawScore)}`,
          `  closest mate ${bestLink === undefined ? "-" : `${head(bestLink[0])}, ${f3(bestLink[1])} x${f3(bestLink[2])}, ${gapDays(opener, bestLink[0])} days`}`,
          `  part of ${part.length} against ${earlier.length} earlier; best later bridge ${f3(bridge)}`,
        ].join("\n"),
      )
    }
  }
  console.log(`${name}: ${missed} same-event pairs missed`)
}
const names = orderNames.length > 0 ? orderNames : [...orders.keys()]
console.log(`cause: pairs missed in ${names.join(" / ")}; total`)
for (const cause of CAUSES) {
  const byOrder = table.get(cause)
  if (byOrder === undefined) continue
  console.log(`${cause}: ${names.map((n) => byOrder.get(n) ?? 0).join(" / ")}; ${[...byOrder.values()].reduce((a, b) => a + b, 0)}`)
}
