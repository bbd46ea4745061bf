import { execFile } from "node:child_process"
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { promisify } from "node:util"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { EventLog, foldLog, membersDigest, resolveSettings, STAGES, type RecordedEvent, type WiredeskSettings } from "@wiredesk/core"
import { deletePrefix, testPrefix, testRedisUrl } from "@wiredesk/core/testing"
import { extractArticle } from "@wiredesk/extract"
import { replay } from "./commands/replay.js"
import { runOnce } from "./commands/run.js"
import { makeRuntime } from "./runtime.js"
import { warmUp } from "./warmUp.js"

const repo = resolve(import.meta.dirname, "../../..")
const seeds = join(repo, "fixtures/seeds")
const cli = join(repo, "packages/cli/bin/wiredesk.js")
const exec = promisify(execFile)

let redisUrl = ""
const prefixes: string[] = []
const dirs: string[] = []

beforeAll(async () => {
  redisUrl = await testRedisUrl()
})
afterAll(async () => {
  for (const p of prefixes) await deletePrefix(redisUrl, p)
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

const freshSettings = async (): Promise<WiredeskSettings> => {
  const prefix = testPrefix("pipeline")
  prefixes.push(prefix)
  const reports = await mkdtemp(join(tmpdir(), "wiredesk-reports-"))
  dirs.push(reports)
  return resolveSettings({ redis: redisUrl, prefix, reports }, {})
}

const runSeeds = (settings: WiredeskSettings, paths = [seeds]) => runOnce(settings, { paths, json: true, timeoutMs: 120_000, startWorkers: true })

const allEvents = (settings: WiredeskSettings) => {
  const runtime = makeRuntime(settings)
  return runtime
    .runPromise(Effect.flatMap(EventLog, (log) => foldLog(log, [] as RecordedEvent[], (acc, e) => (acc.push(e), acc))))
    .then((r) => r.state)
    .finally(() => runtime.dispose())
}

const readReports = async (dir: string) => {
  const files = (await readdir(dir)).sort()
  return Object.fromEntries(await Promise.all(files.map(async (f) => [f, await readFile(join(dir, f), "utf8")] as const)))
}

const replayWith = (settings: WiredeskSettings, options: Parameters<typeof replay>[0]) => {
  const runtime = makeRuntime(settings)
  const lines: string[] = []
  return runtime
    .runPromise(replay(options, (l) => lines.push(l)) as never)
    .then(() => lines)
    .finally(() => runtime.dispose())
}

describe("given the five seed articles and an empty prefix", () => {
  describe("when `wiredesk run --json` processes them", () => {
    it("prints five articles in one story of five, and writes index.md and that story's report", async () => {
      const settings = await freshSettings()
      const { stdout } = await exec("node", [cli, "run", seeds, "--json", "--redis", redisUrl, "--prefix", settings.prefix, "--reports", settings.reportsDir], { cwd: repo })
      const out = JSON.parse(stdout) as { articles: { id: string; storyId: string; copyOf: string | null }[]; stories: { id: string; articleIds: string[]; reportPath: string }[] }
      expect(out.articles).toHaveLength(5)
      expect(out.stories).toHaveLength(1)
      expect(out.stories[0]!.articleIds).toHaveLength(5)
      expect(new Set(out.articles.map((a) => a.storyId))).toEqual(new Set([out.stories[0]!.id]))
      expect(out.articles.every((a) => a.copyOf === null)).toBe(true)
      expect((await readdir(settings.reportsDir)).sort()).toEqual(["index.md", out.stories[0]!.reportPath.split("/").pop()].sort())
    })
  })

  describe("when the pipeline has run", () => {
    it("records each article's events from every stage, in stage order", async () => {
      const settings = await freshSettings()
      const { result } = await runSeeds(settings)
      const events = await allEvents(settings)
      for (const article of result.articles) {
        const own = events.filter((e) => e.meta.articleId === article.id).map((e) => e.type)
        expect(own).toEqual(["ArticleReceived.v1", "ArticleExtracted.v1", "StoryAssigned.v3"])
      }
      const reported = events.filter((e) => e.type === "ReportWritten.v2")
      expect(reported.length).toBeGreaterThan(0)
      const last = reported[reported.length - 1]!
      expect(last.type === "ReportWritten.v2" && last.data.articleCount).toBe(5)
      expect(last.type === "ReportWritten.v2" && last.data.articlesDigest).toBe(membersDigest(result.articles.map((a) => a.id!)))
      for (const e of events) expect(e.meta.stageVersion).toMatch(/^(ingest|extract|dedupe|report)@/)
    })
  })

  describe("when the same input is run a second time", () => {
    it("recognises every article by its content and records nothing new", async () => {
      const settings = await freshSettings()
      await runSeeds(settings)
      const before = await allEvents(settings)
      const second = await runSeeds(settings)
      expect(second.rows.every((r) => r.duplicate)).toBe(true)
      expect(await allEvents(settings)).toHaveLength(before.length)
    })

    it("into a new reports folder, writes that folder the same reports from the log, and records nothing new", async () => {
      const settings = await freshSettings()
      await runSeeds(settings)
      const before = await allEvents(settings)
      const elsewhere = await mkdtemp(join(tmpdir(), "wiredesk-reports-"))
      dirs.push(elsewhere)
      const second = await runSeeds({ ...settings, reportsDir: elsewhere })
      expect(second.rows.every((r) => r.duplicate)).toBe(true)
      const files = (await readdir(settings.reportsDir)).sort()
      expect((await readdir(elsewhere)).sort()).toEqual(files)
      for (const f of files) expect(await readFile(join(elsewhere, f), "utf8")).toBe(await readFile(join(settings.reportsDir, f), "utf8"))
      expect(second.result.stories[0]!.reportPath.startsWith(elsewhere)).toBe(true)
      expect(await allEvents(settings)).toHaveLength(before.length)
    })
  })

  describe("when the report stage runs on a thread of its own (as `wiredesk worker` runs it)", () => {
    it("writes the same reports as on the event loop", async () => {
      const inline = await freshSettings()
      const threaded = { ...(await freshSettings()), reportThread: true }
      const a = await runSeeds(inline)
      const b = await runSeeds(threaded)
      expect(b.result.stories.map((st) => st.articleIds.length)).toEqual(a.result.stories.map((st) => st.articleIds.length))
      const files = (await readdir(inline.reportsDir)).sort()
      expect((await readdir(threaded.reportsDir)).sort()).toEqual(files)
      for (const f of files) expect(await readFile(join(threaded.reportsDir, f), "utf8")).toBe(await readFile(join(inline.reportsDir, f), "utf8"))
    })

    it("boots and warms the thread with the worker's warm-up, writing and recording nothing", async () => {
      const settings = { ...(await freshSettings()), reportThread: true }
      const runtime = makeRuntime(settings)
      try {
        const rounds = await runtime.runPromise(warmUp(STAGES, 2))
        expect(rounds.map((r) => r.reportsWritten)).toEqual([2, 2])
        expect(await readdir(settings.reportsDir)).toEqual([])
        expect(await runtime.runPromise(Effect.flatMap(EventLog, (log) => log.head))).toBe(0)
      } finally {
        await runtime.dispose()
      }
    })
  })

  describe("when extract is replayed with unchanged code, downstream", () => {
    it("records nothing and leaves every report byte unchanged", async () => {
      const settings = await freshSettings()
      await runSeeds(settings)
      const before = await readReports(settings.reportsDir)
      const head = (await allEvents(settings)).length
      await replayWith(settings, { stage: "extract", article: null, downstream: true, dryRun: false })
      expect(await readReports(settings.reportsDir)).toEqual(before)
      expect(await allEvents(settings)).toHaveLength(head)
    })
  })

  describe("when the reports folder is deleted and the report stage replayed", () => {
    it("writes byte-identical files from the log alone", async () => {
      const settings = await freshSettings()
      await runSeeds(settings)
      const before = await readReports(settings.reportsDir)
      await rm(settings.reportsDir, { recursive: true })
      await replayWith(settings, { stage: "report", article: null, downstream: false, dryRun: false })
      expect(await readReports(settings.reportsDir)).toEqual(before)
    })
  })

  describe("when extract's code changes and it is replayed downstream", () => {
    const shouting = (received: Parameters<typeof extractArticle>[0]) => {
      const outcome = extractArticle(received)
      return outcome.kind === "extracted" ? { ...outcome, data: { ...outcome.data, title: `REVISED ${received.articleId}` } } : outcome
    }

    it("a dry run says what would change and records nothing", async () => {
      const settings = await freshSettings()
      await runSeeds(settings)
      const head = (await allEvents(settings)).length
      const lines = await replayWith(settings, { stage: "extract", article: null, downstream: true, dryRun: true, extractor: { version: "extract@test-2", extract: shouting } })
      expect(lines.filter((l) => l.startsWith("would record ArticleExtracted.v1"))).toHaveLength(5)
      expect(await allEvents(settings)).toHaveLength(head)
    })

    it("records the new extractions under the new version, and the reports show them", async () => {
      const settings = await freshSettings()
      await runSeeds(settings)
      await replayWith(settings, { stage: "extract", article: "002_76639e959528416e", downstream: true, dryRun: false, extractor: { version: "extract@test-2", extract: shouting } })
      const events = await allEvents(settings)
      const revised = events.filter((e) => e.type === "ArticleExtracted.v1" && e.meta.stageVersion === "extract@test-2")
      expect(revised.map((e) => e.meta.articleId)).toEqual(["002_76639e959528416e"])
      const reports = Object.values(await readReports(settings.reportsDir)).join("\n")
      expect(reports).toContain("REVISED 002")
    })
  })

  describe("when a run holds bad input beside good articles", () => {
    it("records a rejection for each bad one and reports the good ones", async () => {
      const settings = await freshSettings()
      const { result } = await runSeeds(settings, [seeds, join(repo, "fixtures/bad")])
      const rejected = result.articles.filter((a) => a.status === "rejected")
      expect(rejected.map((a) => a.input.split("/").pop()).sort()).toEqual(["binary.html", "empty.txt", "records.jsonl:1", "records.jsonl:2"])
      expect(result.articles.filter((a) => a.status === "done")).toHaveLength(5)
      const events = await allEvents(settings)
      const reasons = events.flatMap((e) => (e.type === "ArticleRejected.v1" ? [e.data.code] : [])).sort()
      expect(reasons).toEqual(["binary", "empty", "invalid", "invalid"])
    })
  })
})
