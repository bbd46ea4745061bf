/** Minimal DOM shapes used here: linkedom's nodes satisfy them, and the package needs no DOM lib types. */
export interface DomNode {
  readonly nodeType: number
  readonly nodeName: string
  readonly textContent: string | null
  readonly childNodes: ArrayLike<DomNode>
  readonly parentNode: DomNode | null
}
export interface DomElement extends DomNode {
  readonly tagName: string
  readonly localName: string
  getAttribute(name: string): string | null
  querySelectorAll(selector: string): ArrayLike<DomElement>
  querySelector(selector: string): DomElement | null
  remove(): void
  setAttribute(name: string, value: string): void
  removeAttribute?(name: string): void
  readonly parentElement: DomElement | null
  readonly innerHTML: string
}

const BLOCKS = new Set([
  "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "h1", "h2", "h3", "h4", "h5", "h6",
  "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr", "caption",
  "figure", "figcaption", "form", "fieldset", "address", "hr", "details", "summary", "center",
])
const SKIPPED = new Set(["script", "style", "noscript", "template", "svg", "button", "select", "option", "textarea", "iframe", "object", "canvas", "math"])
// Comments and lists of other stories are long by nature; a long "social" or "share" element is not.
const LONG_FURNITURE = /(?:^|[\s_-])(?:comments?|related|recirc|more-?stories|newsletter)(?:$|[\s_-])/i
/** An element named like furniture that still holds paragraphs of prose ("content-with-social") is the article, not a widget. */
const holdsProse = (el: DomElement): boolean => (el.textContent ?? "").length > 1500 && el.querySelectorAll("p").length >= 4

export const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"])

export interface Block {
  readonly text: string
  /** The innermost block element that produced the text ("p", "h2", "li", ...). */
  readonly tag: string
  readonly inFigure: boolean
  /** Share of the text inside links: a paragraph that is one link is a promo for another page. */
  readonly linkDensity: number
}

// Class or id names that mark page furniture inside an article container (Readability keeps some of it).
// Each name is one class token; "has-caption", "tag-news" or "field-label-hidden" describe their element, they are not furniture.
const FURNITURE_TOKEN =
  /^(?:[a-z0-9]+[-_]){0,2}(?:caption|credits?|share|sharing|social|related|newsletter|promo|advert|advertisement|ad-?slot|ads|sponsor(?:ed)?|breadcrumbs?|author-?bio|byline|subscribe|signup|sign-up|paywall|cookie|comments?|recirc|more-?stories|tooltip|popup|hovercard)(?:[-_](?:box|wrapper|container|list|links?|bar|block|module|widget|section|area|text|items?|inner|outer|content|tools|buttons?))?$/i
const DESCRIPTIVE_PREFIX = /^(?:has|no|with|without|tag|category|post|is|show|hide)[-_]/i
// The card that pops up over a linked name ("rollover-people-block"): its text is not in the sentence around it.
const POPUP_TOKEN = /(?:rollover|hovercard|hover-card|popover|tooltip).*(?:block|card|content|box|body|popup|panel)$/i
const isFurniture = (marker: string): boolean =>
  marker
    .split(/\s+/)
    .some((token) => token.length > 0 && !DESCRIPTIVE_PREFIX.test(token) && (FURNITURE_TOKEN.test(token) || POPUP_TOKEN.test(token)))


/** The text of an element as paragraphs: every block element starts a new one, `<br><br>` too. */
export const blocksOf = (root: DomNode): Block[] => {
  const blocks: Block[] = []
  let buffer = ""
  let tag = "div"
  let figureDepth = 0
  let linkDepth = 0
  let linkChars = 0
  const flush = () => {
    const text = buffer.replace(/[\s\u00a0\u200b]+/g, " ").trim()
    const chars = buffer.replace(/\s+/g, "").length
    if (text.length > 0) blocks.push({ text, tag, inFigure: figureDepth > 0, linkDensity: chars === 0 ? 0 : Math.min(1, linkChars / chars) })
    buffer = ""
    linkChars = 0
  }
  const walk = (node: DomNode) => {
    if (node.nodeType === 3) {
      const text = node.textContent ?? ""
      buffer += text
      if (linkDepth > 0) linkChars += text.replace(/\s+/g, "").length
      return
    }
    if (node.nodeType !== 1) return
    const name = node.nodeName.toLowerCase()
    if (SKIPPED.has(name)) return
    const el = node as DomElement
    const marker = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`
    if (marker.length > 1 && isFurniture(marker) && (LONG_FURNITURE.test(marker) || !holdsProse(el))) return
    if (el.getAttribute("hidden") !== null || el.getAttribute("aria-hidden") === "true") return
    if (name === "br") {
      // One <br> is a line break inside a paragraph; two in a row end it.
      if (/\n\s*$/.test(buffer)) flush()
      else buffer += "\n"
      return
    }
    // A table row reads as one line, its cells separated by spaces.
    if (name === "td" || name === "th") buffer += " "
    const isBlock = BLOCKS.has(name)
    const isFigure = name === "figure" || name === "figcaption"
    const outerTag = tag
    if (isBlock) {
      flush()
      tag = name
    }
    if (isFigure) figureDepth++
    if (name === "a") linkDepth++
    const children = node.childNodes
    for (let i = 0; i < children.length; i++) walk(children[i]!)
    if (name === "a") linkDepth--
    if (isFigure) figureDepth--
    if (isBlock) {
      flush()
      tag = outerTag
    }
  }
  walk(root)
  flush()
  return blocks
}
