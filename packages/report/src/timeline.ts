import * as chrono from "chrono-node"
import type { SentenceMatches } from "./facts.js"
import { perArticle, type Source, sourceOrder } from "./sources.js"
import { byString, contentTerms, insideQuote, sentenceTerms, type Sentence } from "./text.js"

/** One date a sentence mentions, resolved to a day when it can be. */
export interface DateMention {
  readonly sentence: Sentence
  /** The words of the article, e.g. "on Wednesday", "March 20". */
  readonly text: string
  /** Lower-case weekday name when the mention names one. */
  readonly weekday: string | null
  /** YYYY-MM-DD, or null when the article's date is unknown and nothing else settles it. */
  readonly date: string | null
  /** How the day was found: stated outright, counted from the article's date, or borrowed from another source. */
  readonly basis: "stated" | "relative" | "inferred"
  readonly future: boolean
  /** Content terms around the mention: what happened on that day. */
  readonly context: readonly string[]
  /** Where the mention starts in the sentence. */
  readonly at: number
  /** A date inside a noun phrase ("the November 3 election"): background, not the sentence's event. */
  readonly background: boolean
}

/** A day of the story with what happened and who reports it. */
export interface TimelineEntry {
  readonly date: string
  readonly sentence: Sentence
  /** The event in short: the sentence, or the clauses around its date when the sentence is long. */
  readonly excerpt: string
  readonly sources: readonly string[]
  readonly inferred: boolean
  readonly planned: boolean
}

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
const DATE_WORDS = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b|\b(sun|mon|tues?|wed|thu|thurs|fri|sat)[a-z]*day\b|\b(yesterday|today|tomorrow)\b/i
// What any match of DATE_WORDS contains, with no word boundaries asked: chrono's mention is a part of the sentence.
// ("days" and "holiday" are no weekday: a sentence with only those is not parsed.)
const DATE_LETTERS = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|(?:sun|mon|tues?|wed|thu|thurs|fri|sat)[a-z]*day|yesterday|today|tomorrow/i
const FUTURE = /\b(will|shall|'ll|going to|is to|are to|plans? to|planned to|scheduled|expected to|set to|as early as|next|upcoming|is leaving|are leaving|is due|are due)\b/i

// "the November 3 presidential election": a determiner before the date and a noun right after it.
const ATTRIBUTIVE_BEFORE = /\b(the|a|an|this|that|its|their|his|her|our)\s+$/i
const ATTRIBUTIVE_AFTER = /^\s+(?!(and|or|to|in|at|on|of|for|by|from|with|as|when|while|after|before|until|that|which|who|is|was|were|are|will|would)\b)[a-z]/

const MONTH_FIRST = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?=[\s-]|$)/i
const NAME_BEFORE = /(?:^|\s)([A-Z][a-z]+)\s+$/
const NOT_NAMES = new Set(["on", "in", "by", "from", "since", "until", "through", "before", "after", "early", "late", "mid", "last", "next", "this", "between", "and", "or", ...WEEKDAYS])

// "Florida Today" is a paper; "through to today" means nowadays.
const vagueToday = (sentence: string, index: number): boolean => {
  const before = sentence.slice(0, index)
  return (sentence[index] === "T" && /[A-Z][a-z]+\s+$/.test(before) && before.trim().length > 0) || /\b(to|until|through)\s+$/i.test(before)
}

// "Long March-5", "Theresa May": a month word that is part of a name, not a date. Only months that are also words or names count.
const partOfName = (sentence: string, index: number, text: string): boolean => {
  if (/^today$/i.test(text.trim())) return vagueToday(sentence, index)
  if (!MONTH_FIRST.test(text)) return false
  if (/^[a-z]+\.?-\d/i.test(text)) return true
  const before = sentence.slice(0, index)
  const name = NAME_BEFORE.exec(before)?.[1]
  return /^(march|may|june|august)\b/i.test(text) && name !== undefined && before.trim().length > name.length && !NOT_NAMES.has(name.toLowerCase())
}

