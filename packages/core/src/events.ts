import { z } from "zod"

/** Safe identifier: usable in Redis keys, BullMQ job ids (no `:`) and file names. */
export const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, "ids are letters, digits, '.', '_' or '-'")
export type Id = z.infer<typeof Id>

export const Stage = z.enum(["ingest", "extract", "dedupe", "report"])
export type Stage = z.infer<typeof Stage>

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/)

export const ArticleReceivedV1 = z.object({
  type: z.literal("ArticleReceived.v1"),
  data: z.object({
    articleId: Id,
    contentHash: z.string(),
    input: z.string(),
    format: z.enum(["text", "html"]),
    content: z.string(),
    hints: z.object({
      title: z.string().nullable(),
      publishedAt: z.string().nullable(),
      source: z.string().nullable(),
      url: z.string().nullable(),
    }),
  }),
})

export const ArticleRejectedV1 = z.object({
  type: z.literal("ArticleRejected.v1"),
  data: z.object({
    articleId: Id,
    stage: Stage,
    code: z.enum(["empty", "binary", "too-large", "truncated", "invalid", "no-text"]),
    reason: z.string(),
  }),
})

export const Entity = z.object({
  name: z.string(),
  forms: z.array(z.string()),
  count: z.number().int(),
})
export type Entity = z.infer<typeof Entity>

export const Quote = z.object({
  text: z.string(),
  speaker: z.string().nullable(),
  sentence: z.string(),
})
export type Quote = z.infer<typeof Quote>

export const ArticleExtractedData = z.object({
  articleId: Id,
  title: z.string().nullable(),
  publishedAt: IsoDate.nullable(),
  dateline: z.string().nullable(),
  credit: z.string().nullable(),
  byline: z.string().nullable(),
  language: z.string().nullable(),
  source: z.string().nullable(),
  url: z.string().nullable(),
  body: z.string(),
  subheadings: z.array(z.string()),
  wordCount: z.number().int(),
  entities: z.object({
    people: z.array(Entity),
    organisations: z.array(Entity),
    places: z.array(Entity),
  }),
  quotes: z.array(Quote),
})
export type ArticleExtractedData = z.infer<typeof ArticleExtractedData>

export const ArticleExtractedV1 = z.object({
  type: z.literal("ArticleExtracted.v1"),
  data: ArticleExtractedData,
})

/** What the dedupe stage kept of an article in `StoryAssigned.v1`: readable, but 4 KB per article. */
export const DedupeFeaturesV1 = z.object({
  minhash: z.array(z.number().int()),
  terms: z.array(z.tuple([z.string(), z.number()])),
  names: z.array(z.string()),
  titleTerms: z.array(z.string()),
  /** Headline and body sentences, so a later copy can say which sentences it added or removed. */
  sentences: z.array(z.string()),
  publishedAt: z.string().nullable(),
  language: z.string().nullable(),
  wordCount: z.number().int(),
})
export type DedupeFeaturesV1 = z.infer<typeof DedupeFeaturesV1>

/**
 * What the dedupe stage kept of an article in `StoryAssigned.v2`: compact, but with its copy signature
 * (MinHash and sentence hashes), which StoryAssigned.v3 no longer records. Read through the upcaster.
 */
export const DedupeFeaturesV2 = z.object({
  /** b-bit MinHash: the low 8 bits of each of the 128 minima, base64 ("" for a text without words). */
  minhash: z.string(),
  /**
   * The strongest terms, strongest first, as `term:tf` joined by spaces (`term` alone when tf is 1);
   * a prefix `^` marks a headline term, `*` a name: `^*merkel:4 ^summit:3 tariff`.
   */
  terms: z.string(),
  /** Headline terms that are not among `terms`, joined by spaces. */
  titleTerms: z.string(),
  /** `sentenceHash` of the headline and body sentences, 16 bits each, little-endian, base64. */
  sentences: z.string(),
  /** The day of publication (YYYY-MM-DD): story time spans are counted in days. */
  publishedOn: z.string().nullable(),
  language: z.string().nullable(),
})
export type DedupeFeaturesV2 = z.infer<typeof DedupeFeaturesV2>

