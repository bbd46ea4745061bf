/** Explicit calendar dates only: a date without a year is unknown, never guessed from a clock. */
const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10,
  nov: 11, november: 11, dec: 12, december: 12,
}
const MONTH = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?"
const DAY = "(\\d{1,2})(?:st|nd|rd|th)?"
const YEAR = "((?:19|20)\\d{2})"

const ISO = /\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b/
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH}\\s+${DAY},?\\s+${YEAR}\\b`, "i")
const DAY_MONTH_YEAR = new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}\\b`, "i")
const SLASHED_YMD = /\b((?:19|20)\d{2})\/(\d{1,2})\/(\d{1,2})\b/

const iso = (y: number, m: number, d: number): string | null => {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCMonth() !== m - 1) return null
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`
}

export interface FoundDate {
  readonly date: string
  readonly index: number
  readonly text: string
}

/** The first complete date (day, month and year) written in `text`, as YYYY-MM-DD, with where it was found. */
export const findDate = (text: string): FoundDate | null => {
  const candidates: FoundDate[] = []
  const push = (m: RegExpExecArray | null, y: number, mo: number, d: number) => {
    if (!m) return
    const date = iso(y, mo, d)
    if (date) candidates.push({ date, index: m.index, text: m[0] })
  }
  const a = ISO.exec(text)
  if (a) push(a, Number(a[1]), Number(a[2]), Number(a[3]))
  const b = MONTH_DAY_YEAR.exec(text)
  if (b) push(b, Number(b[3]), MONTHS[b[1]!.toLowerCase()] ?? 0, Number(b[2]))
  const c = DAY_MONTH_YEAR.exec(text)
  if (c) push(c, Number(c[3]), MONTHS[c[2]!.toLowerCase()] ?? 0, Number(c[1]))
  const s = SLASHED_YMD.exec(text)
  if (s) push(s, Number(s[1]), Number(s[2]), Number(s[3]))
  candidates.sort((x, y) => x.index - y.index)
  return candidates[0] ?? null
}

export const parseDate = (text: string | null | undefined): string | null => (text ? (findDate(text)?.date ?? null) : null)

/** A machine date such as `2021-03-19T00:47:00+05:30` keeps its calendar day as written. */
export const parseMachineDate = (text: string | null | undefined): string | null => {
  if (!text) return null
  const m = /^\s*((?:19|20)\d{2})-?(\d{2})-?(\d{2})(?:$|[T\s])/.exec(text) ?? /^\s*((?:19|20)\d{2})[/.](\d{1,2})[/.](\d{1,2})\b/.exec(text)
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]))
  return parseDate(text)
}

/** A line that is only a date and a time with a time zone, such as a page's clock. */
export const isClockLine = (line: string): boolean => {
  const found = findDate(line)
  if (!found) return false
  const rest = line.replace(found.text, " ").replace(/[,|·•]/g, " ").trim()
  return /^(\d{1,2}:\d{2}(:\d{2})?\s*(am|pm)?\s*)?(\(?[A-Z]{2,5}\)?)?$/i.test(rest) && /\d{1,2}:\d{2}/.test(line)
}

/** The date in an article's address, when it spells year, month and day ("/2019/11/19/"). */
export const dateInUrl = (url: string | null | undefined): string | null => {
  const m = url ? /\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:\/|-|$)/.exec(url) : null
  return m ? iso(Number(m[1]), Number(m[2]), Number(m[3])) : null
}
