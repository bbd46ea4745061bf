import { Cause, Effect, type ManagedRuntime } from "effect"
import { Hono, type MiddlewareHandler } from "hono"
import { bodyLimit } from "hono/body-limit"
import { EventLog, Id, keysFor, Queues, RedisClient, tryRedis, type QueuesShape, type RedisConnection, type WiredeskSettings } from "@wiredesk/core"
import { receivedEventId, submit } from "@wiredesk/ingest"
import { newestStories, RESIDENT_EXTRACTIONS, ReportStore, reportFileName } from "@wiredesk/report"
import { newProjection, readReportCheckpoint, readReportProgress, updateProjection } from "@wiredesk/report/worker"
import type { AppRuntime } from "../runtime.js"
import { articlesFromBody, bodyLimitFor } from "./articleInput.js"
import { articleStatus } from "./articleStatus.js"
import { requireBrowserToken, requireToken, type Guard } from "./auth.js"
import { dashboard } from "./dashboard.js"
import { stageJobCounts } from "../commands/inspect.js"
import { currentStatusCounts, standingFailures } from "../statusFold.js"
import { waitSummary } from "../waits.js"

export interface ApiOptions {
  readonly guard: Guard
  /** How long a request may wait on Redis before it is answered 503. */
  readonly redisTimeoutMs?: number
}

type Services = AppRuntime extends ManagedRuntime.ManagedRuntime<infer R, infer _E> ? R : never
type Outcome<A> = { readonly ok: true; readonly value: A } | { readonly ok: false; readonly status: 500 | 503; readonly error: string }

const SubmissionRef = /^sub-([0-9a-f]{64})$/

