import type { ArticleExtractedData, ArticleReceived, ArticleRejected } from "@wiredesk/core"

/** Bumped whenever extraction output changes; recorded as the stage version of every ArticleExtracted. */
export const EXTRACTOR_VERSION = "extract@0.1.0"

export type ExtractOutcome =
  | { readonly kind: "extracted"; readonly data: ArticleExtractedData }
  | { readonly kind: "rejected"; readonly code: ArticleRejected["data"]["code"]; readonly reason: string }

/** Pure: the same received article always gives the same outcome. (Stub: replaced by the extraction work.) */
export const extractArticle = (received: ArticleReceived["data"]): ExtractOutcome => {
  const text = received.format === "html" ? received.content.replace(/<[^>]+>/g, " ") : received.content
  const body = text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter((p) => p.length > 0)
    .join("\n\n")
  if (body.length === 0) return { kind: "rejected", code: "no-text", reason: "no article text found" }
  return {
    kind: "extracted",
    data: {
      articleId: received.articleId,
      title: received.hints.title,
      publishedAt: received.hints.publishedAt,
      dateline: null,
      credit: null,
      byline: null,
      language: null,
      source: received.hints.source,
      url: received.hints.url,
      body,
      subheadings: [],
      wordCount: body.split(/\s+/).length,
      entities: { people: [], organisations: [], places: [] },
      quotes: [],
    },
  }
}
