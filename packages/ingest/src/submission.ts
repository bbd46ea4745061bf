import { gunzipSync } from "node:zlib"
import { basename } from "node:path"
import { safeId, sha256 } from "@wiredesk/core"
import { z } from "zod"

const Hints = z.object({
  title: z.string().nullable(),
  publishedAt: z.string().nullable(),
  source: z.string().nullable(),
  url: z.string().nullable(),
})

/** What a client hands in before ingest has looked at it: kept in the inbox until ingest records it. */
export const Submission = z.object({
  input: z.string(),
  requestedId: z.string().nullable(),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  body: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("bytes"), base64: z.string(), contentType: z.string().nullable() }),
    z.object({ kind: z.literal("text"), format: z.enum(["text", "html"]), text: z.string() }),
    z.object({ kind: z.literal("too-large") }),
    z.object({ kind: z.literal("invalid"), reason: z.string() }),
  ]),
  hints: Hints,
})
export type Submission = z.infer<typeof Submission>

const noHints = { title: null, publishedAt: null, source: null, url: null }

/** A JSON or JSONL record as users send it; other fields are ignored. */
export const ArticleRecord = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  title: z.string().nullish(),
  text: z.string().optional(),
  html: z.string().optional(),
  date: z.string().nullish(),
  publishedAt: z.string().nullish(),
  source: z.string().nullish(),
  url: z.string().nullish(),
})

/** The inbox id of a submission: its content hash. */
export const submissionRef = (s: Pick<Submission, "contentHash">): string => `sub-${s.contentHash}`

const stripExtensions = (name: string): string => name.replace(/(\.gz)$/i, "").replace(/\.(txt|md|html?|jsonl?)$/i, "")

/** A submission from one JSON record (a parsed object); invalid records become submissions that ingest rejects. */
export const submissionFromRecord = (input: string, raw: unknown, fallbackId: string, maxBytes: number): Submission => {
  const parsed = ArticleRecord.safeParse(raw)
  const rawText = JSON.stringify(raw) ?? "null"
  if (!parsed.success || (parsed.data.text === undefined && parsed.data.html === undefined)) {
    const reason = parsed.success ? "a record needs `text` or `html`" : `invalid record: ${parsed.error.issues.map((i) => `${i.path.join(".") || "record"} ${i.message}`).join("; ")}`
    return { input, requestedId: fallbackId, contentHash: sha256(rawText), size: rawText.length, body: { kind: "invalid", reason }, hints: noHints }
  }
  const r = parsed.data
  const format = r.html !== undefined ? "html" : "text"
  const text = (r.html ?? r.text)!
  const size = Buffer.byteLength(text)
  return {
    input,
    requestedId: r.id !== undefined ? safeId(String(r.id)) : fallbackId,
    contentHash: sha256(`${format}\n${text}`),
    size,
    body: size > maxBytes ? { kind: "too-large" } : { kind: "text", format, text },
    hints: { title: r.title ?? null, publishedAt: r.publishedAt ?? r.date ?? null, source: r.source ?? null, url: r.url ?? null },
  }
}

/** A submission from a document's raw bytes (a .txt, .md or .html file, or an HTTP body). */
export const submissionFromBytes = (input: string, bytes: Uint8Array, requestedId: string | null, contentType: string | null, maxBytes: number): Submission => ({
  input,
  requestedId,
  contentHash: sha256(bytes),
  size: bytes.length,
  body: bytes.length > maxBytes ? { kind: "too-large" } : { kind: "bytes", base64: Buffer.from(bytes).toString("base64"), contentType },
  hints: noHints,
})

const invalidSubmission = (input: string, bytes: Uint8Array, reason: string, id: string | null = null): Submission => ({
  input,
  requestedId: id ?? safeId(stripExtensions(basename(input))),
  contentHash: sha256(bytes),
  size: bytes.length,
  body: { kind: "invalid", reason },
  hints: noHints,
})

/** File names `submissionsFromFile` reads: documents, JSON and JSONL records, each optionally gzipped. */
export const SUPPORTED_INPUT = /\.(txt|md|html?|jsonl?)(\.gz)?$/i

/** Pure: the submissions in one file's bytes, by its name (gzip, JSON, JSONL or a document). */
export const submissionsFromFile = (path: string, fileBytes: Uint8Array, maxBytes: number): Submission[] => {
  const name = basename(path)
  let bytes = fileBytes
  if (/\.gz$/i.test(name)) {
    try {
      bytes = gunzipSync(fileBytes, { maxOutputLength: Math.max(maxBytes * 4, 64 * 1024 * 1024) })
    } catch (e) {
      return [invalidSubmission(path, fileBytes, `cannot gunzip: ${(e as Error).message}`)]
    }
  }
  const stem = safeId(stripExtensions(name))
  if (/\.jsonl(\.gz)?$/i.test(name)) {
    const text = Buffer.from(bytes).toString("utf8")
    return text.split("\n").flatMap((line, i) => {
      if (line.trim() === "") return []
      try {
        return [submissionFromRecord(`${path}:${i + 1}`, JSON.parse(line), `${stem}-${i + 1}`, maxBytes)]
      } catch {
        return [invalidSubmission(`${path}:${i + 1}`, Buffer.from(line), "invalid JSON", `${stem}-${i + 1}`)]
      }
    })
  }
  if (/\.json(\.gz)?$/i.test(name)) {
    let parsed: unknown
    try {
      parsed = JSON.parse(Buffer.from(bytes).toString("utf8"))
    } catch {
      return [invalidSubmission(path, bytes, "invalid JSON", stem)]
    }
    const records = Array.isArray(parsed) ? parsed : [parsed]
    return records.map((r, i) => submissionFromRecord(records.length > 1 ? `${path}[${i}]` : path, r, records.length > 1 ? `${stem}-${i + 1}` : stem, maxBytes))
  }
  const contentType = /\.html?(\.gz)?$/i.test(name) ? "text/html" : "text/plain"
  return [submissionFromBytes(path, bytes, stem, contentType, maxBytes)]
}
