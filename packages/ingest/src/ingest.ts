import type { ArticleReceived, ArticleRejected } from "@wiredesk/core"
import { decodeDocument } from "@wiredesk/extract"
import type { Submission } from "./submission.js"

/** Bumped whenever ingest output changes. */
export const INGEST_VERSION = "ingest@1.0.0"

/** Event id of a submission's outcome: derived from its content, so a resubmission finds the first. */
export const receivedEventId = (contentHash: string): string => `recv-${contentHash.slice(0, 40)}`

/** Pure: a submission to ArticleReceived, or ArticleRejected with a clear reason. */
export const receive = (submission: Submission, articleId: string, maxBytes: number): ArticleReceived | ArticleRejected => {
  const reject = (code: ArticleRejected["data"]["code"], reason: string): ArticleRejected => ({
    type: "ArticleRejected.v1",
    data: { articleId, stage: "ingest", code, reason },
  })
  const { body } = submission
  if (body.kind === "invalid") return reject("invalid", body.reason)
  if (body.kind === "too-large" || submission.size > maxBytes)
    return reject("too-large", `the document is ${submission.size} bytes, over the ${maxBytes}-byte limit`)
  let text: string
  let format: "text" | "html"
  if (body.kind === "text") {
    text = body.text
    format = body.format
  } else {
    const decoded = decodeDocument(Buffer.from(body.base64, "base64"), { filename: submission.input, contentType: body.contentType ?? undefined })
    if (!decoded.ok) return reject(decoded.code, decoded.reason)
    text = decoded.text
    format = decoded.format
  }
  if (text.trim().length === 0) return reject("empty", "the document has no text")
  return {
    type: "ArticleReceived.v1",
    data: { articleId, contentHash: submission.contentHash, input: submission.input, format, content: text, hints: submission.hints },
  }
}
