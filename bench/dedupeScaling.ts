/**
 * Dedupe decision cost as the index grows. Runs in its own process (a large heap, and a crash at
 * scale must not take the bench down): builds one index per size, then times the same decisions against each,
 * alternating rounds between them (until 2026-12-03 the sizes were measured one after the other as one index grew,
 * so the machine's load between the phases moved the ratio); prints one JSON object per measured size on stdout.
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

/**
 * The synthetic stream: indexed article i is the same in every state (each state draws from its own generator with
 * the same seed), so the smaller states hold the first articles of the larger ones.
 */
const syntheticStream = () => {
  const next = rng(99)
  const zipf = () => vocab[Math.min(vocab.length - 1, Math.floor(vocab.length * next() ** 3))]!
  const pick = (n: number) => {
    const s = new Set<string>()
    while (s.size < n) s.add(zipf())
    return [...s]
  }
  /** A synthetic indexed article: real vocabulary, 64 terms, a random MinHash, short sentences; four per story. */
  return (i: number): RecordedEvent => {
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
}

interface Indexed {
  readonly size: number
  readonly state: ReturnType<typeof initialDedupeState>
  readonly synthetic: (i: number) => RecordedEvent
  indexed: number
  readonly buildSeconds: number
  readonly decide: number[]
  readonly evolve: number[]
}

// One state per size, built first (no window: the point is the cost with this many articles indexed), then measured
// side by side: rounds of decisions alternate between the states, so a change in the machine's load moves every size alike.
const built: Indexed[] = []
for (const size of sizes) {
  const tBuild = performance.now()
  const state = initialDedupeState(Number.POSITIVE_INFINITY)
  const synthetic = syntheticStream()
  let indexed = 0
  try {
    for (; indexed < size; indexed++) evolveDedupe(state, synthetic(indexed))
  } catch (e) {
    process.stdout.write(`${JSON.stringify({ size, failedAt: indexed, error: String(e).slice(0, 200) })}\n`)
    break
  }
  built.push({ size, state, synthetic, indexed, buildSeconds: (performance.now() - tBuild) / 1000, decide: [], evolve: [] })
}

// decideDedupe is pure (the state is unchanged): the first round warms up, the median is over the next ones.
const ROUNDS = 5
for (let round = 0; round < ROUNDS; round++)
  for (const point of round % 2 === 0 ? built : [...built].reverse())
    for (const [i, article] of sample.entries()) {
      const t = performance.now()
      decideDedupe(point.state, { causationId: `ev-sample-${point.size}-${i}`, article })
      if (round > 0) point.decide.push(performance.now() - t)
    }
// Evolve, timed on the following synthetic articles, in alternating runs of 50.
for (let k = 0; k < 10; k++)
  for (const point of built)
    for (let j = 0; j < 50; j++, point.indexed++) {
      const e = point.synthetic(point.indexed)
      const t = performance.now()
      evolveDedupe(point.state, e)
      point.evolve.push(performance.now() - t)
    }

global.gc?.()
const mem = process.memoryUsage()
const allIndexed = built.reduce((sum, p) => sum + p.indexed, 0)
for (const point of built)
  process.stdout.write(
    `${JSON.stringify({
      size: point.size,
      decideMedianMs: median(point.decide),
      decideP99Ms: quantile(point.decide, 0.99),
      evolveMedianMs: median(point.evolve),
      evolveP99Ms: quantile(point.evolve, 0.99),
      buildSeconds: point.buildSeconds,
      heapMb: Math.round(mem.heapUsed / 1048576),
      // Typed arrays' contents live outside the JS heap: the index's memory is both. Every state is alive at once, so
      // this is the process's heap over all of them, per indexed article.
      arrayBuffersMb: Math.round(mem.arrayBuffers / 1048576),
      heapBytesPerArticle: Math.round((mem.heapUsed + mem.arrayBuffers) / allIndexed),
      bucketKeys: lshSize(point.state.buckets),
    })}\n`,
  )
