import type { ArticleRejected } from "@wiredesk/core"

export type DecodeOutcome =
  | { readonly ok: true; readonly text: string; readonly format: "text" | "html" }
  | { readonly ok: false; readonly code: ArticleRejected["data"]["code"]; readonly reason: string }

/** Pure: bytes of a document (already gunzipped) to text, with its format. (Stub: replaced by the extraction work.) */
export const decodeDocument = (
  bytes: Uint8Array,
  hint: { readonly filename?: string | undefined; readonly contentType?: string | undefined },
): DecodeOutcome => {
  if (bytes.length === 0) return { ok: false, code: "empty", reason: "the document is empty" }
  if (bytes.includes(0)) return { ok: false, code: "binary", reason: "the document is binary (it holds NUL bytes)" }
  const text = new TextDecoder("utf-8").decode(bytes)
  const isHtml = /\.html?$/i.test(hint.filename ?? "") || /html/i.test(hint.contentType ?? "") || /^\s*<(!doctype|html)/i.test(text)
  return { ok: true, text, format: isHtml ? "html" : "text" }
}
