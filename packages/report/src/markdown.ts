// Everything that reaches a report from an article goes through this module: article text is untrusted.

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u2064\uFEFF]/g

/** Removes control and invisible formatting characters (bidi overrides, zero-width marks). */
export const stripControl = (text: string): string => text.replace(CONTROL, "")

/** Collapses all whitespace, line breaks included, to single spaces. */
export const oneLine = (text: string): string => stripControl(text).replace(/\s+/g, " ").trim()

/** Cuts text to at most `max` characters at a word boundary, marking the cut with an ellipsis. */
export const truncate = (text: string, max: number): string => {
  const chars = [...text]
  if (chars.length <= max) return text
  const cut = chars.slice(0, Math.max(1, max - 1)).join("")
  const space = cut.lastIndexOf(" ")
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`
}

// Characters with Markdown or HTML meaning anywhere in a line; the others only matter at a line start.
const SPECIAL = /[\\`*_[\]<>|!~&]/g

// GFM turns bare URLs and e-mail addresses into links: defang them the way security reports do.
const defang = (text: string): string =>
  text
    .replace(/\b(https?|ftp|mailto|javascript|vbscript|data|file|tel)\s*:/gi, "$1[:]")
    .replace(/\bwww\./gi, "www[.]")
    .replace(/@(?=[\w-]+\.\w)/g, "[at]")

// A story's report is rendered again with each new member, its sources' titles and sentences escaped again: the
// escaped texts are kept by their limit and text, up to a bound.
const INLINE_KEPT = 8_192
const inlineOf = new Map<number, Map<string, string>>()
let inlineCount = 0

/**
 * Inline text: one line, no Markdown or HTML meaning left, at most `max` characters.
 * Safe anywhere in a line, at its start, in table cells and in link texts.
 */
export const inline = (text: string, max = 600): string => {
  let byText = inlineOf.get(max)
  if (byText === undefined) inlineOf.set(max, (byText = new Map()))
  let escaped = byText.get(text)
  if (escaped === undefined) {
    escaped = defang(truncate(oneLine(text), max))
      .replace(SPECIAL, (c) => `\\${c}`)
      .replace(/^[#+\-=>]/, (c) => `\\${c}`)
      .replace(/^(\d+)([.)])/, "$1\\$2")
    if (++inlineCount > INLINE_KEPT) {
      inlineOf.clear()
      inlineCount = 1
      inlineOf.set(max, (byText = new Map()))
    }
    byText.set(text, escaped)
  }
  return escaped
}

/** A table cell: inline text that is never empty, so the row keeps its columns. */
export const cell = (text: string | null | undefined, max = 200): string => {
  const escaped = text === null || text === undefined ? "" : inline(text, max)
  return escaped.length === 0 ? "-" : escaped
}

/** A quoted excerpt shown in a report, wrapped in typographic quotes. */
export const quoted = (text: string, max = 400): string => `“${inline(text, max)}”`

/** A relative link to a stored article; ids are validated `Id`s, encoded again for safety. */
export const articleHref = (articleId: string): string => `articles/${encodeURIComponent(articleId)}`

/** A Markdown link with a trusted, already-escaped label and a trusted target. */
export const link = (label: string, href: string): string => `[${label}](<${href.replace(/[<>\s]/g, encodeURIComponent)}>)`

/** One row of a Markdown table from already-escaped cells. */
export const tableRow = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`

/** A Markdown table from already-escaped cells. */
export const table = (header: readonly string[], rows: readonly (readonly string[])[]): string[] => [
  tableRow(header),
  tableRow(header.map(() => "---")),
  ...rows.map(tableRow),
]
