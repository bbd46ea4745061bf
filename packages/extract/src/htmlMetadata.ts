import type { DomElement, DomNode } from "./domText.js"
import { parseDate, parseMachineDate } from "./dates.js"

export interface HtmlMetadata {
  readonly title: string | null
  readonly publishedAt: string | null
  readonly byline: string | null
  readonly language: string | null
  readonly siteName: string | null
  /** The page's own address (Open Graph or canonical link). */
  readonly url: string | null
  /** JSON-LD `articleBody`, when the page carries one: a fallback when the markup defeats extraction. */
  readonly articleBody: string | null
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

const ARTICLE_TYPES = /^(?:News)?Article$|BlogPosting|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|WebPage|LiveBlogPosting|Report/

const jsonLdObjects = (scripts: readonly string[]): { [key: string]: Json }[] => {
  const found: { [key: string]: Json }[] = []
  const visit = (value: Json) => {
    if (Array.isArray(value)) value.forEach(visit)
    else if (value && typeof value === "object") {
      found.push(value)
      if (value["@graph"]) visit(value["@graph"])
      if (value["mainEntity"]) visit(value["mainEntity"])
    }
  }
  for (const script of scripts) {
    const raw = script.trim().replace(/^<!--|-->$/g, "")
    try {
      visit(JSON.parse(raw) as Json)
    } catch {
      // A malformed JSON-LD block is common on real pages and says nothing about the article.
    }
  }
  return found
}

const typeOf = (o: { [key: string]: Json }): string => {
  const t = o["@type"]
  return Array.isArray(t) ? t.join(" ") : typeof t === "string" ? t : ""
}
const str = (v: Json | undefined): string | null => (typeof v === "string" && v.trim().length > 0 ? v.trim() : null)
const nameOf = (v: Json | undefined): string | null => {
  if (typeof v === "string") return str(v)
  if (Array.isArray(v)) {
    const names = v.map(nameOf).filter((n): n is string => n !== null)
    return names.length > 0 ? names.join(", ") : null
  }
  if (v && typeof v === "object") return str(v["name"])
  return null
}

type MetaTags = ReadonlyMap<string, string>

/** What the metadata needs from the page, gathered in one walk: CSS selectors would walk the whole page once each. */
interface PageScan {
  readonly tags: MetaTags
  readonly h1: string | null
  readonly titleTag: string | null
  readonly timeDatetime: string | null
  readonly timeText: string | null
  readonly itempropPublished: string | null
  readonly lang: string | null
  readonly canonical: string | null
  readonly embeddedPosts: DomElement[]
}

const EMBED_CLASS = /(?:^|\s)(?:twitter-tweet|instagram-media|tiktok-embed|reddit-card|bluesky-embed)(?:\s|$)/

export const scanPage = (doc: DomElement): PageScan => {
  const tags = new Map<string, string>()
  let h1: string | null = null
  let titleTag: string | null = null
  let timeDatetime: string | null = null
  let articleTimeDatetime: string | null = null
  let timeText: string | null = null
  let itempropPublished: string | null = null
  let lang: string | null = null
  let canonical: string | null = null
  const embeddedPosts: DomElement[] = []
  const visit = (node: DomNode, inArticle: boolean) => {
    if (node.nodeType !== 1) return
    const el = node as DomElement
    const name = el.localName
    switch (name) {
      case "meta": {
        const content = el.getAttribute("content")?.trim()
        if (content) {
          for (const attr of ["property", "name", "itemprop"]) {
            // itemprop may hold several names ("datePublished dateCreated").
            for (const key of (el.getAttribute(attr) ?? "").trim().toLowerCase().split(/\s+/)) if (key && !tags.has(key)) tags.set(key, content)
          }
        }
        break
      }
      case "h1":
        h1 ??= el.textContent?.replace(/\s+/g, " ").trim() || null
        break
      case "title":
        titleTag ??= el.textContent?.replace(/\s+/g, " ").trim() || null
        break
      case "time": {
        const dt = el.getAttribute("datetime")
        if (dt) {
          timeDatetime ??= dt
          if (inArticle) articleTimeDatetime ??= dt
        }
        timeText ??= el.textContent?.trim() || null
        break
      }
      case "html":
        lang ??= el.getAttribute("lang")
        break
      case "link":
        if ((el.getAttribute("rel") ?? "").toLowerCase() === "canonical") canonical ??= el.getAttribute("href")
        break
      case "blockquote":
        if (EMBED_CLASS.test(el.getAttribute("class") ?? "")) embeddedPosts.push(el)
        break
    }
    if (name !== "meta" && (el.getAttribute("itemprop") ?? "").split(/\s+/).includes("datePublished"))
      itempropPublished ??= el.getAttribute("content") ?? el.getAttribute("datetime") ?? el.textContent?.trim() ?? null
    const children = el.childNodes
    const nowInArticle = inArticle || name === "article"
    for (let i = 0; i < children.length; i++) visit(children[i]!, nowInArticle)
  }
  visit(doc.querySelector("html") ?? doc, false)
  return {
    tags,
    h1,
    titleTag,
    timeDatetime: articleTimeDatetime ?? timeDatetime,
    timeText,
    itempropPublished,
    lang,
    canonical,
    embeddedPosts,
  }
}

const meta = (tags: MetaTags, ...keys: string[]): string | null => {
  for (const key of keys) {
    const content = tags.get(key.toLowerCase())
    if (content) return content
  }
  return null
}

const decodeEntities = (s: string): string =>
  s.replace(/&(?:amp|#38);/g, "&").replace(/&(?:quot|#34);/g, '"').replace(/&(?:#39|apos|#x27);/g, "'").replace(/&nbsp;/g, " ")

/** Title, date, author and language as the page's `<meta>` tags, Open Graph, JSON-LD and `<time>` elements state them. */
export const readHtmlMetadata = (page: PageScan, jsonLd: readonly string[]): HtmlMetadata => {
  const tags = page.tags
  const ld = jsonLdObjects(jsonLd)
  const article = ld.find((o) => /Article|BlogPosting|Report/.test(typeOf(o))) ?? ld.find((o) => ARTICLE_TYPES.test(typeOf(o)))
  const siteName = meta(tags, "og:site_name") ?? nameOf(article?.["publisher"])
  const { h1, titleTag } = page
  const titleRaw = meta(tags, "og:title", "twitter:title") ?? str(article?.["headline"]) ?? h1 ?? titleTag
  const title = titleRaw ? stripSiteName(decodeEntities(titleRaw), siteName) : null

  const publishedAt =
    parseMachineDate(
      meta(tags, "article:published_time", "og:published_time", "datePublished", "pubdate", "publishdate", "publish-date", "date", "dc.date.issued", "DC.date.issued", "sailthru.date", "parsely-pub-date", "cXenseParse:recs:publishtime", "article.published") ??
        str(article?.["datePublished"]) ??
        str(article?.["dateCreated"]) ??
        page.timeDatetime ??
        page.itempropPublished ??
        null,
    ) ??
    publishedFromAnyMeta(tags) ??
    parseDate(page.timeText)

  const byline = nameOf(article?.["author"]) ?? meta(tags, "author", "article:author", "parsely-author", "sailthru.author", "byl")
  const language = page.lang ?? meta(tags, "og:locale", "language", "content-language") ?? null
  const articleBody = str(article?.["articleBody"])
  const url = meta(tags, "og:url", "twitter:url") ?? page.canonical
  return {
    title,
    url,
    publishedAt,
    byline: byline && !/^https?:/.test(byline) ? decodeEntities(byline).replace(/^by\s+/i, "") : null,
    language,
    siteName,
    articleBody,
  }
}

/** A date in any `<meta>` whose name says publication ("sn-post-date", "pdate"), never one that says modification. */
const publishedFromAnyMeta = (tags: MetaTags): string | null => {
  for (const [key, value] of [...tags].sort(([a], [b]) => a.localeCompare(b))) {
    if (!/publish|pub_?date|^pdate$|post[-_.]?date|date[-_.]?posted|created|release[-_]?date/.test(key)) continue
    if (/modif|updat|expir|revis/.test(key)) continue
    const date = parseMachineDate(value)
    if (date) return date
  }
  return null
}

/** A page title's parts: "Story title | Site" -> ["Story title", "Site"]. */
const titleParts = (title: string): string[] => title.split(/\s+[|–—-]\s+/)

/** A title as names compare: case, width and spacing folded. */
export const foldTitle = (text: string): string => text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim()

/** "Site | Site", "Site - Site": a title made of one name repeated. */
export const isRepeatedName = (title: string): boolean => {
  const parts = titleParts(title).map(foldTitle)
  return parts.length > 1 && parts.every((p) => p === parts[0])
}

/** "Story title | Site" -> "Story title". */
const stripSiteName = (title: string, siteName: string | null): string => {
  const parts = titleParts(title)
  if (parts.length > 1) {
    const last = parts[parts.length - 1]!
    // "Site | Site" is no headline with a site name after it: left whole, so extraction can tell it is only a name.
    if (isRepeatedName(title)) return title.trim()
    if ((siteName && last.toLowerCase().includes(siteName.toLowerCase().slice(0, 6))) || last.split(/\s+/).length <= 3)
      return parts.slice(0, -1).join(" - ").trim()
  }
  return title.trim()
}
