import type { ArticleExtractedData, ArticleReceived, ArticleRejected } from "@wiredesk/core"
import { wordCount } from "./boilerplate.js"
import { agencyInByline } from "./dateline.js"
import type { Draft } from "./draft.js"
import { findEntities } from "./entities.js"
import { readHtml } from "./html.js"
import { foldTitle, isRepeatedName } from "./htmlMetadata.js"
import { detectLanguage } from "./language.js"
import { readPlainText } from "./plainText.js"
import { interstitialOf } from "./interstitial.js"
import { navigationOf } from "./navigation.js"
import { noticeOf } from "./notices.js"
import { findQuotes } from "./quotes.js"

/** Bumped whenever extraction output changes; recorded as the stage version of every ArticleExtracted. */
export const EXTRACTOR_VERSION = "extract@1.7.0"

export type ExtractOutcome =
  | { readonly kind: "extracted"; readonly data: ArticleExtractedData }
  | { readonly kind: "rejected"; readonly code: ArticleRejected["data"]["code"]; readonly reason: string }

const MIN_WORDS = 15

/** HTML cut off mid-document: it opens a page but never closes its body or the page. */
const looksTruncated = (html: string): boolean => /<(?:!doctype|html|body)\b/i.test(html) && !/<\/(?:html|body)\s*>/i.test(html)

/** The names a host goes by: its labels but the top-level domain and "www" ("abcnews.go.com" -> abcnews, go). */
const hostNames = (address: string | null): string[] => {
  if (address === null) return []
  const host = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/?#:\s]+)/i.exec(address.trim())?.[1]?.toLowerCase() ?? ""
  const labels = host.split(".").filter((l) => l.length > 0 && l !== "www")
  return labels.length < 2 ? [] : labels.slice(0, -1)
}

/** Letters and digits only: "ABC News" and the host label "abcnews" meet. */
const squeezed = (text: string): string => foldTitle(text).replace(/[^\p{L}\p{N}]+/gu, "")

/**
 * A title that is only the outlet's name ("Metro Wire", "Metro Wire | Metro Wire", "ABC News" on abcnews.go.com)
 * names no story: every article of that outlet would share it. Such an article has no title (reports then take the
 * headline from the lead).
 */
export const headlineOf = (title: string | null, hints: { readonly source: string | null; readonly url: string | null }): string | null => {
  if (title === null || isRepeatedName(title)) return null
  if (hints.source !== null && foldTitle(title) === foldTitle(hints.source)) return null
  const name = squeezed(title)
  return [...hostNames(hints.source), ...hostNames(hints.url)].some((label) => label.length >= 2 && label === name) ? null : title
}

/** Pure: the same received article always gives the same outcome. */
export const extractArticle = (received: ArticleReceived["data"]): ExtractOutcome => {
  const hints = { title: received.hints.title, publishedAt: received.hints.publishedAt, url: received.hints.url }
  const draft: Draft | null = received.format === "html" ? readHtml(received.content, hints) : readPlainText(received.content, hints)
  const body = draft ? draft.paragraphs.join("\n\n") : ""
  const words = wordCount(body)
  if (!draft || words < MIN_WORDS) {
    if (received.format === "html" && looksTruncated(received.content))
      return { kind: "rejected", code: "truncated", reason: "the HTML is cut off and no article text remains" }
    return { kind: "rejected", code: "no-text", reason: words === 0 ? "no article text found" : `only ${words} words of article text found` }
  }
  const interstitial = interstitialOf(body, words)
  if (interstitial !== null) return { kind: "rejected", code: "no-text", reason: interstitial }
  const title = headlineOf(draft.title, received.hints)
  // A page whose text is only the site's notices or menus: the article is its headline and address alone (the outlet
  // ran the story, and dedupe links it by them), never the notices' text, which would read as news in the report.
  const furniture = noticeOf(draft.paragraphs, words) ?? navigationOf(draft.paragraphs)
  const text =
    furniture === null
      ? { paragraphs: draft.paragraphs, body, subheadings: [...draft.subheadings], words, languageText: body }
      : { paragraphs: [], body: "", subheadings: [], words: 0, languageText: title ?? "" }
  const entities = findEntities(text.paragraphs)
  return {
    kind: "extracted",
    data: {
      articleId: received.articleId,
      title,
      publishedAt: draft.publishedAt,
      dateline: draft.dateline,
      credit: draft.credit ?? agencyInByline(draft.byline),
      byline: draft.byline,
      language: detectLanguage(text.languageText, draft.language),
      source: received.hints.source,
      url: received.hints.url,
      body: text.body,
      subheadings: text.subheadings,
      wordCount: text.words,
      entities,
      quotes: findQuotes(text.paragraphs, entities.people),
    },
  }
}
