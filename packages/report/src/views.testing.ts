import type { ArticleExtractedData, CopyDetected } from "@wiredesk/core"
import type { ArticleView } from "./stories.js"

/** An extracted article as the story projection holds it, for specs that need a handful of sentences. */
export const articleView = (
  articleId: string,
  over: Partial<ArticleExtractedData> = {},
  copyOf: CopyDetected["data"] | null = null,
): ArticleView => {
  const body = over.body ?? ""
  return {
    articleId,
    input: `${articleId}.txt`,
    receivedAt: 1,
    extracted: {
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
    },
    copyOf,
    copyCause: null,
    storyId: "s",
  }
}