/**
 * What the dedupe stage keeps of an article, so its state is a fold over its own events; compact,
 * because the dedupe index is these features. The copy signature (MinHash of the body, hashes of the
 * sentences) is not kept: it is a pure function of the headline and body, so dedupe derives it from
 * the ArticleExtracted event the decision was caused by, as it folds the decision.
 */
export const DedupeFeatures = z.object({
  /**
   * The strongest terms, strongest first, as `term:tf` joined by spaces (`term` alone when tf is 1);
   * a prefix `^` marks a headline term, `*` a name: `^*merkel:4 ^summit:3 tariff`.
   */
  terms: z.string(),
  /** Headline terms that are not among `terms`, joined by spaces. */
  titleTerms: z.string(),
  /** The day of publication (YYYY-MM-DD): story time spans are counted in days. */
  publishedOn: z.string().nullable(),
  language: z.string().nullable(),
  /** Only in a StoryAssigned.v2 read as v3: the b-bit MinHash it recorded (as in DedupeFeaturesV2). Dedupe never writes it. */
  minhash: z.string().optional(),
  /** Only in a StoryAssigned.v2 read as v3: the sentence hashes it recorded (as in DedupeFeaturesV2). Dedupe never writes it. */
  sentences: z.string().optional(),
})
export type DedupeFeatures = z.infer<typeof DedupeFeatures>

/** Base64 of 8-bit values: the compact MinHash of DedupeFeaturesV2. */
export const packUint8 = (values: ArrayLike<number>): string => Buffer.from(Uint8Array.from(Array.from(values), (v) => v & 0xff)).toString("base64")

/** Inverse of `packUint8`. */
export const unpackUint8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "base64"))

/** Base64 of 16-bit values, little-endian: the sentence hashes of DedupeFeaturesV2. */
export const packUint16 = (values: ArrayLike<number>): string => {
  const bytes = Buffer.alloc(values.length * 2)
  for (let i = 0; i < values.length; i++) bytes.writeUInt16LE((values[i] ?? 0) & 0xffff, i * 2)
  return bytes.toString("base64")
}

/** Inverse of `packUint16`. */
export const unpackUint16 = (text: string): Uint16Array => {
  const bytes = Buffer.from(text, "base64")
  const values = new Uint16Array(bytes.length >> 1)
  for (let i = 0; i < values.length; i++) values[i] = bytes.readUInt16LE(i * 2)
  return values
}

/**
 * The identity of a sentence in a copy signature: 16 bits of a hash of its case- and accent-folded
 * words, so punctuation and spacing edits do not make a sentence new. Dedupe and the v1 upcaster
 * both use it, which is why it lives here.
 */
/** ASCII, and punctuation whose folded form (NFKC, NFD, marks stripped) holds no letter or digit: ‘ ’ “ ” – — … « » • and the no-break space. */
const ASCII_AND_PUNCTUATION = /^[\x00-\x7f\u00a0\u00ab\u00bb\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026]*$/

export const sentenceHash = (sentence: string): number => {
  let h = 0x811c9dc5
  if (ASCII_AND_PUNCTUATION.test(sentence)) {
    // ASCII is already in every normal form and has no marks to strip; its letters and digits are A-Z, a-z, 0-9: the
    // key below (lowercased words joined by one space) is hashed as it is read, without building it. The typographic
    // punctuation of news copy (curly quotes, dashes, an ellipsis, a no-break space, guillemets, a bullet) folds to no
    // letter or digit: it parts words as ASCII punctuation does.
    let inWord = false
    let words = 0
    for (let i = 0; i < sentence.length; i++) {
      let c = sentence.charCodeAt(i)
      if (c >= 65 && c <= 90) c += 32
      if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) {
        inWord = false
        continue
      }
      if (!inWord && words++ > 0) h = Math.imul(h ^ 0x20, 0x01000193)
      inWord = true
      h = Math.imul(h ^ c, 0x01000193)
    }
  } else {
    const folded = sentence.normalize("NFKC").normalize("NFD").replace(/\p{M}+/gu, "")
    const key = (folded.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(" ")
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  }
  // murmur3's finaliser, so the low bits kept depend on every character.
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h & 0xffff
}

export const CopyDetectedV1 = z.object({
  type: z.literal("CopyDetected.v1"),
  data: z.object({
    articleId: Id,
    originalId: Id,
    similarity: z.number(),
    added: z.array(z.string()),
    removed: z.array(z.string()),
  }),
})

