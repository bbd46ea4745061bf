import type { Fact } from "./facts.js"
import { perArticle, type Source } from "./sources.js"
import { byString, contentTerms } from "./text.js"

/** How many of the terms the set holds. */
const countIn = (set: ReadonlySet<string>, terms: readonly string[]): number => {
  let count = 0
  for (const t of terms) if (set.has(t)) count++
  return count
}

/** The title that best covers what every source reports; a shortened lead sentence when no source has a title. */
export const storyHeadline = (sources: readonly Source[], lead: readonly Fact[]): { text: string; fromLead: boolean } | null => {
  const bodies = sources.map((s) => ({ group: s.group, terms: perArticle(s, "headline terms", () => new Set(contentTerms(`${s.title ?? ""} ${s.body}`))) }))
  const scored = sources
    .filter((s) => s.title !== null)
    .map((s, i) => {
      const terms = perArticle(s, "title terms", () => [...new Set(contentTerms(s.title!))])
      const others = bodies.filter((b) => b.group !== s.group)
      const cover = terms.length === 0 || others.length === 0 ? 0 : others.reduce((sum, b) => sum + countIn(b.terms, terms) / terms.length, 0) / others.length
      return { title: s.title!, cover, i }
    })
    .sort((a, b) => b.cover - a.cover || a.i - b.i || byString(a.title, b.title))
  if (scored[0] !== undefined) return { text: scored[0].title, fromLead: false }
  const first = lead[0]?.sentence.text ?? sources[0]?.sentences[0]?.text
  if (first === undefined) return null
  return { text: shorten(first), fromLead: true }
}

/** Each opening quote mark and the closing mark that ends its quotation. */
const QUOTE_PAIRS: Readonly<Record<string, string>> = { '"': '"', "“": "”", "'": "'", "‘": "’" }

/**
 * A sentence as a headline: its final full stop gone (also inside a closing quote, not an initial's: "U.S."), and the
 * quote marks around it when they wrap the whole of it. Quote marks that open or close a quotation within it stay, so
 * a title ending in a quotation keeps its closing mark ("... Academy 'Woefully Out of Touch'").
 */
export const headlineText = (sentence: string): string => {
  const text = sentence.trim().replace(/(?<!(?:^|[\s.])\p{Lu})\.+(["”'’]?)$/u, "$1")
  const close = QUOTE_PAIRS[text[0] ?? ""]
  if (close === undefined || text.length < 2 || !text.endsWith(close)) return text
  const inner = text.slice(1, -1)
  return inner.includes(text[0]!) || inner.includes(close) ? text : inner.trim()
}

/** A lead sentence cut to headline length at a clause or word boundary. */
export const shorten = (sentence: string, max = 90): string => {
  const clean = headlineText(sentence)
  if (clean.length <= max) return clean
  const clause = clean.slice(0, max).search(/[,;:]\s[^,;:]*$/)
  if (clause > 40) return clean.slice(0, clause)
  const space = clean.slice(0, max).lastIndexOf(" ")
  return `${clean.slice(0, space > 40 ? space : max)}…`
}
