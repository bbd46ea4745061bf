/**
 * Dedupe decision cost as the index grows. Runs in its own process (a large heap, and a crash at
 * scale must not take the bench down): prints one JSON object per measured size on stdout.
 * Usage: tsx bench/dedupeScaling.ts <sizes comma-separated> <sample>
 */
import { packUint16, packUint8, sentenceHash, type RecordedEvent } from "@wiredesk/core"
import { analyze, decideDedupe, encodeFeatures, evolveDedupe, initialDedupeState, lshSize } from "@wiredesk/dedupe"
import { generateCorpus, rng } from "./corpus.js"
import { receiveAndExtract } from "./realArticles.js"
import { median, quantile } from "./stats.js"

const sizes = (process.argv[2] ?? "10000,100000").split(",").map(Number)
const sampleSize = Number(process.argv[3] ?? 200)

// Real articles: the decision sample, and the vocabulary synthetic articles draw their terms from.
const real = receiveAndExtract(generateCorpus(sampleSize * 3, 11)).map((r) => r.extracted)
const sample = real.slice(0, sampleSize)
const vocab = [...new Set(real.flatMap((a) => [...analyze(a).tf.keys()]))]
const next = rng(99)
const zipf = () => vocab[Math.min(vocab.length - 1, Math.floor(vocab.length * next() ** 3))]!
const pick = (n: number) => {
  const s = new Set<string>()
  while (s.size < n) s.add(zipf())
  return [...s]
}

/** A synthetic indexed article: real vocabulary, 64 terms, a random MinHash, short sentences; four per story. */
const synthetic = (i: number): RecordedEvent => {
  const terms = pick(64)
  const minhash = Uint8Array.from({ length: 128 }, () => Math.floor(next() * 0x100))
  const sentences = Uint16Array.from({ length: 12 }, () => sentenceHash(pick(10).join(" ") + "."))
  // Synthetic articles have no extraction to derive a copy signature from: it rides in the fields a StoryAssigned.v2 read as v3 keeps.
  const features = {
    ...encodeFeatures({
      minhash,
      terms: terms.map((t) => [t, 1 + Math.floor(next() * 5)] as const),
      names: terms.slice(0, 6),
      titleTerms: terms.slice(0, 6),
      sentences,
      publishedOn: new Date(Date.UTC(2023, 0, 1) + Math.floor(i / 4) * 60_000).toISOString().slice(0, 10),
      language: "en",
    }),
    minhash: packUint8(minhash),
    sentences: packUint16(sentences),
  }
  const storyId = `syn-${Math.floor(i / 4)}`
  return {
    type: "StoryAssigned.v3",
    data: { articleId: `syn-${i}`, storyId, opened: i % 4 === 0, score: 0.5, features },
    meta: { id: `ev-syn-${i}`, position: i + 1, recordedAt: "", articleId: `syn-${i}`, causationId: `ev-x-${i}`, correlationId: null, stage: "dedupe", stageVersion: "bench" },
  } as RecordedEvent
}

// No window: the point is the cost with this many articles indexed.
const state = initialDedupeState(Number.POSITIVE_INFINITY)
let indexed = 0
for (const size of sizes) {
  const tBuild = performance.now()
  try {
    for (; indexed < size; indexed++) evolveDedupe(state, synthetic(indexed))
  } catch (e) {
    process.stdout.write(`${JSON.stringify({ size, failedAt: indexed, error: String(e).slice(0, 200) })}\n`)
    break
  }
  const buildSeconds = (performance.now() - tBuild) / 1000
  // decideDedupe is pure (state unchanged); evolve is timed on the following synthetic articles.
  const decide: number[] = []
  // First pass warms up; the median is over the next two.
  for (let round = 0; round < 3; round++)
    for (const [i, article] of sample.entries()) {
      const t = performance.now()
      decideDedupe(state, { causationId: `ev-sample-${size}-${i}`, article })
      if (round > 0) decide.push(performance.now() - t)
    }
  const evolve: number[] = []
  for (let k = 0; k < 500; k++, indexed++) {
    const e = synthetic(indexed)
    const t = performance.now()
    evolveDedupe(state, e)
    evolve.push(performance.now() - t)
  }
  global.gc?.()
  const mem = process.memoryUsage()
  process.stdout.write(
    `${JSON.stringify({
      size,
      decideMedianMs: median(decide),
      decideP99Ms: quantile(decide, 0.99),
      evolveMedianMs: median(evolve),
      evolveP99Ms: quantile(evolve, 0.99),
      buildSeconds,
      heapMb: Math.round(mem.heapUsed / 1048576),
      // Typed arrays' contents live outside the JS heap: the index's memory is both.
      arrayBuffersMb: Math.round(mem.arrayBuffers / 1048576),
      heapBytesPerArticle: Math.round((mem.heapUsed + mem.arrayBuffers) / indexed),
      bucketKeys: lshSize(state.buckets),
    })}\n`,
  )
}
