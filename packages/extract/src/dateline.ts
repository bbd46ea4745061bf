import { findDate } from "./dates.js"

export interface Dateline {
  /** The city as written ("WASHINGTON", "Moscow"). */
  readonly city: string
  readonly credit: string | null
  readonly publishedAt: string | null
  /** The paragraph with the dateline taken off its front. */
  readonly rest: string
}

const AGENCY_NAMES = String.raw`reuters|ap|afp|tass|itar-tass|sputnik|ria novosti|interfax|uni|ibns|pti|ani|ians|xinhua|dpa|efe|ansa|kyodo|yonhap|bloomberg|anadolu|aa|bernama|antara|irna|wam|spa|kuna|app|apa|prensa latina|urdupoint news|agencies|news desk|press trust of india|associated press|agence france-presse`
const AGENCIES = new RegExp(String.raw`\b(?:${AGENCY_NAMES})\b`, "i")
const CITY = String.raw`[A-Z][\p{L}.'’-]+(?:[ -][A-Z][\p{L}.'’-]+){0,3}`
const WITH_PARENTHESIS = new RegExp(String.raw`^(${CITY})(,\s*[^()\n]{1,40}?)?\s*\(([^()\n]{2,80})\)\s*[-–—:]*\s*`, "u")
const WITH_SLASHES = new RegExp(String.raw`^(${CITY})((?:\s*/\s*[A-Z][\p{L}-]*){1,3})\s*:\s+`, "u")
const CAPITALS = /^([A-Z][A-Z.'’-]{2,}(?:[ -][A-Z][A-Z.'’-]+){0,3})(?:,\s*([^:–—\n]{1,40}?))?\s*[:–—]\s+/u

const cleanCredit = (text: string): string | null => {
  const t = text.replace(/^[\s,:;/–—-]+|[\s,:;/–—-]+$/g, "").replace(/\s+/g, " ")
  return t.length > 0 ? t : null
}

/** A dateline such as "WASHINGTON (Reuters) -", "Moscow/UNI/IBNS:" or "NEW DELHI, March 20 (PTI):" at the start of the first paragraph. */
export const readDateline = (paragraph: string): Dateline | null => {
  const p = WITH_PARENTHESIS.exec(paragraph)
  if (p) {
    const [whole, city, between, inside] = p as unknown as [string, string, string | undefined, string]
    const date = findDate(inside) ?? (between ? findDate(between) : null)
    const capitalCity = city === city.toUpperCase()
    if (AGENCIES.test(inside) || (date && capitalCity) || (capitalCity && /[-–—:]\s*$/.test(whole))) {
      const credit = date && inside.includes(date.text) ? cleanCredit(inside.replace(date.text, "")) : cleanCredit(inside)
      return { city, credit, publishedAt: date?.date ?? null, rest: paragraph.slice(whole.length) }
    }
  }
  const s = WITH_SLASHES.exec(paragraph)
  if (s && AGENCIES.test(s[2]!)) {
    return { city: s[1]!, credit: cleanCredit(s[2]!), publishedAt: null, rest: paragraph.slice(s[0].length) }
  }
  const c = CAPITALS.exec(paragraph)
  if (c && c[1]!.replace(/[^A-Z]/g, "").length >= 3) {
    const date = c[2] ? findDate(c[2]) : null
    return { city: c[1]!, credit: null, publishedAt: date?.date ?? null, rest: paragraph.slice(c[0].length) }
  }
  return null
}

/** An agency the text cites as its source, as in "according to Russia's TASS news agency". */
export const citedAgency = (text: string): string | null => {
  const m =
    /\baccording to (?:the )?(?:[\p{Lu}][\p{L}]+['’]s )?([\p{Lu}][\p{L}-]+(?: [\p{Lu}][\p{L}-]+)?) news agency\b/u.exec(text) ??
    /\b(?:the )?([\p{Lu}][\p{L}-]+(?: [\p{Lu}][\p{L}-]+)?) news agency (?:reported|said|quoted)\b/u.exec(text)
  return m ? m[1]! : null
}

const AGENCY_IN_BYLINE = new RegExp(String.raw`(?<![\p{L}])(?:${AGENCY_NAMES})(?![\p{L}])`, "iu")

/** The news agency a byline names ("Associated Press", "TOM KRISHER, AP Auto Writer"), which then is the credit. */
export const agencyInByline = (byline: string | null): string | null => {
  const m = byline ? AGENCY_IN_BYLINE.exec(byline) : null
  // A short name counts in capitals only: "Ani Smith" is a reporter, "ANI" an agency.
  return m && (m[0].length > 4 ? m[0] !== m[0].toLowerCase() : m[0] === m[0].toUpperCase()) ? m[0] : null
}
