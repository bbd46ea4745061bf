import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { Effect } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { EventLog, foldLog, resolveSettings, type RecordedEvent, type WiredeskSettings } from "@wiredesk/core"
import { redisTestScope } from "@wiredesk/core/testing"
import { Extractor } from "@wiredesk/extract/worker"
import { submit } from "@wiredesk/ingest"
import { loadInputs } from "./inputs.js"
import { waitForArticles } from "./commands/run.js"
import { makeRuntime } from "./runtime.js"
import { startWorkers, stopWorkers } from "./workers.js"
import { STAGES } from "@wiredesk/core"

const seeds = join(resolve(import.meta.dirname, "../../.."), "fixtures/seeds")
const redis = redisTestScope()
const dirs: string[] = []

afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

/** Runs the seeds through workers whose extract core runs on `threads` threads, booted before the first article. */
const runSeeds = async (threads: number): Promise<RecordedEvent[]> => {
  const prefix = redis.prefix("threads")
  const reports = await mkdtemp(join(tmpdir(), "wiredesk-threads-"))
  dirs.push(reports)
  const settings: WiredeskSettings = { ...resolveSettings({ redis: redis.url(), prefix, reports }, {}), extractThreads: threads }
  const runtime = makeRuntime(settings)
  await runtime.runPromise(Effect.flatMap(Extractor, (e) => e.ready))
  const workers = await startWorkers(runtime, settings, STAGES)
  try {
    const { submissions } = await loadInputs([seeds], settings.maxDocumentBytes)
    await runtime.runPromise(submit(submissions))
    await waitForArticles(runtime, settings, submissions, 120_000, () => undefined)
    const { state } = await runtime.runPromise(Effect.flatMap(EventLog, (log) => foldLog(log, [] as RecordedEvent[], (acc, e) => (acc.push(e), acc))))
    return state
  } finally {
    await stopWorkers(workers)
    await runtime.dispose()
  }
}

describe("the extract stage on worker threads", () => {
  it("records exactly the extractions the event loop would", async () => {
    const threaded = await runSeeds(2)
    const inline = await runSeeds(0)
    const extracted = (events: RecordedEvent[]) => events.filter((e) => e.type === "ArticleExtracted.v1").map((e) => e.meta.id).sort()
    expect(extracted(threaded)).toHaveLength(5)
    expect(extracted(threaded)).toEqual(extracted(inline))
  }, 180_000)
})