/** The HTTP API on the same Effect runtime as the CLI: every Redis call is bounded, an outage is a 503 at once. */
export const makeApi = (runtime: AppRuntime, settings: WiredeskSettings, redis: RedisConnection, queues: QueuesShape, options: ApiOptions): Hono => {
  const timeoutMs = options.redisTimeoutMs ?? 2_500
  const keys = keysFor(settings.prefix)

  const run = async <A, E extends { readonly _tag?: string }>(effect: Effect.Effect<A, E, Services>): Promise<Outcome<A>> => {
    if (redis.status !== "ready") return { ok: false, status: 503, error: `redis is ${redis.status}` }
    const abort = new AbortController()
    const timer = setTimeout(() => abort.abort(), timeoutMs)
    try {
      const exit = await runtime.runPromiseExit(effect, { signal: abort.signal })
      if (exit._tag === "Success") return { ok: true, value: exit.value }
      if (abort.signal.aborted) return { ok: false, status: 503, error: `redis did not answer within ${timeoutMs} ms` }
      const error = Cause.squash(exit.cause) as { _tag?: string; message?: string }
      if (error?._tag === "RedisUnavailable") return { ok: false, status: 503, error: "redis is unavailable" }
      return { ok: false, status: 500, error: `${error?._tag ?? "Error"}: ${error?.message ?? String(error)}`.slice(0, 300) }
    } finally {
      clearTimeout(timer)
    }
  }

  // The story projection of this process, as the report worker keeps it: folded incrementally (each request reads
  // only the new events), a summary per story kept up to date for the stories the new events touched, a bounded
  // number of article bodies in memory, and closed stories let go (the newest of them kept, as for index.md).
  const projection = newProjection(RESIDENT_EXTRACTIONS, settings.dedupeWindow)
  const members = new Map<string, readonly string[]>()
  const refreshStories = Effect.gen(function* () {
    const changed = yield* updateProjection(yield* EventLog, projection, {
      touched: (storyId, articles) => Effect.sync(() => void members.set(storyId, articles.map((a) => a.articleId))),
      removed: (storyId) => Effect.sync(() => void members.delete(storyId)),
    })
    if (changed) for (const storyId of members.keys()) if (!projection.summaries.has(storyId) && !projection.closed.has(storyId)) members.delete(storyId)
    return projection
  })

  // The totals and recent waits for /metrics: the checkpointed fold `wiredesk status` keeps (each request folds only
  // what is new). On a long log never counted before, each request counts for half its time limit and stores how far
  // it got, so the first scrapes answer in time and the totals catch up over a few of them.
  const refreshMetrics = Effect.gen(function* () {
    const counts = yield* currentStatusCounts(timeoutMs / 2)
    const head = yield* (yield* EventLog).head
    const report = yield* readReportProgress(redis, settings.prefix)
    const jobs = Object.entries(yield* stageJobCounts(queues))
    return prometheusText({
      head: Math.max(head, counts.position),
      totalsPosition: counts.position,
      reportCheckpoint: report.checkpoint,
      jobs,
      waits: waitSummary(counts.waits),
      totals: {
        articles: counts.articles,
        rejected: counts.rejected,
        copies: counts.copies,
        failed: Object.keys(standingFailures(counts, report.checkpoint)).length,
        stories: report.stories ?? 0,
      },
    })
  })

  const app = new Hono()
  app.onError((error, c) => {
    process.stderr.write(`wiredesk serve: ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}\n`)
    return c.json({ error: "internal error" }, 500)
  })
  app.notFound((c) => c.json({ error: `no route ${c.req.method} ${c.req.path}` }, 404))

  const failed = <A>(c: { json: (body: unknown, status: 500 | 503) => Response }, outcome: Extract<Outcome<A>, { ok: false }>) =>
    c.json({ error: outcome.error }, outcome.status)

  const limitBody: MiddlewareHandler = (c, next) => {
    const maxSize = bodyLimitFor(c.req.header("content-type") ?? "", settings.maxDocumentBytes)
    return bodyLimit({ maxSize, onError: (c) => c.json({ error: `the body is over the ${maxSize}-byte limit` }, 413) })(c, next)
  }

  app.get("/", (c) =>
    c.json({
      service: "wiredesk",
      endpoints: ["POST /articles", "GET /articles/:id", "GET /stories", "GET /stories/:id", "GET /health", "GET /metrics", "GET /dashboard"],
    }),
  )

  app.get("/health", async (c) => {
    const ping = await run(tryRedis("ping", () => redis.ping()))
    return ping.ok ? c.json({ status: "ok", redis: "ok" }) : c.json({ status: "unavailable", redis: ping.error }, 503)
  })

  app.post("/articles", requireToken(options.guard), limitBody, async (c) => {
    const body = new Uint8Array(await c.req.arrayBuffer())
    const input = articlesFromBody(c.req.header("content-type") ?? "", body, { id: c.req.query("id") }, settings.maxDocumentBytes)
    if (!input.ok) return c.json({ error: input.error, ...(input.issues ? { issues: input.issues } : {}) }, input.status)
    const outcome = await run(submit(input.submissions))
    if (!outcome.ok) return failed(c, outcome)
    return c.json(
      {
        articles: outcome.value.map((r, i) => {
          const s = input.submissions[i]!
          return {
            ref: r.ref,
            status: r.status,
            articleId: r.articleId,
            requestedId: s.requestedId,
            location: `/articles/${r.articleId ?? r.ref}`,
          }
        }),
      },
      202,
    )
  })

  app.get("/articles/:id", async (c) => {
    const id = c.req.param("id")
    const ref = SubmissionRef.exec(id)
    if (ref === null && !Id.safeParse(id).success) return c.json({ error: "an article id is letters, digits, '.', '_' or '-' (or a submission ref sub-<sha256>)" }, 400)
    const outcome = await run(
      Effect.gen(function* () {
        const log = yield* EventLog
        let articleId = id
        if (ref !== null) {
          const hash = ref[1]!
          const received = yield* log.byId(receivedEventId(hash))
          if (received === null) {
            // Not ingested yet: still in the inbox, or failed before ingest could name it.
            const queued = yield* tryRedis("inbox", () => redis.hexists(keys.inbox, hash))
            const failures = (yield* log.readArticle(hash.slice(0, 100))).filter((e) => e.type === "StageFailed.v1")
            if (failures.length > 0) return articleStatus(id, failures, 0)
            return queued ? articleStatus(id, [], 0) : null
          }
          articleId = received.meta.articleId ?? id
        }
        const events = yield* log.readArticle(articleId)
        if (events.length === 0) return null
        const checkpoint = yield* readReportCheckpoint(redis, settings.prefix)
        return { ...articleStatus(articleId, events, checkpoint), ref: ref !== null ? id : undefined }
      }),
    )
    if (!outcome.ok) return failed(c, outcome)
    return outcome.value === null ? c.json({ error: `no article ${id}` }, 404) : c.json(outcome.value)
  })

  app.get("/stories", async (c) => {
    const page = pageOf(c.req.query("offset"), c.req.query("limit"))
    if (page === null) return c.json({ error: `offset is a whole number, limit one from 1 to ${MAX_STORIES_PAGE}` }, 400)
    const outcome = await run(refreshStories)
    if (!outcome.ok) return failed(c, outcome)
    const { summaries, closed, state } = outcome.value
    const list = newestStories([...summaries.values(), ...closed.values()], page.offset + page.limit)
      .slice(page.offset)
      .map((s) => ({ ...s, articleIds: [...(members.get(s.storyId) ?? [])], report: `/stories/${s.storyId}` }))
    return c.json({ stories: list, total: state.storyCount, offset: page.offset, limit: page.limit, checkpoint: state.checkpoint })
  })

  app.get("/stories/:id", async (c) => {
    const id = c.req.param("id")
    if (!Id.safeParse(id).success) return c.json({ error: "a story id is letters, digits, '.', '_' or '-'" }, 400)
    const outcome = await run(Effect.gen(function* () {
      return yield* (yield* ReportStore).read(reportFileName(id))
    }))
    if (!outcome.ok) return failed(c, outcome)
    if (outcome.value === null) return c.json({ error: `no report for story ${id}` }, 404)
    return c.body(outcome.value, 200, { "content-type": "text/markdown; charset=utf-8" })
  })

  app.get("/metrics", async (c) => {
    const outcome = await run(refreshMetrics)
    if (!outcome.ok) return failed(c, outcome)
    return c.body(outcome.value, 200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" })
  })

  app.use("/dashboard", requireBrowserToken(options.guard, "/dashboard"))
  app.use("/dashboard/*", requireBrowserToken(options.guard, "/dashboard"))
  app.route("/dashboard", dashboard(queues, "/dashboard"))
  return app
}

const MAX_STORIES_PAGE = 10_000

/** The Prometheus text exposition of what /metrics reports. */
export const prometheusText = (m: {
  readonly head: number
  /** The log position the totals are counted to. */
  readonly totalsPosition: number
  readonly reportCheckpoint: number
  readonly jobs: ReadonlyArray<readonly [stage: string, counts: Record<string, number>]>
  readonly waits: ReturnType<typeof waitSummary>
  readonly totals: { readonly articles: number; readonly rejected: number; readonly copies: number; readonly failed: number; readonly stories: number }
}): string => {
  /** One metric: its help and type lines, then its samples (one unlabelled value, or labelled lines). */
  const metric = (name: string, type: "counter" | "gauge" | "summary", help: string, samples: number | readonly string[]) => [
    `# HELP ${name} ${help}`,
    `# TYPE ${name} ${type}`,
    ...(typeof samples === "number" ? [`${name} ${samples}`] : samples),
  ]
  const lines = [
    ...metric("wiredesk_articles_received", "counter", "Articles recorded as received (each once, however often submitted).", m.totals.articles),
    ...metric("wiredesk_articles_rejected", "counter", "Articles extraction rejected (no article text, not a supported document).", m.totals.rejected),
    ...metric("wiredesk_copies_detected", "counter", "Copies of earlier articles dedupe recorded.", m.totals.copies),
    ...metric("wiredesk_articles_failed", "gauge", "Articles whose last word is a stage failure (see wiredesk status, wiredesk retry).", m.totals.failed),
    ...metric("wiredesk_stories", "gauge", "Stories the reports hold (index.md's count), as of the report checkpoint.", m.totals.stories),
    ...metric(
      "wiredesk_totals_position",
      "gauge",
      "The log position the totals above are counted to: below wiredesk_log_events while the first count of a long log catches up.",
      m.totalsPosition,
    ),
    ...metric("wiredesk_log_events", "counter", "Events recorded in the log (its last position).", m.head),
    ...metric("wiredesk_report_checkpoint", "gauge", "The log position the reports folder is written up to.", m.reportCheckpoint),
    ...metric("wiredesk_report_lag_events", "gauge", "Events recorded that the reports do not show yet.", Math.max(0, m.head - m.reportCheckpoint)),
    ...metric(
      "wiredesk_queue_jobs",
      "gauge",
      "Jobs in each stage queue, by state (completed and failed as kept by the queue's retention).",
      m.jobs.flatMap(([stage, counts]) => Object.entries(counts).map(([state, n]) => `wiredesk_queue_jobs{stage="${stage}",state="${state}"} ${n}`)),
    ),
    ...metric(
      "wiredesk_stage_wait_ms",
      "summary",
      "How long recent articles waited for each stage, by the log's clock: received to extracted, to assigned a story, to their story's next report.",
      [],
    ),
  ]
  for (const [stage, w] of Object.entries(m.waits)) {
    if (w.p50Ms !== null) lines.push(`wiredesk_stage_wait_ms{stage="${stage}",quantile="0.5"} ${w.p50Ms}`)
    if (w.p99Ms !== null) lines.push(`wiredesk_stage_wait_ms{stage="${stage}",quantile="0.99"} ${w.p99Ms}`)
    lines.push(`wiredesk_stage_wait_ms_sum{stage="${stage}"} ${w.sumMs}`, `wiredesk_stage_wait_ms_count{stage="${stage}"} ${w.articles}`)
  }
  return `${lines.join("\n")}\n`
}

/** `?offset=&limit=` of GET /stories: 0 and 1,000 unless given; null when either is not a whole number in range. */
const pageOf = (offset: string | undefined, limit: string | undefined): { offset: number; limit: number } | null => {
  const whole = (text: string | undefined, otherwise: number) => (text === undefined ? otherwise : /^\d{1,9}$/.test(text) ? Number(text) : -1)
  const page = { offset: whole(offset, 0), limit: whole(limit, 1_000) }
  return page.offset < 0 || page.limit < 1 || page.limit > MAX_STORIES_PAGE ? null : page
}

/** The services the API takes from the runtime. */
export const apiServices = Effect.gen(function* () {
  return { redis: yield* RedisClient, queues: yield* Queues }
})
