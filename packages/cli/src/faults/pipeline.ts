import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { Effect } from "effect"
import { Redis } from "ioredis"
import { foldLog, keysFor, membersDigest, STAGES, makeRedisEventLog, resolveSettings, type RecordedEvent, type WiredeskSettings } from "@wiredesk/core"
import { submissionsFromFile, submit, type Submission } from "@wiredesk/ingest"
import { evolveStories, initialStories, reportFileName } from "@wiredesk/report"
import { waitForArticles } from "../commands/run.js"
import { apiServices } from "../api/app.js"
import { makeRuntime, type AppRuntime } from "../runtime.js"

export const FIXTURE = join(import.meta.dirname, "fixtures/articles.jsonl")

/** Real articles (Giveme5W1H news clusters), as submissions; `n` of them. */
export const fixtureSubmissions = (n = 30, maxBytes = 5 * 1024 * 1024): Submission[] =>
  submissionsFromFile(FIXTURE, readFileSync(FIXTURE), maxBytes).slice(0, n)

export const settingsFor = (redisUrl: string, prefix: string, reportsDir: string): WiredeskSettings =>
  resolveSettings({ redis: redisUrl, prefix, reports: reportsDir }, {})

/** A runtime for the test process itself (submitting, waiting): the same layers the CLI uses. */
export const testRuntime = (settings: WiredeskSettings): AppRuntime => {
  const runtime = makeRuntime(settings)
  // The test's own clients see the outages the tests inject: expected, and not worth a stack trace each.
  void runtime.runPromise(apiServices).then(({ redis, queues }) => {
    redis.on("error", () => undefined)
    for (const stage of STAGES) queues.queue(stage).on("error", () => undefined)
  }, () => undefined)
  return runtime
}

export const submitAll = (runtime: AppRuntime, submissions: readonly Submission[]) => runtime.runPromise(submit(submissions))

export const waitAll = async (runtime: AppRuntime, settings: WiredeskSettings, submissions: readonly Submission[], timeoutMs = 90_000) =>
  (await waitForArticles(runtime, settings, submissions, timeoutMs, () => undefined)).outcomes

/** Every event of a prefix, read straight from Redis. */
export const readLog = async (redisUrl: string, prefix: string): Promise<RecordedEvent[]> => {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 })
  try {
    const log = makeRedisEventLog(redis, prefix)
    return (await Effect.runPromise(foldLog(log, [] as RecordedEvent[], (all, e) => (all.push(e), all)))).state
  } finally {
    redis.disconnect()
  }
}

export const reportCheckpoint = async (redisUrl: string, prefix: string): Promise<number> => {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 })
  try {
    return Number((await redis.get(keysFor(prefix).checkpoint("report"))) ?? 0)
  } finally {
    redis.disconnect()
  }
}

const ONCE_PER_ARTICLE = ["ArticleReceived.v1", "ArticleExtracted.v1", "StoryAssigned.v3", "ArticleRejected.v1"] as const

/** What must never happen, whatever was injected: an event id twice, or a once-per-article event twice for one article. */
export const duplicationProblems = (events: readonly RecordedEvent[]): string[] => {
  const problems: string[] = []
  const ids = new Set<string>()
  const counts = new Map<string, number>()
  for (const e of events) {
    if (ids.has(e.meta.id)) problems.push(`event ${e.meta.id} recorded twice`)
    ids.add(e.meta.id)
    if ((ONCE_PER_ARTICLE as readonly string[]).includes(e.type)) {
      const key = `${e.type} ${e.meta.articleId}`
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
  }
  for (const [key, n] of counts) if (n > 1) problems.push(`${key} recorded ${n} times`)
  return problems
}

/** Each story of the projection has its report file, and the latest ReportWritten names exactly its articles. */
export const reportProblems = (events: readonly RecordedEvent[], reportsDir: string): string[] => {
  const state = events.reduce(evolveStories, initialStories())
  const latest = new Map<string, { readonly articleCount: number; readonly articlesDigest: string }>()
  for (const e of events) if (e.type === "ReportWritten.v2") latest.set(e.data.storyId, e.data)
  const problems: string[] = []
  const reported = new Map<string, number>()
  for (const [storyId, members] of state.members) {
    if (members.size === 0) continue
    if (!existsSync(join(reportsDir, reportFileName(storyId)))) problems.push(`no report file for ${storyId}`)
    const written = latest.get(storyId)
    const expected = [...members].filter((a) => state.articles.get(a)?.extracted).sort()
    if (written?.articlesDigest !== membersDigest(expected))
      problems.push(`report of ${storyId} covers ${written?.articleCount ?? 0} articles (digest ${written?.articlesDigest.slice(0, 8) ?? "none"}), story has ${expected.join(",")}`)
    for (const a of expected) reported.set(a, (reported.get(a) ?? 0) + 1)
  }
  for (const [a, n] of reported) if (n !== 1) problems.push(`article ${a} is in ${n} reports`)
  return problems
}
