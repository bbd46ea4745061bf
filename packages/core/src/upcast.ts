import { DedupeFeaturesV1, DedupeFeaturesV2, Event, packUint16, packUint8, ReportWrittenV1, sentenceHash, StoryAssignedV1, StoryAssignedV2 } from "./events.js"
import { membersDigest } from "./ids.js"

/** v1 features in the compact v2 shape: the same information, minus the sentence texts (dedupe folds those from ArticleExtracted). */
export const compactFeatures = (v1: DedupeFeaturesV1): DedupeFeaturesV2 => {
  const names = new Set(v1.names)
  const inTitle = new Set(v1.titleTerms)
  const stored = new Set(v1.terms.map(([term]) => term))
  return {
    // b-bit MinHash keeps the low bits of each minimum; a v1 signature of a text without words is all 0xffffffff.
    minhash: v1.minhash.length === 0 || v1.minhash[0] === 0xffffffff ? "" : packUint8(v1.minhash),
    terms: v1.terms.map(([term, tf]) => `${inTitle.has(term) ? "^" : ""}${names.has(term) ? "*" : ""}${term}${tf === 1 ? "" : `:${tf}`}`).join(" "),
    titleTerms: v1.titleTerms.filter((term) => !stored.has(term)).join(" "),
    sentences: packUint16(v1.sentences.map(sentenceHash)),
    publishedOn: v1.publishedAt?.slice(0, 10) ?? null,
    language: v1.language,
  }
}

/**
 * Raw events read from the log are upcast to the newest shape before parsing: each upcaster takes
 * one version to the next, so an old event climbs as many hops as it needs.
 */
const upcasters: Record<string, (data: unknown) => { type: string; data: unknown }> = {
  "StoryAssigned.v1": (data) => {
    const v1 = StoryAssignedV1.shape.data.parse(data)
    return { type: "StoryAssigned.v2", data: { ...v1, features: compactFeatures(v1.features) } }
  },
  // v3 derives the copy signature from the article's extraction; a v2 event keeps the one it recorded (v3's optional fields).
  "StoryAssigned.v2": (data) => ({ type: "StoryAssigned.v3", data: StoryAssignedV2.shape.data.parse(data) }),
  // v2 names the covered articles by number and digest: the same information, in constant space.
  "ReportWritten.v1": (data) => {
    const { articleIds, ...v1 } = ReportWrittenV1.shape.data.parse(data)
    return { type: "ReportWritten.v2", data: { ...v1, articleCount: articleIds.length, articlesDigest: membersDigest(articleIds) } }
  },
}

/** Parses a stored event, upcasting older versions; throws a zod error when it matches no schema. */
export const upcastAndParse = (raw: { type: string; data: unknown }): Event => {
  let current = raw
  for (let hop = 0; hop < 10; hop++) {
    const up = upcasters[current.type]
    if (up === undefined) break
    current = up(current.data)
  }
  return Event.parse(current)
}