const CAPTION = /^FILE\b|\b(file|undated) (photo|image|picture)\b|\bin this (photo|image|picture)\b|\(AP Photo|\[Photo\b|\bpic\.twitter\.com\/|\bEmbed x Share\b|\bposes for (photographers|a photo)\b|\bHide Caption\b|^Photos: |\bA post shared by\b/i

const iso = (y: number, m: number, d: number): string => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`
const utcNoon = (day: string): Date => new Date(`${day}T12:00:00Z`)
const addDays = (day: string, n: number): string => new Date(utcNoon(day).getTime() + n * 86_400_000).toISOString().slice(0, 10)

/** The weekday on or before `day` (past tense), or on or after it (future tense). */
export const resolveWeekday = (day: string, weekday: number, future: boolean): string => {
  const current = utcNoon(day).getUTCDay()
  return future ? addDays(day, (weekday - current + 7) % 7) : addDays(day, -((current - weekday + 7) % 7))
}

// Days are compared pairwise across a story's mentions on every render: each day string is parsed once.
const noonOf = new Map<string, number>()
const noonMs = (day: string): number => {
  let ms = noonOf.get(day)
  if (ms === undefined) {
    if (noonOf.size >= 4_096) noonOf.clear()
    noonOf.set(day, (ms = utcNoon(day).getTime()))
  }
  return ms
}
const daysApart = (a: string, b: string): number => Math.abs(noonMs(a) - noonMs(b)) / 86_400_000

const median = (days: readonly string[]): string | null => (days.length === 0 ? null : [...days].sort(byString)[Math.floor((days.length - 1) / 2)]!)

const windowTerms = (text: string, index: number, length: number): string[] => [
  ...contentTerms(text.slice(0, index)).slice(-8),
  ...contentTerms(text.slice(index + length)).slice(0, 8),
]

/** Every dated mention in the story's sentences, resolved against each article's own date. */
export const dateMentions = (sources: readonly Source[]): DateMention[] => {
  const storyDay = median(sources.map((s) => s.date).filter((d): d is string => d !== null))
  // chrono's parse is the dearest step of a report, and an article's mentions depend on its text and the day it is read
  // against alone: they are kept with the article, for each day an undated one is read against (the story's middle day).
  return sources.flatMap((src) => {
    const ref = src.date ?? storyDay
    return perArticle(src, `date mentions from ${ref}`, () => articleDateMentions(src, ref))
  })
}

// A copy carries its original's sentences word for word, and an undated article is read again against each new middle
// day of its story: chrono's parse, the dearest step of a report, depends on the sentence's text and the day alone.
// Its results are only read. Kept up to a bound, for the articles being rendered now.
const PARSES = 8_192
const parses = new Map<string, readonly chrono.ParsedResult[]>()
const parseDates = (text: string, ref: string | null, refDate: Date): readonly chrono.ParsedResult[] => {
  const key = `${ref ?? "-"}|${text}`
  let found = parses.get(key)
  if (found === undefined) {
    if (parses.size >= PARSES) parses.clear()
    // The reference carries its time zone, so the machine's own zone never shifts a day.
    parses.set(key, (found = chrono.parse(text, { instant: refDate, timezone: "UTC" }, { forwardDate: false })))
  }
  return found
}

/** The dated mentions of one article, resolved against its own date, or `ref` when it has none. */
const articleDateMentions = (src: Source, ref: string | null): DateMention[] => {
  const out: DateMention[] = []
  const refDate = ref === null ? new Date(Date.UTC(2000, 0, 1, 12)) : utcNoon(ref)
  let offset = 0
  for (const s of src.sentences) {
    const at = src.body.indexOf(s.text, offset)
    if (at >= 0) offset = at
    // Every mention kept below has a month or day word, so a sentence without even the letters of one is not parsed.
    if (!DATE_LETTERS.test(s.text)) continue
    const seen = new Set<string>()
    for (const r of parseDates(s.text, ref, refDate)) {
      if (!DATE_WORDS.test(r.text) || /^\d{4}-\d{2}-\d{2}/.test(r.text.trim()) || partOfName(s.text, r.index, r.text)) continue
      // Tense is read in the mention's own clause: "is leaving ...," the embassy said early Thursday" is past.
      const clause = s.text.slice(0, r.index).split(/[;:()\u2014\u2013]|[,.!?]["”’]|["”’][,.]/).pop() ?? ""
      const future = FUTURE.test(clause)
      const weekdayNumber = r.start.get("weekday")
      const weekday = r.start.isCertain("weekday") && weekdayNumber !== null && weekdayNumber !== undefined ? WEEKDAYS[weekdayNumber]! : null
      let date: string | null = null
      let basis: DateMention["basis"] = "stated"
      if (r.start.isCertain("day") && r.start.isCertain("month")) {
        if (ref === null && !r.start.isCertain("year")) continue
        date = iso(r.start.get("year")!, r.start.get("month")!, r.start.get("day")!)
        // "Friday, September 15" on a Thursday: chrono guessed a year to fit; trust neither.
        if (weekday !== null && WEEKDAYS[utcNoon(date).getUTCDay()] !== weekday && !r.start.isCertain("year")) continue
        // A full date at the top of the article, or with a time of day on its own day, is the article's stamp, not news.
        if (r.start.isCertain("year") && (at >= 0 ? at + r.index : r.index) < 100 && s.index <= 1) continue
        if (r.start.isCertain("hour") && date === src.date) continue
        if (/\b(yesterday|today|tomorrow)\b/i.test(r.text)) basis = "relative"
      } else if (weekday !== null) {
        basis = "relative"
        date = src.date === null ? null : resolveWeekday(src.date, WEEKDAYS.indexOf(weekday), future)
      } else continue
      const dedupeKey = `${date ?? weekday}`
      if (seen.has(dedupeKey)) continue
      seen.add(dedupeKey)
      const background = ATTRIBUTIVE_BEFORE.test(s.text.slice(0, r.index)) && ATTRIBUTIVE_AFTER.test(s.text.slice(r.index + r.text.length))
      out.push({ sentence: s, text: r.text.trim(), weekday, date, basis, future, context: windowTerms(s.text, r.index, r.text.length), at: r.index, background })
    }
  }
  return out
}

/** The terms two word lists share, once each. */
const sharedTerms = (a: readonly string[], b: readonly string[]): string[] => {
  const set = new Set(a)
  return [...new Set(b.filter((t) => set.has(t)))]
}

/** Of the other sources' dated mentions, the one that reports the same event as `m` best, if any does well enough. */
const twinOf = (m: DateMention, mentions: readonly DateMention[], matches: SentenceMatches, fits: (o: DateMention) => boolean): DateMention | undefined =>
  mentions
    .filter((o) => o.date !== null && o.sentence.articleId !== m.sentence.articleId && fits(o))
    .map((o) => ({ o, score: matches.similarity(m.sentence, o.sentence) + sharedTerms(m.context, o.context).length / 10 }))
    .filter((x) => x.score >= 0.3)
    .sort((a, b) => b.score - a.score || byString(a.o.date!, b.o.date!))[0]?.o

/**
 * Weekday mentions of undated articles borrow the day of a dated source that reports the same event on the same weekday.
 * And a past weekday six days before its article's date ("early on Tuesday" in a paper dated Monday, of a launch on the
 * other side of the date line) is taken as the next day when another source reports the same event on that day: a
 * paper's date is its own time zone's, and a week-old event is rarely told by its weekday alone.
 */
export const settleUndated = (mentions: readonly DateMention[], matches: SentenceMatches, dayOf: ReadonlyMap<string, string | null> = new Map()): DateMention[] =>
  mentions.map((m) => {
    if (m.weekday === null) return m
    if (m.date === null) {
      const twin = twinOf(m, mentions, matches, (o) => o.weekday === m.weekday)
      return twin === undefined ? m : { ...m, date: twin.date, basis: "inferred" as const }
    }
    const own = dayOf.get(m.sentence.articleId) ?? null
    if (own === null || m.basis !== "relative" || m.future || m.date !== addDays(own, -6)) return m
    const next = addDays(own, 1)
    const twin = twinOf(m, mentions, matches, (o) => o.date === next && (o.weekday === m.weekday || o.weekday === null))
    return twin === undefined ? m : { ...m, date: next, basis: "inferred" as const }
  })

/** For an undated article: the days its own wording allows, from the last past event it reports to the first planned one. */
export const inferredDateRange = (articleId: string, mentions: readonly DateMention[]): { from: string; to: string | null } | null => {
  const own = mentions.filter((m) => m.sentence.articleId === articleId && m.date !== null)
  const past = own.filter((m) => !m.future).map((m) => m.date!).sort(byString)
  const planned = own.filter((m) => m.future).map((m) => m.date!).sort(byString)
  const from = past[past.length - 1]
  if (from === undefined) return null
  const to = planned.find((d) => d >= from) ?? null
  return { from, to }
}

/** Once one weekday of an undated article is settled, its other mentions of that weekday mean the same day. */
export const spreadSettled = (mentions: readonly DateMention[]): DateMention[] => {
  const settled = new Map<string, string>()
  for (const m of mentions) if (m.basis === "inferred" && m.weekday !== null && m.date !== null) settled.set(`${m.sentence.articleId}|${m.weekday}|${m.future}`, m.date)
  return mentions.map((m) => {
    const day = m.date === null && m.weekday !== null ? settled.get(`${m.sentence.articleId}|${m.weekday}|${m.future}`) : undefined
    return day === undefined ? m : { ...m, date: day, basis: "inferred" as const }
  })
}

/** The clause holding position `at`, widened to its neighbours until it says something, with ellipses where cut. */
export const clauseAround = (text: string, at: number, min = 70): string => {
  const cuts = [0, ...[...text.matchAll(/[,;]\s+|\s+[-\u2013\u2014]\s+/g)].map((m) => m.index! + m[0].length), text.length]
  let i = cuts.findLastIndex((c) => c <= at)
  let j = i + 1
  while (text.slice(cuts[i]!, cuts[j]!).length < min && (i > 0 || j < cuts.length - 1)) {
    if (i > 0) i--
    if (text.slice(cuts[i]!, cuts[j]!).length < min && j < cuts.length - 1) j++
  }
  const body = text.slice(cuts[i]!, cuts[j]!).replace(/[,;\s\u2013\u2014-]+$/, "")
  return `${i > 0 ? "…" : ""}${body}${j < cuts.length - 1 ? "…" : ""}`
}

/**
 * The one mention that dates each sentence: the date of its main clause. A date in the attribution
 * outside a quote beats one inside it, any beats a background date in a noun phrase, then the first wins;
 * of alternatives ("on Friday or Monday") the earlier day: one planned event, not two.
 */
export const mainMentions = (mentions: readonly DateMention[]): DateMention[] => {
  const rank = (m: DateMention): number => (m.background ? 2 : 0) + (insideQuote(m.sentence.text.slice(0, m.at)) ? 1 : 0)
  const best = new Map<Sentence, DateMention>()
  for (const m of mentions) {
    const known = best.get(m.sentence)
    if (known === undefined || rank(m) < rank(known) || (rank(m) === rank(known) && m.at < known.at)) best.set(m.sentence, m)
  }
  // "on Friday or Monday": the earlier of the alternatives.
  const alternatives = (a: DateMention, b: DateMention): boolean =>
    a.sentence === b.sentence && a.at < b.at && /^\s*,?\s*or\s+(on\s+)?$/i.test(a.sentence.text.slice(a.at + a.text.length, b.at))
  return [...best.values()].map((m) => {
    const other = mentions.find((o) => o.date !== null && m.date !== null && (alternatives(m, o) || alternatives(o, m)) && o.date < m.date)
    return other ?? m
  })
}

/** A long sentence shortened to the clauses around its date, cut at a word well past the date. */
export const eventSummary = (text: string, at: number, long = 200, max = 220): string => {
  if (text.length <= long) return text
  const clause = clauseAround(text, at, 90)
  const body = clause.replace(/^…|…$/g, "")
  const atInClause = at - text.indexOf(body) + (clause.startsWith("…") ? 1 : 0)
  const limit = Math.max(max, atInClause + 80)
  if (clause.length <= limit + 20) return clause
  return `${clause.slice(0, limit).replace(/[\s,;:\u2013\u2014-]+\S*$/, "")}…`
}

/** The story's days in order; mentions of the same day that report the same thing share an entry. */
export const buildTimeline = (sources: readonly Source[], mentions: readonly DateMention[], matches: SentenceMatches, limit = 30): TimelineEntry[] => {
  const order = sourceOrder(sources)
  const dated = mainMentions(mentions)
    .filter((m): m is DateMention & { date: string } => m.date !== null)
    // Captions, galleries and stamps ("ET Thursday", "AEST Saturday, September 16") are not events.
    .filter((m) => sentenceTerms(m.sentence).length >= 4 && !CAPTION.test(m.sentence.text))
    .sort(
      (a, b) =>
        byString(a.date, b.date) ||
        order.get(a.sentence.articleId)! - order.get(b.sentence.articleId)! ||
        a.sentence.index - b.sentence.index,
    )
  const groups: { date: string; members: (DateMention & { date: string })[] }[] = []
  for (const m of dated) {
    const group = groups.find(
      (g) =>
        g.date === m.date &&
        g.members.some((o) => o.sentence === m.sentence || matches.similarity(o.sentence, m.sentence) >= 0.2 || sharedTerms(o.context, m.context).length >= 3),
    )
    if (group) group.members.push(m)
    else groups.push({ date: m.date, members: [m] })
  }
  // A long story keeps the days most sources report; the rest would drown them.
  const center = median(sources.map((s) => s.date).filter((d): d is string => d !== null))
  const distance = (day: string): number => (center === null ? 0 : daysApart(day, center))
  const kept = new Set(
    [...groups]
      .sort(
        (a, b) =>
          new Set(b.members.map((m) => m.sentence.articleId)).size - new Set(a.members.map((m) => m.sentence.articleId)).size ||
          distance(a.date) - distance(b.date) ||
          byString(a.date, b.date),
      )
      .slice(0, limit),
  )
  return groups.filter((g) => kept.has(g)).map((g) => {
    const first = g.members[0]!
    return {
      date: g.date,
      sentence: first.sentence,
      excerpt: eventSummary(first.sentence.text, first.at),
      sources: [...new Set(g.members.map((m) => m.sentence.articleId))].sort((a, b) => order.get(a)! - order.get(b)!),
      inferred: g.members.every((m) => m.basis === "inferred"),
      planned: g.members.every((m) => m.future),
    }
  })
}

/** Where sources put the same event on different days: weekday or date disagreements. */
export interface DateConflict {
  readonly sentence: Sentence
  readonly versions: readonly { readonly label: string; readonly sources: readonly string[] }[]
}

/** Pairs of independent sources that put the same reported event (past tense, named weekday) on different days within a week. */
export const dateConflicts = (sources: readonly Source[], mentions: readonly DateMention[], matches: SentenceMatches): DateConflict[] => {
  const order = sourceOrder(sources)
  const groupOf = new Map(sources.map((s) => [s.articleId, s.group]))
  const keyOf = (m: DateMention): string => m.date ?? m.weekday ?? m.text
  const labelOf = (m: DateMention): string =>
    (m.basis === "stated" || m.weekday === null ? m.text.replace(/^(on|in|at)\s+/i, "").replace(/[,.\s]+$/, "") : `${m.weekday[0]!.toUpperCase()}${m.weekday.slice(1)}`) +
    (m.date ? ` (${m.date})` : "")
  const differ = (a: DateMention, b: DateMention): boolean =>
    a.date !== null && b.date !== null
      ? a.date !== b.date && daysApart(a.date, b.date) <= 6
      : a.weekday !== null && b.weekday !== null && a.weekday !== b.weekday
  const shared = (a: DateMention, b: DateMention): string[] => sharedTerms(a.context, b.context)
  const independent = (a: DateMention, b: DateMention): boolean => a.future === b.future && groupOf.get(a.sentence.articleId) !== groupOf.get(b.sentence.articleId)
  // The same event: the sentences match, or the words around the two days do, beyond the story's commonest words.
  const sameEvent = (a: DateMention, b: DateMention): boolean =>
    independent(a, b) && matches.similarity(a.sentence, b.sentence) >= 0.3 && shared(a, b).length >= 2
  // A source that names the other day too, in the same sentence or for the same event, is not contradicting it.
  const alsoSays = (a: DateMention, b: DateMention): boolean =>
    mentions.some(
      (o) => o.sentence.articleId === a.sentence.articleId && keyOf(o) === keyOf(b) && (o.sentence === a.sentence || shared(o, b).length >= 3),
    )
  const past = mentions.filter((m) => m.weekday !== null && !m.future)
  const conflicts: DateConflict[] = []
  const used = new Set<DateMention>()
  for (const a of past)
    for (const b of past) {
      if (used.has(a) || used.has(b) || !(order.get(a.sentence.articleId)! < order.get(b.sentence.articleId)!)) continue
      if (!differ(a, b) || !sameEvent(a, b) || alsoSays(a, b) || alsoSays(b, a)) continue
      // Sources that agree with one side join it when their words around the day match either side.
      const members = [a, b, ...past.filter((o) => o !== a && o !== b && !used.has(o) && (keyOf(o) === keyOf(a) || keyOf(o) === keyOf(b) || (o.date === null && (o.weekday === a.weekday || o.weekday === b.weekday))) && [a, b].some((x) => independent(x, o) && shared(x, o).length >= 3))]
      members.forEach((m) => used.add(m))
      const versions = new Map<string, { label: string; sources: string[] }>()
      for (const m of members) {
        // An undated source's weekday goes with the dated side naming the same weekday.
        const side = m.date === null ? [a, b].find((x) => x.weekday === m.weekday) ?? m : m
        const version = versions.get(keyOf(side)) ?? { label: labelOf(side), sources: [] }
        if (!version.sources.includes(m.sentence.articleId)) version.sources.push(m.sentence.articleId)
        versions.set(keyOf(side), version)
      }
      if (versions.size < 2) continue
      conflicts.push({
        sentence: a.sentence,
        versions: [...versions.values()]
          .map((v) => ({ label: v.label, sources: v.sources.sort((x, y) => order.get(x)! - order.get(y)!) }))
          .sort((x, y) => byString(x.label, y.label)),
      })
    }
  return conflicts
}