/** Superseded by v2; read from old logs through the upcaster. */
export const StoryAssignedV1 = z.object({
  type: z.literal("StoryAssigned.v1"),
  data: z.object({
    articleId: Id,
    storyId: Id,
    opened: z.boolean(),
    score: z.number(),
    features: DedupeFeaturesV1,
  }),
})

/** Superseded by v3; read from old logs through the upcaster. */
export const StoryAssignedV2 = z.object({
  type: z.literal("StoryAssigned.v2"),
  data: z.object({
    articleId: Id,
    storyId: Id,
    opened: z.boolean(),
    score: z.number(),
    features: DedupeFeaturesV2,
  }),
})

export const StoryAssignedV3 = z.object({
  type: z.literal("StoryAssigned.v3"),
  data: z.object({
    articleId: Id,
    storyId: Id,
    opened: z.boolean(),
    score: z.number(),
    features: DedupeFeatures,
  }),
})

export const StoriesMergedV1 = z.object({
  type: z.literal("StoriesMerged.v1"),
  data: z.object({
    from: Id,
    into: Id,
    articleId: Id,
    score: z.number(),
  }),
})

export const ReportWrittenV1 = z.object({
  type: z.literal("ReportWritten.v1"),
  data: z.object({
    storyId: Id,
    path: z.string(),
    contentHash: z.string(),
    articleIds: z.array(Id),
  }),
})

/**
 * v2 names the articles a report covers by their number and a digest of their sorted ids instead of listing them: a
 * story's report is written again with each new member, so v1's lists grew with the square of the story (an
 * 800-article story about 320,000 ids in the log).
 */
export const ReportWrittenV2 = z.object({
  type: z.literal("ReportWritten.v2"),
  data: z.object({
    storyId: Id,
    path: z.string(),
    contentHash: z.string(),
    articleCount: z.number().int().nonnegative(),
    /** `membersDigest` of the covered article ids. */
    articlesDigest: z.string(),
  }),
})

export const StageFailedV1 = z.object({
  type: z.literal("StageFailed.v1"),
  data: z.object({
    articleId: Id,
    stage: Stage,
    reason: z.string(),
    attempts: z.number().int(),
  }),
})

/** Every event wiredesk records, discriminated by its versioned name. */
export const Event = z.discriminatedUnion("type", [
  ArticleReceivedV1,
  ArticleRejectedV1,
  ArticleExtractedV1,
  CopyDetectedV1,
  StoryAssignedV3,
  StoriesMergedV1,
  ReportWrittenV2,
  StageFailedV1,
])
export type Event = z.infer<typeof Event>
export type EventType = Event["type"]
export type EventOf<T extends EventType> = Extract<Event, { type: T }>

export type ArticleReceived = EventOf<"ArticleReceived.v1">
export type ArticleRejected = EventOf<"ArticleRejected.v1">
export type ArticleExtracted = EventOf<"ArticleExtracted.v1">
export type CopyDetected = EventOf<"CopyDetected.v1">
export type StoryAssigned = EventOf<"StoryAssigned.v3">
export type StoriesMerged = EventOf<"StoriesMerged.v1">
export type ReportWritten = EventOf<"ReportWritten.v2">
export type StageFailed = EventOf<"StageFailed.v1">

/** Metadata only the event log adds. */
export const EventMetadata = z.object({
  id: z.string(),
  position: z.number().int().positive(),
  recordedAt: z.string(),
  articleId: z.string().nullable(),
  causationId: z.string().nullable(),
  correlationId: z.string().nullable(),
  stage: z.string(),
  stageVersion: z.string(),
})
export type EventMetadata = z.infer<typeof EventMetadata>

export type RecordedEvent<E extends Event = Event> = E & { meta: EventMetadata }

/** An event a stage wants recorded, before the log gives it a position. */
export interface PendingEvent<E extends Event = Event> {
  readonly event: E
  readonly id: string
  readonly articleId: string | null
  readonly causationId: string | null
  readonly correlationId: string | null
  readonly stage: string
  readonly stageVersion: string
}

export const isType =
  <T extends EventType>(type: T) =>
  (e: RecordedEvent): e is RecordedEvent<EventOf<T>> =>
    e.type === type
