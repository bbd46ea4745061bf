import type { ArticleExtractedData, CopyDetected } from "@wiredesk/core"
import type { ArticleView } from "./stories.js"

/** The extract stage's output for an article with nothing found in it but `over`. */
export const extractedData = (articleId: string, over: Partial<ArticleExtractedData> = {}): ArticleExtractedData => {
  const body = over.body ?? ""
  return {
    articleId,
    title: null,
    publishedAt: null,
    dateline: null,
    credit: null,
    byline: null,
    language: "en",
    source: null,
    url: null,
    body,
    subheadings: [],
    wordCount: body.split(/\s+/).filter((w) => w.length > 0).length,
    entities: { people: [], organisations: [], places: [] },
    quotes: [],
    ...over,
  }
}

/** An extracted article as the story projection holds it, for specs that need a handful of sentences. */
export const articleView = (
  articleId: string,
  over: Partial<ArticleExtractedData> = {},
  copyOf: CopyDetected["data"] | null = null,
): ArticleView => ({
  articleId,
  input: `${articleId}.txt`,
  receivedAt: 1,
  extracted: extractedData(articleId, over),
  extractedAt: null,
  copyOf,
  copyCause: null,
  storyId: "s",
})
