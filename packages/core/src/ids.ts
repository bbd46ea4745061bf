import { createHash } from "node:crypto"

/** Hex sha256 of a string or bytes. */
export const sha256 = (input: string | Uint8Array): string => createHash("sha256").update(input).digest("hex")

/** Names a set of articles in constant space (ReportWritten.v2): the digest of their ids, sorted, one per line. */
export const membersDigest = (articleIds: readonly string[]): string => sha256([...articleIds].sort().join("\n"))

/** JSON with object keys sorted, so equal values always give equal strings. */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  )

/** Deterministic event id: the same stage version, input and output always give the same id. */
export const deriveEventId = (parts: {
  readonly type: string
  readonly causationId: string | null
  readonly stageVersion: string
  readonly data: unknown
}): string =>
  `ev-${sha256(`${parts.type}\n${parts.causationId ?? ""}\n${parts.stageVersion}\n${canonicalJson(parts.data)}`).slice(0, 32)}`

/** Turns any string into a safe id fragment (letters, digits, '.', '_', '-'). */
export const safeId = (raw: string, maxLength = 80): string => {
  const cleaned = raw
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[^A-Za-z0-9]+/, "")
    .replace(/-+$/, "")
    .slice(0, maxLength)
  return cleaned.length > 0 ? cleaned : "x"
}
