import { discrepancies, type Discrepancy } from "./discrepancies.js"
import { consensusFacts, matchSentences, uniqueFacts, type Fact, type SentenceMatches } from "./facts.js"
import { hasHeadline, shorten, storyHeadline } from "./headline.js"
import { articleHref, cell, inline, link, quoted, table, tableRow } from "./markdown.js"
import { describedPeople, listedPeople, mergeEntities, spellingVariants, type MergedEntity } from "./people.js"
import { storyQuotes, type StoryQuote } from "./quotes.js"
import { describeSources, type Source } from "./sources.js"
import type { ArticleView } from "./stories.js"
import { byString } from "./text.js"
import { buildTimeline, dateConflicts, dateMentions, inferredDateRange, settleUndated, spreadSettled, type TimelineEntry } from "./timeline.js"

export interface StorySummary {
  readonly storyId: string
  readonly title: string
  readonly articleCount: number
  readonly sourceCount: number
  readonly firstDate: string | null
  readonly lastDate: string | null
  readonly fileName: string
}

const fnv1a = (text: string): string => {
  let h = 0x811c9dc5
  for (const ch of text) {
    h ^= ch.codePointAt(0)!
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h.toString(16).padStart(8, "0")
}

/** The report's file name inside the reports folder: a safe slug, never a path; distinct ids give distinct names. */
export const reportFileName = (storyId: string): string => {
  const slug = storyId
    .replace(/[^A-Za-z0-9_-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-_]+|[-_]+$/g, "")
    .slice(0, 100)
  const safe = slug.length > 0 && slug === storyId
  return `${safe ? slug : `${slug || "story"}-${fnv1a(storyId)}`}.md`
}

const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
const weekdayOf = (day: string): string => WEEKDAY_NAMES[new Date(`${day}T12:00:00Z`).getUTCDay()]!

const outletName = (s: Source): string => s.outlet ?? "outlet unknown"
const outletKey = (s: Source): string => s.outlet?.toLowerCase() ?? s.articleId

/** Everything a report says about a story, computed once. */
interface StoryAnalysis {
  /** Every article of the story, as the sources table lists them. */
  readonly sources: readonly Source[]
  /** The articles the rest of the report is worked out from (all of them but in a large story). */
  readonly analysed: readonly Source[]
  readonly headline: { text: string; fromLead: boolean } | null
  readonly lead: readonly Fact[]
  readonly consensus: readonly Fact[]
  readonly unique: ReadonlyMap<string, readonly Fact[]>
  readonly timeline: readonly TimelineEntry[]
  readonly inferredDates: ReadonlyMap<string, { from: string; to: string | null }>
  readonly quotes: readonly StoryQuote[]
  readonly people: readonly MergedEntity[]
  readonly organisations: readonly MergedEntity[]
  readonly discrepancies: readonly Discrepancy[]
}

/** The lead: corroborated sentences, the more sources and the nearer the top of their article the better. */
const leadFacts = (sources: readonly Source[], matches: SentenceMatches, size = 3): Fact[] => {
  const score = (f: Fact): number => f.corroboratedBy.length / (1 + 0.2 * f.sentence.paragraph)
  const ranked = matches.facts
    .filter((f) => f.corroboratedBy.length >= 2 && f.sentence.text.length <= 400 && !/^["“]/.test(f.sentence.text))
    .sort((x, y) => score(y) - score(x) || x.sentence.index - y.sentence.index || byString(x.sentence.articleId, y.sentence.articleId))
  const chosen: Fact[] = []
  for (const f of ranked) {
    if (chosen.length >= size) break
    if (!chosen.some((c) => matches.similarity(c.sentence, f.sentence) >= 0.2)) chosen.push(f)
  }
  if (chosen.length > 0) return chosen
  return sources[0]?.sentences.slice(0, 2).map((sentence) => ({ sentence, corroboratedBy: [sentence.articleId], salience: 0 })) ?? []
}

/**
 * How many of a story's articles its report analyses (headline, lead, facts, timeline, quotes, names, discrepancies).
 * Matching sentences across articles costs the square of their number, on every refresh: a breaking story of 800
 * articles took 3 s per render, held the worker's event loop that long, and gave a report longer than the articles.
 */
export const ANALYSED_ARTICLES = 40

/**
 * The articles a report analyses, in source order: all of them up to the limit; beyond it, originals before copies
 * (a copy adds nothing its original does not), and of more originals than that, the earliest and the latest: the
 * first reports establish the event, the latest carry what changed.
 */
export const analysedSources = (sources: readonly Source[], limit: number = ANALYSED_ARTICLES): readonly Source[] => {
  if (sources.length <= limit) return sources
  const originals = sources.filter((s) => s.group === s.articleId)
  const chosen =
    originals.length >= limit
      ? new Set([...originals.slice(0, Math.ceil(limit / 2)), ...originals.slice(originals.length - Math.floor(limit / 2))])
      : new Set([...originals, ...sources.filter((s) => s.group !== s.articleId).slice(0, limit - originals.length)])
  return sources.filter((s) => chosen.has(s))
}

const analyse = (articles: readonly ArticleView[]): StoryAnalysis => {
  const listed = describeSources(articles)
  const sources = analysedSources(listed)
  const matches = matchSentences(sources)
  const consensus = consensusFacts(sources, matches)
  const mentions = spreadSettled(settleUndated(dateMentions(sources), matches, new Map(sources.map((s) => [s.articleId, s.date]))))
  const spelling = spellingVariants(sources)
  const people = mergeEntities(sources, describedPeople(sources), spelling)
  const inferredDates = new Map<string, { from: string; to: string | null }>()
  for (const s of sources) {
    const range = s.date === null ? inferredDateRange(s.articleId, mentions) : null
    if (range !== null) inferredDates.set(s.articleId, range)
  }
  const lead = leadFacts(sources, matches)
  return {
    sources: listed,
    analysed: sources,
    headline: storyHeadline(sources, lead),
    lead,
    consensus,
    unique: uniqueFacts(sources, matches),
    timeline: buildTimeline(sources, mentions, matches),
    inferredDates,
    quotes: storyQuotes(sources, people),
    people: listedPeople(people, sources),
    organisations: mergeEntities(sources, (s) => s.organisations, spelling, "commonest"),
    discrepancies: discrepancies(sources, spelling, dateConflicts(sources, mentions, matches), matches),
  }
}

// A report asks for the markers of its sources once per fact, date, name and quote: the map is made once per source list.
const markerMaps = new WeakMap<readonly Source[], ReadonlyMap<string, string>>()
const markerMap = (sources: readonly Source[]): ReadonlyMap<string, string> => {
  let marker = markerMaps.get(sources)
  if (marker === undefined) markerMaps.set(sources, (marker = new Map(sources.map((s) => [s.articleId, s.marker]))))
  return marker
}

const markersOf = (ids: readonly string[], sources: readonly Source[]): string => {
  const marker = markerMap(sources)
  return [...new Set(ids.map((id) => marker.get(id) ?? "?"))]
    .sort(byString)
    .map((m) => `[${m}]`)
    .join("")
}

const titleOf = (a: StoryAnalysis, storyId: string): string => a.headline?.text ?? `Story ${storyId}`

const sourcesSection = (a: StoryAnalysis): string[] => {
  const marker = markerMap(a.sources)
  const rows = a.sources.map((s) => {
    const inferred = a.inferredDates.get(s.articleId)
    const published =
      s.date ?? (inferred === undefined ? "unknown" : `unknown (inferred: ${inferred.to === null ? `on or after ${inferred.from}` : `${inferred.from} to ${inferred.to}`})`)
    const copy = s.copyOf
      ? `copy of ${marker.has(s.copyOf.originalId) ? `[${marker.get(s.copyOf.originalId)}]` : inline(s.copyOf.originalId)} (${Math.round(s.copyOf.similarity * 100)}% similar)`
      : "no"
    return [`[${s.marker}]`, cell(outletName(s), 80), published, cell(s.title, 160), String(s.words), copy, link(inline(s.articleId, 140), articleHref(s.articleId))]
  })
  return ["## Sources", "", ...table(["Ref", "Outlet or credit", "Published", "Title", "Words", "Copy", "Article"], rows), ""]
}

const timelineSection = (a: StoryAnalysis): string[] => {
  if (a.timeline.length === 0) return ["## Timeline", "", "_No dated events could be placed: the sources state no dates this report can resolve._", ""]
  const lines = a.timeline.map((e) => {
    const notes = [e.planned ? "planned" : null, e.inferred ? "day inferred from other sources" : null].filter((n) => n !== null)
    return `- **${e.date}** (${weekdayOf(e.date)})${notes.length > 0 ? ` _${notes.join(", ")}_` : ""}: ${inline(e.excerpt, 300)} ${markersOf(e.sources, a.sources)}`
  })
  return ["## Timeline", "", ...lines, ""]
}

const USE_LABEL = { verbatim: "verbatim", partial: "in part", paraphrase: "paraphrased" } as const

const quotesSection = (a: StoryAnalysis): string[] => {
  if (a.quotes.length === 0) return ["## Quotes", "", "_No direct quotes were found._", ""]
  const lines = a.quotes.map((q) => {
    const uses = (["verbatim", "partial", "paraphrase"] as const)
      .map((use) => {
        const marker = markerMap(a.sources)
        const carriers = q.carriers.filter((c) => c.use === use).sort((x, y) => byString(marker.get(x.articleId)!, marker.get(y.articleId)!))
        if (carriers.length === 0) return null
        const detail = use === "verbatim" ? "" : ` (${carriers.map((c) => `${markersOf([c.articleId], a.sources)} ${quoted(c.excerpt, 160)}`).join("; ")})`
        return `${USE_LABEL[use]} ${use === "verbatim" ? markersOf(carriers.map((c) => c.articleId), a.sources) : ""}${detail}`.replace(/\s+\(/, " (")
      })
      .filter((u) => u !== null)
    const speaker = q.speaker === null ? "Unattributed" : inline(`${q.speaker.slice(0, 1).toUpperCase()}${q.speaker.slice(1)}`, 80)
    return `- **${speaker}**: ${quoted(q.text)}  \n  ${uses.join("; ")}`
  })
  return ["## Quotes", "", ...lines, ""]
}

const entitiesSection = (heading: string, entities: readonly MergedEntity[], a: StoryAnalysis): string[] => {
  if (entities.length === 0) return [`## ${heading}`, "", "_None were extracted._", ""]
  const rows = entities
    .slice(0, 40)
    .map((e) => [cell(e.name, 80), e.variants.length > 0 ? e.variants.map((v) => inline(v, 80)).join(", ") : "-", markersOf(e.sources, a.sources)])
  return [`## ${heading}`, "", ...table(["Name", "Also written", "Sources"], rows), ""]
}

const factsSection = (a: StoryAnalysis): string[] => {
  const lines = ["## What the sources agree on", ""]
  if (a.consensus.length === 0) lines.push("_No fact is reported by two independent sources._")
  for (const f of a.consensus) lines.push(`- ${inline(f.sentence.text, 400)} ${markersOf(f.corroboratedBy, a.sources)}`)
  lines.push("", "## What only one source reports", "")
  if (a.unique.size === 0)
    lines.push(
      new Set(a.analysed.map((s) => s.group)).size < 2
        ? "_Nothing: there are not two independent sources to compare._"
        : "_Nothing: no source adds a fact the others do not report._",
    )
  for (const s of a.sources) {
    const facts = a.unique.get(s.articleId)
    if (facts === undefined) continue
    lines.push(`- [${s.marker}] ${inline(outletName(s), 80)}:`)
    for (const f of facts) lines.push(`  - ${inline(f.sentence.text, 400)}`)
  }
  return [...lines, ""]
}

const discrepanciesSection = (a: StoryAnalysis): string[] => {
  if (a.discrepancies.length === 0) return ["## Discrepancies", "", "_The sources do not contradict each other on names, days or numbers this report checks._", ""]
  const lines = a.discrepancies.map((d) => {
    const versions = d.versions.map((v) => `${inline(v.label, 80)} ${markersOf(v.sources, a.sources)}`).join(" vs ")
    const example = d.example === null ? "" : `  \n  ${markersOf([d.example.articleId], a.sources)} ${quoted(d.example.text, 240)}`
    return `- **${inline(d.topic, 120)}**: ${versions}${example}`
  })
  return ["## Discrepancies", "", ...lines, ""]
}

/** Pure: one story's Markdown report. Same articles, in any order, give the same bytes. */
export const renderStoryReport = (storyId: string, articles: readonly ArticleView[]): string => reportOf(storyId, analyse(articles))

/**
 * Pure: a story's report and its index.md entry from one analysis of its articles (what a refresh needs of a story it
 * touched): the same as `renderStoryReport` and `summarizeStory`, which each work the articles out on their own.
 */
export const renderStory = (storyId: string, articles: readonly ArticleView[]): { readonly content: string; readonly summary: StorySummary } => {
  const a = analyse(articles)
  return { content: reportOf(storyId, a), summary: summaryOf(storyId, a.sources, a.headline?.text) }
}

const reportOf = (storyId: string, a: StoryAnalysis): string => {
  const dates = a.sources.map((s) => s.date).filter((d): d is string => d !== null).sort(byString)
  const outlets = new Set(a.sources.map(outletKey))
  const lines = [`# ${inline(titleOf(a, storyId), 300)}`, ""]
  if (a.headline?.fromLead)
    lines.push(
      a.sources.some((s) => s.title !== null)
        ? "_No source gives an article's title (only a site's or a section's): the headline is taken from the lead._"
        : "_No source gives a title: the headline is taken from the lead._",
      "",
    )
  if (a.lead.length > 0) lines.push(a.lead.map((f) => `${inline(f.sentence.text, 500)} ${markersOf(f.corroboratedBy, a.sources)}`).join(" "), "")
  lines.push(
    `_${a.sources.length} article${a.sources.length === 1 ? "" : "s"} from ${outlets.size} source${outlets.size === 1 ? "" : "s"}` +
      (dates.length > 0 ? `, published ${dates[0]}${dates[dates.length - 1] !== dates[0] ? ` to ${dates[dates.length - 1]}` : ""}` : "") +
      `. Story ${inline(storyId, 140)}._`,
    "",
  )
  if (a.analysed.length < a.sources.length)
    lines.push(
      `_This report is worked out from ${a.analysed.length} of the ${a.sources.length} articles: ${a.analysed.some((s) => s.group !== s.articleId) ? "every original, then copies" : "the earliest and the latest originals"}; the sources table lists them all._`,
      "",
    )
  lines.push(
    ...sourcesSection(a),
    ...timelineSection(a),
    ...quotesSection(a),
    ...entitiesSection("People", a.people, a),
    ...entitiesSection("Organisations", a.organisations, a),
    ...factsSection(a),
    ...discrepanciesSection(a),
  )
  for (const s of a.sources) lines.push(`[${s.marker}]: <${articleHref(s.articleId)}>`)
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`
}

export const summarizeStory = (storyId: string, articles: readonly ArticleView[]): StorySummary => {
  const sources = describeSources(articles)
  // The headline is the report's: worked out from the same articles. Sentence matching is only needed when none has a title.
  const analysed = analysedSources(sources)
  const lead = analysed.some(hasHeadline) ? [] : leadFacts(analysed, matchSentences(analysed))
  return summaryOf(storyId, sources, storyHeadline(analysed, lead)?.text)
}

const summaryOf = (storyId: string, sources: readonly Source[], headline: string | undefined): StorySummary => {
  const dates = sources.map((s) => s.date).filter((d): d is string => d !== null).sort(byString)
  return {
    storyId,
    title: headline ?? `Story ${storyId}`,
    articleCount: sources.length,
    sourceCount: new Set(sources.map(outletKey)).size,
    firstDate: dates[0] ?? null,
    lastDate: dates[dates.length - 1] ?? null,
    fileName: reportFileName(storyId),
  }
}

/** How many stories index.md lists: an editor reads the newest; a desk with a month of news has tens of thousands. */
export const INDEX_STORIES = 1_000

/** Newest first (undated last), then by story id: a total order of distinct stories. */
export const newestFirst = (a: StorySummary, b: StorySummary): number =>
  byString(b.lastDate ?? "", a.lastDate ?? "") || byString(b.firstDate ?? "", a.firstDate ?? "") || byString(a.storyId, b.storyId)

/** Puts `story` into `list` (in `newestFirst` order) where that order puts it, after any it ties with: a binary search. */
export const insertNewestFirst = (list: StorySummary[], story: StorySummary): void => {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (newestFirst(list[mid]!, story) <= 0) lo = mid + 1
    else hi = mid
  }
  list.splice(lo, 0, story)
}

/** The first `count` stories in `newestFirst` order, without sorting them all: the index is re-rendered on every refresh. */
export const newestStories = (stories: readonly StorySummary[], count: number): StorySummary[] => {
  // All of them fit: one sort costs less than inserting each into a growing list.
  if (stories.length <= count) return [...stories].sort(newestFirst)
  const top: StorySummary[] = []
  for (const story of stories) {
    if (top.length === count && newestFirst(story, top[count - 1]!) >= 0) continue
    insertNewestFirst(top, story)
    if (top.length > count) top.pop()
  }
  return top
}

const INDEX_HEADER = ["Story", "Articles", "Sources", "Published"]

// index.md is rendered again on every refresh, but a story's row changes only with its summary (a new object each time
// the story moves): each summary's row is escaped once.
const indexRows = new WeakMap<StorySummary, string>()

const indexRow = (s: StorySummary): string => {
  let row = indexRows.get(s)
  if (row === undefined) {
    const published = s.firstDate === null ? "unknown" : s.firstDate === s.lastDate ? s.firstDate : `${s.firstDate} to ${s.lastDate ?? "?"}`
    row = tableRow([link(inline(shorten(s.title, 120), 140), reportFileName(s.storyId)), String(s.articleCount), String(s.sourceCount), published])
    indexRows.set(s, row)
  }
  return row
}

/**
 * Pure: index.md, the INDEX_STORIES newest stories (undated last), then by story id. `total`: how many stories there
 * are, when `stories` holds only the newest of some (the report worker keeps the summaries of the newest closed ones).
 */
export const renderIndex = (stories: readonly StorySummary[], count: number = INDEX_STORIES, total: number = stories.length): string =>
  renderNewestIndex(newestStories(stories, count), total)

/** Pure: index.md of stories already in `newestStories` order (the first INDEX_STORIES of them), `total` as in `renderIndex`. */
export const renderNewestIndex = (sorted: readonly StorySummary[], total: number = sorted.length): string => {
  const all = `${total} stor${total === 1 ? "y" : "ies"}`
  const lines = ["# Stories", "", sorted.length < total ? `_${all}; the ${sorted.length} newest are listed here._` : `_${all}, newest first._`, ""]
  if (sorted.length > 0) lines.push(...table(INDEX_HEADER, []))
  // Rows are appended, not joined: V8's Array#join takes a slow path for two-byte strings (a title with a curly quote),
  // and cost forty times as much on an index of hundreds of rows.
  let text = lines.join("\n")
  for (const story of sorted) text += `\n${indexRow(story)}`
  return `${text}\n`
}
