import { readdirSync, readFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { EventLog, foldLog, makeRedisEventLog, type ArticleExtracted, type ArticleExtractedData, type RecordedEvent } from "@wiredesk/core"
import { pending, redisTestScope } from "@wiredesk/core/testing"
import { extractArticle } from "@wiredesk/extract"
import { initialDedupeState } from "./dedupe.js"
import { decideAndRecord, DedupeIndex, dedupeHandler, finalAssignments, initialSync, replayDedupe } from "./worker.js"

const seedsDir = resolve(import.meta.dirname, "../../../fixtures/seeds")
const seedFiles = readdirSync(seedsDir).filter((f) => f.endsWith(".txt")).sort()

const extracted = (articleId: string, content: string): ArticleExtractedData => {
  const outcome = extractArticle({ articleId, contentHash: "x", input: `${articleId}.txt`, format: "text", content, hints: { title: null, publishedAt: null, source: null, url: null } })
  if (outcome.kind !== "extracted") throw new Error(`fixture ${articleId} did not extract`)
  return outcome.data
}

const seedArticles = seedFiles.map((f) => extracted(f.replace(/\.txt$/, ""), readFileSync(join(seedsDir, f), "utf8")))
const agencyCopy = (() => {
  const original = readFileSync(join(seedsDir, seedFiles[0]!), "utf8")
  const paragraphs = original.split(/\n\s*\n/)
  // A republished copy: a local intro added, the last paragraph dropped.
  return extracted("copy-of-000", ["Local desk: the following is agency copy.", ...paragraphs.slice(0, -1)].join("\n\n"))
})()

const redis = redisTestScope()

/** A seeded shuffle, so every order is reproducible. */
const shuffle = <A>(items: readonly A[], seed: number): A[] => {
  const out = [...items]
  let s = seed
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31
    const j = s % (i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

/** Records the extractions, then lets `workers` independent dedupe workers decide them all at the same instant. */
const decideConcurrently = async (articles: readonly ArticleExtractedData[], workers: number, seed: number) => {
  const prefix = redis.prefix("dedupe-conc")
  const connect = () => makeRedisEventLog(redis.client(), prefix)
  const writer = connect()
  await Effect.runPromise(writer.append(articles.map((a) => pending({ type: "ArticleExtracted.v1", data: a }, `extracted-${a.articleId}`, { stage: "extract" }))))
  const { state: inputs } = await Effect.runPromise(foldLog(writer, [] as RecordedEvent[], (acc, e) => (acc.push(e), acc)))
  const pool = Array.from({ length: workers }, () => ({ log: connect(), state: initialDedupeState(), sync: initialSync() }))
  const order = shuffle(inputs, seed)
  // Each worker takes its jobs one at a time, as a BullMQ worker with its lock does; the workers race each other.
  await Promise.all(
    pool.map(async (worker, k) => {
      for (const input of order.filter((_, i) => i % workers === k))
        await Effect.runPromise(decideAndRecord(worker.log, worker.state, input as RecordedEvent<ArticleExtracted>, worker.sync))
    }),
  )
  const { state: events } = await Effect.runPromise(foldLog(writer, [] as RecordedEvent[], (acc, e) => (acc.push(e), acc)))
  return Object.assign(events, { log: writer })
}

describe("several dedupe workers on one Redis deciding at the same instant", () => {
  for (const seed of [1, 2, 3]) {
    it(`keeps the five seeds in one story and the agency copy with its original (order ${seed})`, async () => {
      const events = await decideConcurrently([...seedArticles, agencyCopy], 8, seed)
      const assigned = events.filter((e) => e.type === "StoryAssigned.v3")
      expect(assigned).toHaveLength(6)
      const final = finalAssignments(events)
      const stories = new Set([...final.values()].map((a) => a.storyId))
      expect(stories.size).toBe(1)
      const copy = final.get("copy-of-000")
      const original = final.get("000_16e3b0c8dca4eb08")
      expect(copy?.copyOf === "000_16e3b0c8dca4eb08" || original?.copyOf === "copy-of-000").toBe(true)
    })
  }

  it("never records two decisions for one input, however many workers race", async () => {
    const events = await decideConcurrently([...seedArticles, agencyCopy], 8, 7)
    const causes = events.filter((e) => e.type === "StoryAssigned.v3").map((e) => e.meta.causationId)
    expect(new Set(causes).size).toBe(causes.length)
  })

  it("decides exactly as one worker does: decisions follow the log order of the extractions", async () => {
    const articles = [agencyCopy, ...seedArticles]
    const one = finalAssignments(await decideConcurrently(articles, 1, 5))
    const eight = finalAssignments(await decideConcurrently(articles, 8, 5))
    expect([...eight].sort()).toEqual([...one].sort())
  })
})

describe("how a dedupe worker learns the stream's version", () => {
  /** A log that counts the version questions and the appends refused for a stale version. */
  const counting = (prefix: string) => {
    const log = makeRedisEventLog(redis.client(), prefix)
    const counts = { versions: 0, refused: 0 }
    return {
      counts,
      log: {
        ...log,
        version: (stream: string) => Effect.suspend(() => (counts.versions++, log.version(stream))),
        append: ((events, expected) => log.append(events, expected).pipe(Effect.tapError((e) => Effect.sync(() => void (e._tag === "VersionConflict" && counts.refused++))))) as typeof log.append,
      },
    }
  }
  const record = async (prefix: string, articles: readonly ArticleExtractedData[]) => {
    const writer = makeRedisEventLog(redis.client(), prefix)
    await Effect.runPromise(writer.append(articles.map((a) => pending({ type: "ArticleExtracted.v1", data: a }, `extracted-${a.articleId}`, { stage: "extract" }))))
    return (await Effect.runPromise(foldLog(writer, [] as RecordedEvent[], (acc, e) => (acc.push(e), acc)))).state as RecordedEvent<ArticleExtracted>[]
  }

  it("asks the log once when it decides alone, then knows it from its own appends", async () => {
    const prefix = redis.prefix("dedupe-version")
    const inputs = await record(prefix, [...seedArticles, agencyCopy])
    const { log, counts } = counting(prefix)
    const worker = { state: initialDedupeState(), sync: initialSync() }
    for (const input of inputs) await Effect.runPromise(decideAndRecord(log, worker.state, input, worker.sync))
    expect(counts).toEqual({ versions: 1, refused: 0 })
  })

  it("asks again when it reads another worker's decision, so taking turns wastes no decision", async () => {
    const prefix = redis.prefix("dedupe-version")
    const inputs = await record(prefix, [...seedArticles, agencyCopy])
    const a = { ...counting(prefix), state: initialDedupeState(), sync: initialSync() }
    const b = { ...counting(prefix), state: initialDedupeState(), sync: initialSync() }
    for (const [i, input] of inputs.entries()) {
      const w = i % 2 === 0 ? a : b
      await Effect.runPromise(decideAndRecord(w.log, w.state, input, w.sync))
    }
    expect(a.counts.refused + b.counts.refused).toBe(0)
    const { state: events } = await Effect.runPromise(foldLog(a.log, [] as RecordedEvent[], (acc, e) => (acc.push(e), acc)))
    expect(events.filter((e) => e.type === "StoryAssigned.v3")).toHaveLength(inputs.length)
  })
})

describe("a dedupe job", () => {
  it("does not read its extraction from the log again when the worker read it with an earlier job's news", async () => {
    const prefix = redis.prefix("dedupe-job")
    const log = makeRedisEventLog(redis.client(), prefix)
    const articles = [...seedArticles, agencyCopy]
    const { positions } = await Effect.runPromise(log.append(articles.map((a) => pending({ type: "ArticleExtracted.v1", data: a }, `extracted-${a.articleId}`, { stage: "extract" }))))
    expect(positions).toHaveLength(6)
    const reads: string[] = []
    const counted = { ...log, byId: (id: string) => Effect.suspend(() => (reads.push(id), log.byId(id))) }
    const layer = Layer.merge(Layer.succeed(EventLog, counted), DedupeIndex.layer())
    const refs = articles.map((a) => `extracted-${a.articleId}`)
    const handled = await Effect.runPromise(Effect.forEach(refs, (ref) => dedupeHandler.handle(ref)).pipe(Effect.provide(layer)))
    expect(handled).toEqual(refs.map((ref) => [ref]))
    // The first job read its input by id and, with the news, every later extraction: the other jobs found theirs there.
    expect(reads).toEqual([refs[0]])
    const { state: events } = await Effect.runPromise(foldLog(log, [] as RecordedEvent[], (acc, e) => (acc.push(e), acc)))
    expect(events.filter((e) => e.type === "StoryAssigned.v3")).toHaveLength(6)
  })
})

describe("when dedupe is replayed over what racing workers recorded", () => {
  it("reproduces every story and copy, and records nothing", async () => {
    const events = await decideConcurrently([...seedArticles, agencyCopy], 4, 2)
    const copy = events.find((e) => e.type === "CopyDetected.v1")
    // The copy names what it removed from its original: texts the workers folded from the original's extraction.
    expect(copy?.type === "CopyDetected.v1" && copy.data.removed.length).toBeGreaterThan(0)
    const outcome = await Effect.runPromise(replayDedupe(events.log, { dryRun: false, article: null }))
    expect(outcome).toMatchObject({ same: 6, changed: 0 })
    const { state: after } = await Effect.runPromise(foldLog(events.log, [] as RecordedEvent[], (acc, e) => (acc.push(e), acc)))
    expect(after).toHaveLength(events.length)
  })
})
