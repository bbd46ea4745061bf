import type { Fact } from "./facts.js"
import { perArticle, type Source } from "./sources.js"
import { bodyWords, byString, contentTerms, termsOfWords } from "./text.js"

/** How many of the terms the set holds. */
const countIn = (set: ReadonlySet<string>, terms: readonly string[]): number => {
  let count = 0
  for (const t of terms) if (set.has(t)) count++
  return count
}

/** Words a site's section pages are named with ("World news", "Latest headlines", "Home"). */
const SECTION_WORDS = new Set(
  `news headlines headline stories home homepage latest breaking top updates live world national international local us uk
europe asia africa americas business politics sport sports opinion video videos science technology tech health
entertainment culture lifestyle blog blogs section`.split(/\s+/),
)

/** A web host's name without its subdomains and public suffix: "edition.cnn.com" is "cnn", "thesun.co.uk" "thesun". */
const siteLabel = (outlet: string | null): string | null => {
  if (outlet === null || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(outlet)) return null
  const labels = outlet.toLowerCase().split(".")
  const suffix = labels.length > 2 && /^(co|com|org|net|gov|ac|edu)$/.test(labels[labels.length - 2]!) ? 2 : 1
  return labels[labels.length - 1 - suffix] ?? null
}

const compact = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "")

/**
 * A page title as a headline: without the site's name after it ("... - Hawaii News Now - KGMB and KHNL" on
 * hawaiinewsnow.com, "... | Reuters" from Reuters), and none when what is left names a section of the site, not an
 * article ("World news - RT International" on rt.com, "Latest News").
 */
export const articleHeadline = (title: string, outlet: string | null): string | null => {
  const label = siteLabel(outlet)
  const named = outlet === null ? "" : compact(outlet)
  const namesSite = (part: string): boolean => {
    const c = compact(part)
    return c.length >= 2 && (c === named || (label !== null && label.length >= 2 && (c.startsWith(label) || (c.length >= 4 && label.startsWith(c)))))
  }
  let text = title
  for (const separator of title.matchAll(/\s+[-|–—]\s+/g)) {
    const after = title.slice(separator.index + separator[0].length).split(/\s+[-|–—]\s+/)[0]!
    if (separator.index > 0 && namesSite(after)) {
      text = title.slice(0, separator.index)
      break
    }
  }
  const words = text.toLowerCase().split(/\s+/).filter((w) => w.length > 0)
  return words.length <= 3 && words.every((w) => SECTION_WORDS.has(w.replace(/[^\p{L}]/gu, ""))) ? null : text
}

/** Whether an article has a title that can be a headline (`articleHeadline`). */
export const hasHeadline = (s: Source): boolean => usableTitle(s) !== null

const usableTitle = (s: Source): string | null => (s.title === null ? null : perArticle(s, "headline", () => articleHeadline(s.title!, s.outlet)))

/** The whole title that best covers what every source reports; a shortened lead sentence when no source has a title. */
export const storyHeadline = (sources: readonly Source[], lead: readonly Fact[]): { text: string; fromLead: boolean } | null => {
  // The terms of the title and the body: `contentTerms` of the two joined by a space (see `bodyWords`).
  const bodies = sources.map((s) => ({
    group: s.group,
    terms: perArticle(s, "headline terms", () => new Set([...contentTerms(s.title ?? ""), ...termsOfWords(bodyWords(s.body))])),
  }))
  const scored = sources
    .map((s) => ({ s, title: usableTitle(s) }))
    .filter((t): t is { s: Source; title: string } => t.title !== null)
    .map(({ s, title }, i) => {
      const terms = perArticle(s, "title terms", () => [...new Set(contentTerms(title))])
      const others = bodies.filter((b) => b.group !== s.group)
      const cover = terms.length === 0 || others.length === 0 ? 0 : others.reduce((sum, b) => sum + countIn(b.terms, terms) / terms.length, 0) / others.length
      return { title, cover, cut: /(\.\.\.|…)$/.test(title), i }
    })
    // A title cut short ("Israel indicts Palestinian teenage girl who punched...") covers the others well for having
    // fewer words: it heads the story only when no source has a whole one.
    .sort((a, b) => Number(a.cut) - Number(b.cut) || b.cover - a.cover || a.i - b.i || byString(a.title, b.title))
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
