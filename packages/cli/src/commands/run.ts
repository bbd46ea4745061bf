import { resolve } from "node:path"
import { Effect } from "effect"
import { EventLog, foldLog, Queues, RedisClient, STAGES, type WiredeskSettings } from "@wiredesk/core"
import { submit } from "@wiredesk/ingest"
import { evolveStories, initialStories, ReportStore, STORY_EVENT_TYPES, reportFileName, storyArticles, summarizeStory } from "@wiredesk/report"
import { INDEX_FILE, newProjection, readReportCheckpoint, refreshReports } from "@wiredesk/report/worker"
import { loadInputs } from "../inputs.js"
import { progressBar } from "../progress.js"
import { makeRuntime, type AppRuntime } from "../runtime.js"
import { stageJobCounts } from "./inspect.js"
import { evolveTracking, initialTracking, TRACKING_EVENT_TYPES, outcomeOf, type ArticleOutcome } from "../tracker.js"
import { startWorkers, stopWorkers } from "../workers.js"
import type { Submission } from "@wiredesk/ingest"

export interface RunOptions {
  readonly paths: readonly string[]
  readonly json: boolean
  readonly timeoutMs: number
  readonly startWorkers: boolean
}

interface ArticleRow {
  readonly input: string
  readonly id: string | null
  readonly outcome: ArticleOutcome
  readonly duplicate: boolean
}

/** Waits until every submission is done, rejected or failed, drawing progress on a terminal. */
export const waitForArticles = (runtime: AppRuntime, settings: WiredeskSettings, submissions: readonly Submission[], timeoutMs: number, onProgress: (done: number) => void) =>
  runtime.runPromise(
    Effect.gen(function* () {
      const log = yield* EventLog
      const redis = yield* RedisClient
      const tracking = initialTracking()
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const { last } = yield* foldLog(log, tracking, evolveTracking, { after: tracking.checkpoint, types: TRACKING_EVENT_TYPES })
        tracking.checkpoint = Math.max(tracking.checkpoint, last)
        const reportCheckpoint = yield* readReportCheckpoint(redis, settings.prefix)
        const outcomes = submissions.map((s) => outcomeOf(tracking, s, reportCheckpoint))
        const finished = outcomes.filter((o) => o.outcome !== "pending").length
        onProgress(finished)
        if (finished === submissions.length) return { outcomes, tracking }
        if (Date.now() > deadline) return yield* Effect.die(new Error(`timed out after ${timeoutMs} ms with ${submissions.length - finished} articles unfinished`))
        yield* Effect.sleep(finished === 0 ? 50 : 100)
      }
    }),
  )

/**
 * A reports folder this log has not written to (no index.md) gets every report from the log: the articles of a run
 * may all be known already (nothing new for the report worker to render), and the summary names their report files.
 */
const fillNewReportsFolder = (runtime: AppRuntime) =>
  runtime.runPromise(
    Effect.gen(function* () {
      const store = yield* ReportStore
      if ((yield* store.read(INDEX_FILE)) === null) yield* refreshReports(yield* EventLog, store, newProjection())
    }),
  )

/** What a run produced, from the log alone: the articles of this run and the stories they are in. */
const summarise = (runtime: AppRuntime, settings: WiredeskSettings, rows: readonly ArticleRow[]) =>
  runtime.runPromise(
    Effect.gen(function* () {
      const log = yield* EventLog
      const { state } = yield* foldLog(log, initialStories(), evolveStories, { types: STORY_EVENT_TYPES })
      const articles = rows.map((r) => {
        const view = r.id === null ? undefined : state.articles.get(r.id)
        return {
          id: r.id,
          input: r.input,
          status: r.outcome,
          duplicate: r.duplicate,
          title: view?.extracted?.title ?? null,
          publishedAt: view?.extracted?.publishedAt ?? null,
          storyId: view?.storyId ?? null,
          copyOf: view?.copyOf?.originalId ?? null,
        }
      })
      const storyIds = [...new Set(articles.map((a) => a.storyId).filter((s): s is string => s !== null))].sort()
      const stories = storyIds.map((id) => {
        const members = storyArticles(state, id)
        return {
          id,
          title: summarizeStory(id, members).title,
          articleIds: members.map((m) => m.articleId),
          reportPath: resolve(settings.reportsDir, reportFileName(id)),
        }
      })
      return { articles, stories }
    }),
  )

