/**
 * The calendar dates an article writes out in full, day, month and year ("April 3, 2016", "Sept. 30, 2016",
 * "28 May 2016", "21st of August, 2017", "2016-05-30"): a follow-up names the day of the event it follows up, and an
 * embedded post or a quoted statement carries the day it was made. A date without a year ("on Oct. 1") or without a
 * day ("in April 2016") is not read: which year or which day is a guess.
 */

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6, jul: 7, july: 7,
  aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
}
const MONTH = "(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?"
const DAY = "(\\d{1,2})(?:st|nd|rd|th)?"
const YEAR = "((?:19|20)\\d\\d)"
/** "April 3, 2016" / "Sept. 30 2016"; "3 April 2016" / "21st of August, 2017"; "2016-05-30". */
const DATE = new RegExp(
  `\\b(?:${MONTH}\\s+${DAY},?\\s+${YEAR}|${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}|${YEAR}-(\\d\\d)-(\\d\\d))(?![\\d-])`,
  "gi",
)

/** At most this many dates are kept, the first the text writes: a page of archive links names hundreds. */
export const MAX_MENTIONED_DATES = 8

const DAY_MS = 86_400_000

/** Midnight UTC of a valid calendar date, else null ("February 30, 2016" is none). */
const dayOf = (year: number, month: number, day: number): number | null => {
  const t = Date.UTC(year, month - 1, day)
  const d = new Date(t)
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? t : null
}

/** The distinct dates `text` writes out in full, as midnight UTC in milliseconds, in the order it first writes them. */
export const datesMentioned = (text: string): number[] => {
  const days: number[] = []
  for (const m of text.matchAll(DATE)) {
    const [, m1, d1, y1, d2, m2, y2, y3, m3, d3] = m
    const t =
      y1 !== undefined
        ? dayOf(Number(y1), MONTHS[(m1 ?? "").toLowerCase()] ?? 0, Number(d1))
        : y2 !== undefined
          ? dayOf(Number(y2), MONTHS[(m2 ?? "").toLowerCase()] ?? 0, Number(d2))
          : dayOf(Number(y3), Number(m3), Number(d3))
    if (t === null || days.includes(t)) continue
    days.push(t)
    if (days.length === MAX_MENTIONED_DATES) break
  }
  return days
}

/** Days between `time` and the nearest of `times` (all midnight UTC in milliseconds). */
export const nearestGapDays = (times: readonly number[], time: number): number => {
  let gap = Infinity
  for (const t of times) gap = Math.min(gap, Math.abs(t - time))
  return gap / DAY_MS
}
