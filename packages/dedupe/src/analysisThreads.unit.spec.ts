import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { makeMemoryEventLog, type ArticleExtractedData } from "@wiredesk/core"
import { pending } from "@wiredesk/core/testing"
import { startAnalysisThreads } from "./analysisThreads.js"
import { fixtureArticle, seedArticles } from "./dedupe.fixtures.js"
import { analyze } from "./features.js"
import { replayDedupe, replayDedupeWith } from "./worker.js"

const seeds = seedArticles()
const agencyCopy: ArticleExtractedData = { ...seeds[0]!, articleId: "copy-of-000", body: `Local desk: agency copy follows.\n\n${seeds[0]!.body}` }

describe("articles analysed on worker threads", () => {
  it("give exactly the analysis the event loop works out: terms, names, headline terms, copy signature, sentences", async () => {
    const pool = startAnalysisThreads(2)
    try {
      await pool.ready
      const articles = [...seeds, agencyCopy]
      const analyses = await Promise.all(articles.map((a) => pool.analyze(a)))
      expect(analyses).toEqual(articles.map((a) => analyze(a)))
      expect(analyses[0]!.tf.size).toBeGreaterThan(50)
    } finally {
      await pool.close()
    }
  }, 120_000)

  it("are taken back by the event loop, newest first, while no thread has started them: each once, with the same analysis", async () => {
    const pool = startAnalysisThreads(1)
    try {
      await pool.ready
      const articles = Array.from({ length: 40 }, (_, i) => ({ ...seeds[i % seeds.length]!, articleId: `a-${i}` }))
      const sent = articles.map((a) => pool.analyze(a))
      const taken: string[] = []
      while (pool.takeBack((a) => (taken.push(a.articleId), analyze(a)))) continue
      // The thread works from the oldest job: what the event loop takes back is a run of the newest.
      expect(taken.length).toBeGreaterThan(0)
      expect(taken).toEqual(articles.slice(-taken.length).map((a) => a.articleId).reverse())
      expect(await Promise.all(sent)).toEqual(articles.map((a) => analyze(a)))
      expect(pool.takeBack(analyze)).toBe(false)
    } finally {
      await pool.close()
    }
  }, 120_000)

  it("are left to the event loop when their thread dies: the one it died on and every one after come back undefined", async () => {
    const pool = startAnalysisThreads(1, new URL("./analysisThread.testing.mjs", import.meta.url))
    try {
      await pool.ready
      expect(await pool.analyze({ ...seeds[1]!, articleId: "fine" })).toEqual({ marker: "from a thread: fine" })
      expect(await pool.analyze({ ...seeds[1]!, articleId: "die" })).toBeUndefined()
      expect(await pool.analyze(seeds[2]!)).toBeUndefined()
    } finally {
      await pool.close()
    }
  })

  it("come back undefined once the pool is closed, for those still on a thread", async () => {
    const pool = startAnalysisThreads(1)
    await pool.ready
    const pending = seeds.map((a) => pool.analyze(a))
    await pool.close()
    const analyses = await Promise.all(pending)
    expect(analyses.every((a, i) => a === undefined || a.tf.size === analyze(seeds[i]!).tf.size)).toBe(true)
    expect(await pool.analyze(seeds[0]!)).toBeUndefined()
  }, 120_000)
})

describe("analyses asked for before any thread has loaded the core", () => {
  it("come back undefined at once, so the event loop works them out instead of waiting for a thread to boot", async () => {
    const pool = startAnalysisThreads(1)
    try {
      let booted = false
      void pool.ready.then(() => (booted = true))
      expect(await pool.analyze(seeds[0]!)).toBeUndefined()
      expect(booted).toBe(false)
      await pool.ready
      expect(await pool.analyze(seeds[0]!)).toEqual(analyze(seeds[0]!))
    } finally {
      await pool.close()
    }
  }, 120_000)
})

describe("a replay of dedupe with its analyses on threads", () => {
  /** The seeds, a copy of one and an unrelated article, each recorded in a story of its own: a log the present dedupe decides differently. */
  const misdecided = async () => {
    const articles = [...seeds, agencyCopy, { ...fixtureArticle("erie-snow-abc"), articleId: "other" }]
    const features = { terms: "", titleTerms: "", publishedOn: null, language: null }
    const log = makeMemoryEventLog()
    await Effect.runPromise(
      log.append(
        articles.flatMap((a, i) => [
          pending({ type: "ArticleExtracted.v1", data: a }, `x-${i}`),
          pending({ type: "StoryAssigned.v3", data: { articleId: a.articleId, storyId: `own-${i}`, opened: true, score: 0, features } }, `d-${i}`, { causationId: `x-${i}` }),
        ]),
      ),
    )
    return log
  }

  /** Booted threads, counting the analyses they give. */
  const bootedThreads = async () => {
    const pool = startAnalysisThreads(1)
    await pool.ready
    let given = 0
    const counted = { ...pool, analyze: (a: ArticleExtractedData) => pool.analyze(a).then((x) => (x !== undefined && given++, x)) }
    return { pool: counted, given: () => given }
  }

  it("finds exactly the changes a replay on the event loop finds, in the same words", async () => {
    const log = await misdecided()
    const inline = await Effect.runPromise(replayDedupe(log, { dryRun: true, article: null, threads: 0 }))
    const threads = await bootedThreads()
    const threaded = await Effect.runPromise(replayDedupeWith(log, { dryRun: true, article: null }, threads.pool)).finally(() => threads.pool.close())
    expect(threads.given()).toBe(7)
    expect({ ...threaded, threads: 0 }).toEqual(inline)
    expect(inline.threads).toBe(0)
    // Every article leaves its own story: the seeds and the copy for one story, the unrelated article for a new one.
    expect(inline.changed).toBe(7)
    const storyNow = new Map(inline.lines.map((l) => [l.slice(0, l.indexOf(":")), /-> ([^;]+);/.exec(l)![1]]))
    expect(new Set(seeds.map((a) => storyNow.get(a.articleId))).size).toBe(1)
    expect(storyNow.get("copy-of-000")).toBe(storyNow.get("seed-000"))
    expect(storyNow.get("other")).not.toBe(storyNow.get("seed-000"))
    expect(inline.lines.find((l) => l.startsWith("copy-of-000:"))).toMatch(/copy of none -> seed-000$/)
  }, 120_000)

  it("records the same corrections", async () => {
    const [a, b] = [await misdecided(), await misdecided()]
    await Effect.runPromise(replayDedupe(a, { dryRun: false, article: null, threads: 0 }))
    const threads = await bootedThreads()
    await Effect.runPromise(replayDedupeWith(b, { dryRun: false, article: null }, threads.pool)).finally(() => threads.pool.close())
    // Both passes (the comparison, then the corrections) had their analyses from the thread.
    expect(threads.given()).toBe(14)
    const corrections = (log: typeof a) => log.all().slice(14).map((e) => ({ type: e.type, data: e.data, causationId: e.meta.causationId }))
    expect(corrections(b)).toEqual(corrections(a))
    expect(corrections(a).map((e) => e.type)).toContain("CopyDetected.v1")
  }, 120_000)

  it("uses no threads on a log under 8,000 events unless asked, and says how many it used", async () => {
    const log = await misdecided()
    expect((await Effect.runPromise(replayDedupe(log, { dryRun: true, article: null }))).threads).toBe(0)
    expect((await Effect.runPromise(replayDedupe(log, { dryRun: true, article: null, threads: 1 }))).threads).toBe(1)
  }, 120_000)
})