/** Waits (at most `timeoutMs`) until no stage queue has a job waiting, active, delayed or prioritized. */
const queuesIdle = (timeoutMs: number) =>
  Effect.gen(function* () {
    const queues = yield* Queues
    const until = Date.now() + timeoutMs
    for (;;) {
      const counts = yield* stageJobCounts(queues)
      const busy = Object.values(counts).some((c) => (c["waiting"] ?? 0) + (c["active"] ?? 0) + (c["delayed"] ?? 0) + (c["prioritized"] ?? 0) > 0)
      if (!busy || Date.now() >= until) return
      yield* Effect.sleep(20)
    }
  })

/** One shot: starts the workers in this process, queues the inputs, waits until every article has passed every stage. */
export const runOnce = async (settings: WiredeskSettings, options: RunOptions & { readonly onProgress?: (done: number, total: number) => void }) => {
  const { submissions, skipped } = await loadInputs(options.paths, settings.maxDocumentBytes)
  const runtime = makeRuntime(settings)
  const workers = options.startWorkers ? await startWorkers(runtime, settings, STAGES) : []
  try {
    const submitted = await runtime.runPromise(submit(submissions))
    const { outcomes } = await waitForArticles(runtime, settings, submissions, options.timeoutMs, (done) => options.onProgress?.(done, submissions.length))
    // Every article is reported, but report jobs queued behind a refresh that already covered them may wait still:
    // this process's workers take them before they stop, so the run leaves no backlog for `wiredesk status` to show.
    if (options.startWorkers) await runtime.runPromise(queuesIdle(Math.min(options.timeoutMs, 60_000)))
    await fillNewReportsFolder(runtime)
    const rows: ArticleRow[] = submissions.map((s, i) => ({
      input: s.input,
      id: outcomes[i]!.articleId,
      outcome: outcomes[i]!.outcome,
      duplicate: submitted[i]!.status === "duplicate",
    }))
    return { result: await summarise(runtime, settings, rows), rows, skipped }
  } finally {
    await stopWorkers(workers)
    await runtime.dispose()
  }
}

export const runCommand = async (settings: WiredeskSettings, options: RunOptions): Promise<number> => {
  const started = Date.now()
  const bar = progressBar(0, !options.json && process.stderr.isTTY === true)
  let total = 0
  const { result, rows, skipped } = await runOnce(settings, {
    ...options,
    onProgress: (done, n) => {
      total = n
      bar.update(done, n)
    },
  })
  if (total > 0) bar.finish()
  if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`)
  else printSummary(result, rows, skipped, settings, Date.now() - started)
  return rows.some((r) => r.outcome === "failed") ? 1 : 0
}

const printSummary = (
  result: Awaited<ReturnType<typeof summarise>>,
  rows: readonly ArticleRow[],
  skipped: readonly string[],
  settings: WiredeskSettings,
  ms: number,
) => {
  const count = (o: ArticleOutcome) => rows.filter((r) => r.outcome === o).length
  const dupes = rows.filter((r) => r.duplicate).length
  const copies = result.articles.filter((a) => a.copyOf !== null).length
  const out = process.stdout
  out.write(`${rows.length} articles: ${count("done")} reported (${dupes} already known), ${count("rejected")} rejected, ${count("failed")} failed; ${copies} copies\n`)
  out.write(`${result.stories.length} ${result.stories.length === 1 ? "story" : "stories"}, reports in ${resolve(settings.reportsDir)} (${(ms / 1000).toFixed(1)} s)\n`)
  for (const s of result.stories) out.write(`  ${s.articleIds.length.toString().padStart(3)}  ${s.title}  -> ${s.reportPath}\n`)
  for (const a of result.articles) if (a.status === "rejected" || a.status === "failed") out.write(`  ${a.status}: ${a.input}\n`)
  for (const f of skipped) out.write(`  skipped (unsupported type): ${f}\n`)
}
