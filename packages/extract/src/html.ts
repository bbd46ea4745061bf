import { Readability } from "@mozilla/readability"
import { parseHTML } from "linkedom"
import {
  bylineOf,
  comparableText,
  hasEmailAddress,
  isCopyrightNotice,
  isBareDate,
  isEndMarker,
  isContactOrBio,
  isCreditedCaption,
  isDateStamp,
  isNewsletterPrompt,
  isNotProse,
  isReaderPrompt,
  agencyInputsCredit,
  endsLikeSentence,
  isCaptionBlock,
  isChromeLine,
  isCookieOrPaywall,
  isDonationAppeal,
  isPipeJoinedList,
  isUpdateStamp,
  sameText,
  stripTrailingPromo,
  wordCount,
} from "./boilerplate.js"
import { readDateline } from "./dateline.js"
import { dateInUrl, findDate, parseDate } from "./dates.js"
import { blocksOf, HEADINGS, type Block, type DomElement, type DomNode } from "./domText.js"
import type { Draft, Hints } from "./draft.js"
import { readHtmlMetadata, scanPage } from "./htmlMetadata.js"

const paragraphsOfText = (text: string): string[] =>
  text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n|\n(?=\S)/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter((p) => p.length > 0)

const JSON_LD = /<script\b[^>]*\btype\s*=\s*["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script\s*>/gi
const INERT = /<!--[\s\S]*?-->|<(script|style|svg|noscript|template|iframe|object|canvas|select|button|nav|aside|footer)\b[^>]*>[\s\S]*?<\/\1\s*>/gi

/** JSON-LD kept aside, then scripts, styles, SVG and comments cut out: they hold no article text, and parsing them is half the time. */
const withoutInertMarkup = (html: string): { html: string; jsonLd: string[] } => {
  const jsonLd: string[] = []
  for (const m of html.matchAll(JSON_LD)) jsonLd.push(m[1]!)
  return { html: html.replace(INERT, ""), jsonLd }
}

/** A post the article quotes is part of it: its wrapper's "social" class would otherwise get it dropped as a share widget. */
const keepEmbeddedPosts = (posts: readonly DomElement[]): void => {
  for (const post of posts) {
    let el: DomElement | null = post
    for (let depth = 0; el && depth < 3; depth++, el = el.parentElement) {
      if (el.localName === "article" || el.localName === "body") break
      el.setAttribute("class", "embedded-post")
      el.removeAttribute?.("id")
    }
  }
}

interface Cleaned {
  readonly paragraphs: string[]
  readonly subheadings: string[]
  readonly credit: string | null
  readonly byline: string | null
  /** The date of a "Published ..." stamp in the text. */
  readonly stampDate: string | null
}

/** Readability's blocks without the furniture it lets through: menus, stamps, promos, captions, prompts, bios, the title again. */
const cleanBlocks = (blocks: readonly Block[], title: string | null): Cleaned => {
  const paragraphs: string[] = []
  const subheadings: string[] = []
  let credit: string | null = null
  let byline: string | null = null
  let stampDate: string | null = null
  // The one-sentence summary above the byline or the date stamp is the page's standfirst, not the article's first paragraph.
  const dropStandfirst = () => {
    if (paragraphs.length === 1 && subheadings.length === 0 && wordCount(paragraphs[0]!, 45) <= 45) paragraphs.pop()
  }
  for (const [index, block] of blocks.entries()) {
    if (block.inFigure) continue
    const text = stripTrailingPromo(block.text)
    if (text.length === 0) continue
    if (isChromeLine(text) || isPipeJoinedList(text) || isNotProse(text) || isReaderPrompt(text)) continue
    if (isDateStamp(text) || isBareDate(text)) {
      // The page's own stamp dates the article when its metadata does not; an "Updated" stamp does not.
      if (!isUpdateStamp(text)) stampDate ??= findDate(text)?.date ?? null
      dropStandfirst()
      continue
    }
    // After "Related stories" or a donation appeal in the second half of the page, nothing is article any more.
    if (paragraphs.length >= 3 && index >= blocks.length * 0.5 && isEndMarker(text)) break
    if (paragraphs.length >= 2 && index >= blocks.length * 0.5 && isDonationAppeal(text) && wordCount(text, 60) < 60) break
    if (isDonationAppeal(text) && wordCount(text, 40) < 40) continue
    const author = bylineOf(text)
    if (author) {
      byline ??= author
      dropStandfirst()
      continue
    }
    const inputs = agencyInputsCredit(text)
    if (inputs) {
      credit ??= inputs
      continue
    }
    // A paragraph that is all link is a promo for another story or a menu entry.
    if (block.linkDensity >= 0.8 && (wordCount(text, 25) <= 25 || !endsLikeSentence(text))) continue
    if (isCreditedCaption(text) || isNewsletterPrompt(text) || isCopyrightNotice(text)) continue
    if ((isCaptionBlock([text]) && wordCount(text, 12) <= 12) || (isCookieOrPaywall(text) && wordCount(text, 40) < 40)) continue
    if (isContactOrBio(text) && (index >= blocks.length - 4 || !endsLikeSentence(text) || hasEmailAddress(text))) continue
    if (title && paragraphs.length < 5 && (sameText(text, title) || (wordCount(text, 30) < 30 && comparableText(text).endsWith(comparableText(title))))) continue
    // Section labels and menu words before the article's first sentence.
    if (paragraphs.length === 0 && wordCount(text, 3) <= 3 && !endsLikeSentence(text)) continue
    if (HEADINGS.has(block.tag) && !endsLikeSentence(text)) subheadings.push(text)
    paragraphs.push(text)
  }
  return { paragraphs, subheadings, credit, byline, stampDate }
}

interface Readable {
  readonly content: DomNode | null
  readonly byline?: string | null
  readonly title?: string | null
}

/** Readability's pick of the page, or null: it throws on documents it cannot walk, and then the fallbacks take over. */
const readable = (document: DomElement): Readable | null => {
  try {
    return new Readability(document as never, { serializer: (node: unknown) => node, keepClasses: true } as never).parse() as Readable | null
  } catch {
    return null
  }
}

/** A fragment ("<p>text</p>", or nothing) gets the html and body it needs to parse as a document. */
const asDocument = (content: string): string =>
  /<html[\s>]/i.test(content) && /<body[\s>]/i.test(content) ? content : `<!doctype html><html><head></head><body>${content}</body></html>`

/** When Readability finds nothing: the element whose own paragraphs hold the most text. */
const densestParagraphs = (html: string): Block[] => {
  const { document } = parseHTML(html) as unknown as { document: DomElement }
  const textByParent = new Map<DomNode, number>()
  const ps = document.querySelectorAll("p")
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i]!
    if (!p.parentNode) continue
    textByParent.set(p.parentNode, (textByParent.get(p.parentNode) ?? 0) + (p.textContent ?? "").trim().length)
  }
  let best: DomNode | null = null
  let bestLength = 0
  for (const [parent, length] of textByParent) {
    if (length > bestLength) {
      best = parent
      bestLength = length
    }
  }
  return best ? blocksOf(best) : []
}

