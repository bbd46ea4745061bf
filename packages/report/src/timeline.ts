import * as chrono from "chrono-node"
import type { SentenceMatches } from "./facts.js"
import type { Source } from "./sources.js"
import { byString, contentTerms, type Sentence } from "./text.js"

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
}

/** A day of the story with what happened and who reports it. */
export interface TimelineEntry {
  readonly date: string
  readonly sentence: Sentence
  readonly sources: readonly string[]
  readonly inferred: boolean
  readonly planned: boolean
}

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
const DATE_WORDS = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b|\b(sun|mon|tues?|wed|thu|thurs|fri|sat)[a-z]*day\b|\b(yesterday|today|tomorrow)\b/i
const FUTURE = /\b(will|shall|'ll|going to|is to|are to|plans? to|planned to|scheduled|expected to|set to|as early as|next|upcoming|is leaving|are leaving|is due|are due)\b/i

const iso = (y: number, m: number, d: number): string => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`
const utcNoon = (day: string): Date => new Date(`${day}T12:00:00Z`)
const addDays = (day: string, n: number): string => new Date(utcNoon(day).getTime() + n * 86_400_000).toISOString().slice(0, 10)

/** The weekday on or before `day` (past tense), or on or after it (future tense). */
export const resolveWeekday = (day: string, weekday: number, future: boolean): string => {
  const current = utcNoon(day).getUTCDay()
  return future ? addDays(day, (weekday - current + 7) % 7) : addDays(day, -((current - weekday + 7) % 7))
}

const median = (days: readonly string[]): string | null => (days.length === 0 ? null : [...days].sort(byString)[Math.floor((days.length - 1) / 2)]!)

const windowTerms = (text: string, index: number, length: number): string[] => [
  ...contentTerms(text.slice(0, index)).slice(-8),
  ...contentTerms(text.slice(index + length)).slice(0, 8),
]

/** Every dated mention in the story's sentences, resolved against each article's own date. */
export const dateMentions = (sources: readonly Source[]): DateMention[] => {
  const storyDay = median(sources.map((s) => s.date).filter((d): d is string => d !== null))
  const out: DateMention[] = []
  for (const src of sources) {
    const ref = src.date ?? storyDay
    const refDate = ref === null ? new Date(Date.UTC(2000, 0, 1, 12)) : utcNoon(ref)
    let offset = 0
    for (const s of src.sentences) {
      const at = src.body.indexOf(s.text, offset)
      if (at >= 0) offset = at
      const seen = new Set<string>()
      for (const r of chrono.parse(s.text, refDate, { forwardDate: false })) {
        if (!DATE_WORDS.test(r.text) || /^\d{4}-\d{2}-\d{2}/.test(r.text.trim())) continue
        // Tense is read in the mention's own clause: "is leaving ...," the embassy said early Thursday" is past.
        const clause = s.text.slice(0, r.index).split(/[,;:"“”()\u2014\u2013]/).pop() ?? ""
        const future = FUTURE.test(clause)
        const weekdayNumber = r.start.get("weekday")
        const weekday = r.start.isCertain("weekday") && weekdayNumber !== null && weekdayNumber !== undefined ? WEEKDAYS[weekdayNumber]! : null
        let date: string | null = null
        let basis: DateMention["basis"] = "stated"
        if (r.start.isCertain("day") && r.start.isCertain("month")) {
          if (ref === null && !r.start.isCertain("year")) continue
          date = iso(r.start.get("year")!, r.start.get("month")!, r.start.get("day")!)
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
        out.push({ sentence: s, text: r.text.trim(), weekday, date, basis, future, context: windowTerms(s.text, r.index, r.text.length) })
      }
    }
  }
  return out
}

const sharedCount = (a: readonly string[], b: readonly string[]): number => {
  const set = new Set(a)
  return new Set(b.filter((t) => set.has(t))).size
}

/** Weekday mentions of undated articles borrow the day of a dated source that reports the same event on the same weekday. */
export const settleUndated = (mentions: readonly DateMention[], matches: SentenceMatches): DateMention[] =>
  mentions.map((m) => {
    if (m.date !== null || m.weekday === null) return m
    const twin = mentions
      .filter((o) => o.date !== null && o.weekday === m.weekday && o.sentence.articleId !== m.sentence.articleId)
      .map((o) => ({ o, score: matches.similarity(m.sentence, o.sentence) + sharedCount(m.context, o.context) / 10 }))
      .filter((x) => x.score >= 0.3)
      .sort((a, b) => b.score - a.score || byString(a.o.date!, b.o.date!))[0]
    return twin === undefined ? m : { ...m, date: twin.o.date, basis: "inferred" as const }
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

/** The story's days in order; mentions of the same day that report the same thing share an entry. */
export const buildTimeline = (sources: readonly Source[], mentions: readonly DateMention[], matches: SentenceMatches): TimelineEntry[] => {
  const order = new Map(sources.map((s, i) => [s.articleId, i]))
  const dated = mentions
    .filter((m): m is DateMention & { date: string } => m.date !== null)
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
        g.members.some((o) => o.sentence === m.sentence || matches.similarity(o.sentence, m.sentence) >= 0.2 || sharedCount(o.context, m.context) >= 3),
    )
    if (group) group.members.push(m)
    else groups.push({ date: m.date, members: [m] })
  }
  return groups.map((g) => {
    const first = g.members[0]!
    return {
      date: g.date,
      sentence: first.sentence,
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

export const dateConflicts = (sources: readonly Source[], mentions: readonly DateMention[]): DateConflict[] => {
  const order = new Map(sources.map((s, i) => [s.articleId, i]))
  const groupOf = new Map(sources.map((s) => [s.articleId, s.group]))
  const frequent = new Set(
    [...sources.flatMap((s) => [...new Set(contentTerms(s.body))]).reduce((m, t) => m.set(t, (m.get(t) ?? 0) + 1), new Map<string, number>())]
      .sort((a, b) => b[1] - a[1] || byString(a[0], b[0]))
      .slice(0, 6)
      .map(([t]) => t),
  )
  const labelOf = (m: DateMention): string => (m.weekday ? `${m.weekday[0]!.toUpperCase()}${m.weekday.slice(1)}` : m.text) + (m.date ? ` (${m.date})` : "")
  const differ = (a: DateMention, b: DateMention): boolean =>
    a.date !== null && b.date !== null ? a.date !== b.date : a.weekday !== null && b.weekday !== null && a.weekday !== b.weekday
  const sameEvent = (a: DateMention, b: DateMention): boolean => {
    if (a.future !== b.future || groupOf.get(a.sentence.articleId) === groupOf.get(b.sentence.articleId)) return false
    const set = new Set(a.context)
    const shared = [...new Set(b.context.filter((t) => set.has(t)))]
    return shared.length >= 3 && shared.some((t) => !frequent.has(t))
  }
  const past = mentions.filter((m) => m.weekday !== null && !m.future)
  const conflicts: DateConflict[] = []
  const used = new Set<DateMention>()
  for (const m of past) {
    if (used.has(m)) continue
    const cluster = [m]
    for (let i = 0; i < cluster.length; i++)
      for (const o of past) if (!used.has(o) && !cluster.includes(o) && sameEvent(cluster[i]!, o)) cluster.push(o)
    if (!cluster.some((a) => cluster.some((b) => differ(a, b) && sameEvent(a, b)))) continue
    cluster.forEach((c) => used.add(c))
    const byLabel = new Map<string, string[]>()
    for (const c of cluster) {
      const ids = byLabel.get(labelOf(c)) ?? []
      if (!ids.includes(c.sentence.articleId)) ids.push(c.sentence.articleId)
      byLabel.set(labelOf(c), ids)
    }
    // An undated source's unresolved weekday joins the dated version with the same weekday.
    for (const [label, ids] of [...byLabel]) {
      if (label.includes("(")) continue
      const host = [...byLabel.keys()].find((k) => k !== label && k.startsWith(`${label} (`))
      if (host) {
        byLabel.get(host)!.push(...ids)
        byLabel.delete(label)
      }
    }
    if (byLabel.size < 2) continue
    const versions = [...byLabel]
      .map(([label, ids]) => ({ label, sources: ids.sort((a, b) => order.get(a)! - order.get(b)!) }))
      .sort((a, b) => byString(a.label, b.label))
    const first = [...cluster].sort((a, b) => order.get(a.sentence.articleId)! - order.get(b.sentence.articleId)! || a.sentence.index - b.sentence.index)[0]!
    conflicts.push({ sentence: first.sentence, versions })
  }
  return conflicts
}
