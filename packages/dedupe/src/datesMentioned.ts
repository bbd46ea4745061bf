/**
 * The days an article writes out: a date in full, day, month and year ("April 3, 2016", "Sept. 30, 2016",
 * "28 May 2016", "21st of August, 2017", "2016-05-30"), or a month of a year ("December 2012", "in April, 2016"), which
 * is each of its days. A follow-up names the day or the month of the event it follows up, and an embedded post or a
 * quoted statement carries the day it was made. A date without a year ("on Oct. 1") or a year alone ("in 2016") is
 * not read: which year is a guess, and a year is too long a time to tell one event of a subject from the next.
 */

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6, jul: 7, july: 7,
  aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
}
const MONTH = "(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?"
const DAY = "(\\d{1,2})(?:st|nd|rd|th)?"
const YEAR = "((?:19|20)\\d\\d)"
/**
 * "April 3, 2016" / "Sept. 30 2016"; "3 April 2016" / "21st of August, 2017"; "2016-05-30"; "April 2016" / "April, 2016".
 * One pattern, full dates first: at "3 April 2016" the full date is read, never "April 2016" inside it.
 */
const DATE = new RegExp(
  `\\b(?:${MONTH}\\s+${DAY},?\\s+${YEAR}|${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}|${YEAR}-(\\d\\d)-(\\d\\d)|${MONTH},?\\s+${YEAR})(?![\\d-])`,
  "gi",
)

/** At most this many are kept, the first the text writes: a page of archive links names hundreds. */
export const MAX_MENTIONED_DAYS = 8

const DAY_MS = 86_400_000

/** Days as a span, midnight UTC in milliseconds: the first and the last (the same for one day). */
export type DaySpan = readonly [first: number, last: number]

/** Midnight UTC of a valid calendar date, else null ("February 30, 2016" is none). */
const dayOf = (year: number, month: number, day: number): number | null => {
  const t = Date.UTC(year, month - 1, day)
  const d = new Date(t)
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? t : null
}

const monthOf = (name: string | undefined): number => MONTHS[(name ?? "").toLowerCase()] ?? 0

/** The distinct days and months `text` writes out, as spans of days, in the order it first writes them. */
export const daysMentioned = (text: string): DaySpan[] => {
  const spans: DaySpan[] = []
  for (const m of text.matchAll(DATE)) {
    const [, m1, d1, y1, d2, m2, y2, y3, m3, d3, m4, y4] = m
    // A month is a name: "may 2000 people" and "march 1999 supporters" are no dates.
    const name = m1 ?? m2 ?? m4
    if (name !== undefined && name[0] !== name[0]?.toUpperCase()) continue
    let span: DaySpan | null = null
    if (y4 !== undefined) {
      const month = monthOf(m4)
      const first = dayOf(Number(y4), month, 1)
      // Day 0 of the next month is the last of this one.
      span = first === null ? null : [first, Date.UTC(Number(y4), month, 0)]
    } else {
      const t =
        y1 !== undefined
          ? dayOf(Number(y1), monthOf(m1), Number(d1))
          : y2 !== undefined
            ? dayOf(Number(y2), monthOf(m2), Number(d2))
            : dayOf(Number(y3), Number(m3), Number(d3))
      span = t === null ? null : [t, t]
    }
    if (span === null || spans.some(([a, b]) => a === span[0] && b === span[1])) continue
    spans.push(span)
    if (spans.length === MAX_MENTIONED_DAYS) break
  }
  return spans
}

/** Days between `time` and the nearest day of `spans` (0 within one of them). */
export const gapToSpans = (spans: readonly DaySpan[], time: number): number => {
  let gap = Infinity
  for (const [first, last] of spans) gap = Math.min(gap, Math.max(0, first - time, time - last))
  return gap / DAY_MS
}

/** Days between the span `first` to `last` and the nearest day of `spans` (0 where they overlap). */
export const gapBetweenSpans = (spans: readonly DaySpan[], first: number, last: number): number => {
  let gap = Infinity
  for (const [a, b] of spans) gap = Math.min(gap, Math.max(0, first - b, a - last))
  return gap / DAY_MS
}
