import type { ArticleReceived } from "@wiredesk/core"
import { decodeDocument } from "./decode.js"
import { extractArticle, type ExtractOutcome } from "./extract.js"

/** Pure: a file's bytes (already gunzipped) straight to an extraction or a rejection, for the CLI's `extract` command. */
export const extractDocument = (
  bytes: Uint8Array,
  options: {
    readonly articleId: string
    readonly input: string
    readonly contentType?: string | undefined
    readonly hints?: Partial<ArticleReceived["data"]["hints"]> | undefined
  },
): ExtractOutcome => {
  const decoded = decodeDocument(bytes, { filename: options.input, contentType: options.contentType })
  if (!decoded.ok) return { kind: "rejected", code: decoded.code, reason: decoded.reason }
  return extractArticle({
    articleId: options.articleId,
    contentHash: "",
    input: options.input,
    format: decoded.format,
    content: decoded.text,
    hints: { title: null, publishedAt: null, source: null, url: null, ...options.hints },
  })
}
