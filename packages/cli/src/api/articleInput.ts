import { safeId } from "@wiredesk/core"
import { ArticleRecord, submissionFromBytes, submissionFromRecord, type Submission } from "@wiredesk/ingest"
import { z } from "zod"

/** At most this many articles in one request. */
export const MAX_BATCH = 1_000
/** A JSON batch may be this many times the size of one document. */
export const BATCH_FACTOR = 4

/** The body limit for a content type: one document for a text body, a batch of them for JSON. */
export const bodyLimitFor = (contentType: string, maxDocumentBytes: number): number =>
  isJson(contentType) ? maxDocumentBytes * BATCH_FACTOR : maxDocumentBytes

const isJson = (contentType: string) => /^application\/([a-z.+-]*\+)?json\b/i.test(contentType)

const DOCUMENT_TYPES: Record<string, string> = {
  "text/plain": "text/plain",
  "text/markdown": "text/plain",
  "text/html": "text/html",
  "application/xhtml+xml": "text/html",
  "application/octet-stream": "",
}

const ApiRecord = ArticleRecord.refine((r) => r.text !== undefined || r.html !== undefined, { message: "a record needs `text` or `html`" })
const Records = z.array(ApiRecord).min(1, "no articles").max(MAX_BATCH, `at most ${MAX_BATCH} articles per request`)
const RequestedId = z.string().min(1).max(128)

export type ArticleInput =
  | { readonly ok: true; readonly submissions: Submission[] }
  | { readonly ok: false; readonly status: 400 | 415; readonly error: string; readonly issues?: readonly string[] }

const bad = (error: string, issues?: readonly string[]): ArticleInput => ({ ok: false, status: 400, error, ...(issues ? { issues } : {}) })

/**
 * Pure: the submissions in one POST /articles body. JSON is `{...record}`, `[records]` or `{articles: [...]}`
 * and is validated whole (one bad record rejects the request, nothing is queued); a text or HTML body is one
 * document, decoded and judged by ingest like a file.
 */
export const articlesFromBody = (
  contentType: string,
  body: Uint8Array,
  query: { readonly id?: string | undefined },
  maxDocumentBytes: number,
  label = "http",
): ArticleInput => {
  if (body.length === 0) return bad("the body is empty")
  const mediaType = (contentType.split(";")[0] ?? "").trim().toLowerCase()
  if (isJson(mediaType)) {
    let text: string
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(body)
    } catch {
      return bad("the body is not valid UTF-8")
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (e) {
      return bad(`the body is not valid JSON: ${(e as Error).message}`)
    }
    const wrapped = parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) && "articles" in parsed
    const records = Array.isArray(parsed) ? parsed : wrapped ? (parsed as { articles: unknown }).articles : [parsed]
    const checked = Records.safeParse(records)
    if (!checked.success) {
      const prefix = wrapped ? ["articles"] : Array.isArray(parsed) ? [] : null
      const issues = checked.error.issues.map((i) => {
        const path = prefix === null ? i.path.slice(1) : [...prefix, ...i.path]
        return `${path.length > 0 ? path.join(".") : "body"}: ${i.message}`
      })
      return bad("invalid article record", issues)
    }
    return {
      ok: true,
      submissions: checked.data.map((r, i) => {
        const input = checked.data.length > 1 ? `${label}[${i}]` : label
        const s = submissionFromRecord(input, r, "x", maxDocumentBytes)
        return { ...s, requestedId: r.id !== undefined ? s.requestedId : null }
      }),
    }
  }
  if (!(mediaType in DOCUMENT_TYPES))
    return { ok: false, status: 415, error: `unsupported content type "${mediaType}": send application/json, text/plain or text/html` }
  let requestedId: string | null = null
  if (query.id !== undefined) {
    const id = RequestedId.safeParse(query.id)
    if (!id.success) return bad("invalid ?id=", id.error.issues.map((i) => `id: ${i.message}`))
    requestedId = safeId(id.data)
  }
  return { ok: true, submissions: [submissionFromBytes(label, body, requestedId, DOCUMENT_TYPES[mediaType] || null, maxDocumentBytes)] }
}