/** An HTML page: Readability's main text, cleaned of the boilerplate it lets through, with the page's metadata. */
export const readHtml = (content: string, hints: Hints): Draft | null => {
  const { html, jsonLd } = withoutInertMarkup(asDocument(content))
  const { document } = parseHTML(html) as unknown as { document: DomElement }
  const page = scanPage(document)
  const metadata = readHtmlMetadata(page, jsonLd)
  keepEmbeddedPosts(page.embeddedPosts)
  const parsed = readable(document)
  const title = hints.title ?? metadata.title ?? parsed?.title ?? null

  let cleaned = cleanBlocks(parsed?.content ? blocksOf(parsed.content) : [], title)
  if (cleaned.paragraphs.length === 0 && metadata.articleBody)
    cleaned = cleanBlocks(paragraphsOfText(metadata.articleBody).map((text) => ({ text, tag: "p", inFigure: false, linkDensity: 0 })), title)
  if (cleaned.paragraphs.length === 0) cleaned = cleanBlocks(densestParagraphs(html), title)
  if (cleaned.paragraphs.length === 0) {
    const body = document.querySelector("body")
    if (body) cleaned = cleanBlocks(blocksOf(body), title)
  }
  const { paragraphs, subheadings, byline, stampDate } = cleaned
  if (paragraphs.length === 0) return null

  let credit = cleaned.credit
  let dateline: string | null = null
  const found = readDateline(paragraphs[0]!)
  if (found && found.rest.length > 0) {
    dateline = found.city
    credit ??= found.credit
  }
  return {
    title,
    paragraphs,
    subheadings,
    publishedAt:
      hints.publishedAt ??
      metadata.publishedAt ??
      found?.publishedAt ??
      stampDate ??
      parseDate(parsed?.byline ?? null) ??
      dateInUrl(hints.url ?? metadata.url),
    dateline,
    credit,
    byline: usableByline(metadata.byline) ?? byline ?? usableByline(cleanByline(parsed?.byline ?? null)),
    language: metadata.language,
  }
}

/** A CMS account ("admin", "jdadmin") is not an author. */
const usableByline = (byline: string | null): string | null =>
  byline && !/^[\w.-]*(?:admin|administrator|webmaster|editor|staff|user\d*)$/i.test(byline.trim()) ? byline : null

const cleanByline = (byline: string | null): string | null => {
  if (!byline) return null
  const date = findDate(byline)
  const t = (date ? byline.slice(0, date.index) : byline).replace(/\s+/g, " ").replace(/^by\s+/i, "").replace(/[\s,|·–—-]+$/, "").trim()
  return t.length > 0 && t.length < 120 ? t : null
}
