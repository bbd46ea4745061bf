import type { ArticleRejected } from "@wiredesk/core"
import iconv from "iconv-lite"

export type DecodeOutcome =
  | { readonly ok: true; readonly text: string; readonly format: "text" | "html"; readonly charset: string }
  | { readonly ok: false; readonly code: ArticleRejected["data"]["code"]; readonly reason: string }

const MAGIC: readonly [string, readonly number[]][] = [
  ["a PDF", [0x25, 0x50, 0x44, 0x46]],
  ["a PNG image", [0x89, 0x50, 0x4e, 0x47]],
  ["a JPEG image", [0xff, 0xd8, 0xff]],
  ["a GIF image", [0x47, 0x49, 0x46, 0x38]],
  ["a ZIP archive", [0x50, 0x4b, 0x03, 0x04]],
  ["gzip data", [0x1f, 0x8b]],
  ["a WebP or RIFF file", [0x52, 0x49, 0x46, 0x46]],
]

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b)

const latin1Head = (bytes: Uint8Array, n: number): string => {
  let s = ""
  const end = Math.min(bytes.length, n)
  for (let i = 0; i < end; i++) s += String.fromCharCode(bytes[i]!)
  return s
}

/** The charset a page declares: Content-Type header, then `<meta charset>`, `<meta http-equiv>` or an XML declaration. */
const declaredCharset = (bytes: Uint8Array, contentType: string | undefined): string | null => {
  const fromHeader = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? "")?.[1]
  if (fromHeader) return fromHeader.toLowerCase()
  const head = latin1Head(bytes, 4096)
  const fromMeta =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1] ?? /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1]
  return fromMeta ? fromMeta.toLowerCase() : null
}

/** Share of bytes that are control characters no text file holds (tab, newlines and form feed are fine). */
const controlShare = (bytes: Uint8Array): number => {
  const n = Math.min(bytes.length, 65536)
  let controls = 0
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) || b === 0x7f) controls++
  }
  return n === 0 ? 0 : controls / n
}

const isHtml = (text: string, hint: { filename?: string | undefined; contentType?: string | undefined }): boolean =>
  /\.x?html?$/i.test(hint.filename ?? "") ||
  /html/i.test(hint.contentType ?? "") ||
  /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b/i.test(text.slice(0, 2048))

const share = (text: string, re: RegExp): number => (text.length === 0 ? 0 : (text.match(re) ?? []).length / text.length)

/** Undeclared bytes that are not UTF-8: Western text (mostly ASCII) in windows-1252, Cyrillic in windows-1251, else not text. */
const readLegacy = (bytes: Uint8Array): { text: string; charset: string } | null => {
  const western = iconv.decode(Buffer.from(bytes), "windows-1252")
  if (share(western, /[\x20-\x7e\t\n\r]/g) >= 0.7) return { text: western, charset: "windows-1252" }
  const cyrillic = iconv.decode(Buffer.from(bytes), "windows-1251")
  if (share(cyrillic, /[\x20-\x7e\t\n\r\u0400-\u04ff«»–—№]/g) >= 0.95) return { text: cyrillic, charset: "windows-1251" }
  return null
}

// The web's labels for Latin-1 mean windows-1252 (the WHATWG encoding standard), which fills 0x80-0x9f with letters.
const ALIASES: Record<string, string> = { "iso-8859-1": "windows-1252", latin1: "windows-1252", "us-ascii": "windows-1252", ascii: "windows-1252", "x-sjis": "shift_jis" }

/** Pure: bytes of a document (already gunzipped) to text, with its format and the charset it was read in. */
export const decodeDocument = (
  bytes: Uint8Array,
  hint: { readonly filename?: string | undefined; readonly contentType?: string | undefined },
): DecodeOutcome => {
  if (bytes.length === 0 || bytes.every((b) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d))
    return { ok: false, code: "empty", reason: "the document is empty" }
  for (const [what, magic] of MAGIC)
    if (startsWith(bytes, magic)) return { ok: false, code: "binary", reason: `the document is ${what}, not text` }

  let text: string
  let charset: string
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    charset = bytes[0] === 0xff ? "utf-16le" : "utf-16be"
    text = iconv.decode(Buffer.from(bytes.subarray(2)), charset)
  } else {
    if (bytes.includes(0)) return { ok: false, code: "binary", reason: "the document is binary (it holds NUL bytes)" }
    if (controlShare(bytes) > 0.02) return { ok: false, code: "binary", reason: "the document is binary (it is full of control bytes)" }
    const hasBom = startsWith(bytes, [0xef, 0xbb, 0xbf])
    const body = hasBom ? bytes.subarray(3) : bytes
    const declared = hasBom ? "utf-8" : declaredCharset(bytes, hint.contentType)
    const label = declared ? (ALIASES[declared] ?? declared) : null
    if (label && label !== "utf-8" && label !== "utf8" && iconv.encodingExists(label)) {
      charset = label
      text = iconv.decode(Buffer.from(body), label)
    } else {
      try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(body)
        charset = "utf-8"
      } catch {
        // Undeclared bytes that are not UTF-8 are most often a legacy Western page; declared UTF-8 that is not is broken.
        if (label === "utf-8" || label === "utf8") {
          const lenient = new TextDecoder("utf-8").decode(body)
          const replaced = (lenient.match(/\uFFFD/g) ?? []).length
          if (replaced > Math.max(8, lenient.length * 0.01))
            return { ok: false, code: "invalid", reason: `the document says it is UTF-8 but ${replaced} byte sequences are not` }
          text = lenient
          charset = "utf-8"
        } else {
          const legacy = readLegacy(body)
          if (!legacy) return { ok: false, code: "invalid", reason: "the bytes are neither UTF-8 nor text in a legacy charset" }
          ;({ text, charset } = legacy)
        }
      }
    }
  }
  text = text.replace(/^\uFEFF/, "")
  if (text.trim().length === 0) return { ok: false, code: "empty", reason: "the document holds only white space" }
  return { ok: true, text, format: isHtml(text, hint) ? "html" : "text", charset }
}
