import { availableParallelism } from "node:os"
import { Context, Layer } from "effect"
import { z } from "zod"

export const Prefix = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, "a prefix is 1-64 letters, digits, '.', '_' or '-'")

export interface WiredeskSettings {
  readonly redisUrl: string
  readonly prefix: string
  readonly reportsDir: string
  readonly maxDocumentBytes: number
  /** Worker threads this process gives the extract core (0: it runs on the event loop). */
  readonly extractThreads: number
  /** How many recent articles the dedupe index holds (WIREDESK_DEDUPE_WINDOW); every dedupe worker on one log must agree. */
  readonly dedupeWindow: number
  /** The report stage's refreshes run on a worker thread of their own, off the event loop (WIREDESK_REPORT_THREAD; on with a core to spare). */
  readonly reportThread?: boolean
}

/** The dedupe index's default window (packages/dedupe INDEX_WINDOW says what it means), unless WIREDESK_DEDUPE_WINDOW sets another. */
export const DEFAULT_DEDUPE_WINDOW = 100_000

const positiveIntegerFrom = (raw: string | undefined, fallback: number): number => {
  const n = Number(raw)
  return raw !== undefined && Number.isInteger(n) && n > 0 ? n : fallback
}

/** WIREDESK_EXTRACT_THREADS, else every core but one (which keeps the event loop, the other stages and Redis). */
const extractThreadsFrom = (env: Record<string, string | undefined>): number => {
  const asked = Number(env["WIREDESK_EXTRACT_THREADS"])
  return env["WIREDESK_EXTRACT_THREADS"] !== undefined && Number.isInteger(asked) && asked >= 0 ? asked : Math.min(8, availableParallelism() - 1)
}

/** Resolves settings: explicit flags win over the environment, which wins over defaults. */
export const resolveSettings = (
  flags: { readonly redis?: string | undefined; readonly prefix?: string | undefined; readonly reports?: string | undefined },
  env: Record<string, string | undefined> = process.env,
): WiredeskSettings => ({
  redisUrl: flags.redis ?? env["REDIS_URL"] ?? "redis://127.0.0.1:6379",
  prefix: Prefix.parse(flags.prefix ?? env["WIREDESK_PREFIX"] ?? "wiredesk"),
  reportsDir: flags.reports ?? env["WIREDESK_REPORTS"] ?? "./reports",
  maxDocumentBytes: Number(env["WIREDESK_MAX_BYTES"] ?? 5 * 1024 * 1024),
  extractThreads: extractThreadsFrom(env),
  dedupeWindow: positiveIntegerFrom(env["WIREDESK_DEDUPE_WINDOW"], DEFAULT_DEDUPE_WINDOW),
  reportThread: env["WIREDESK_REPORT_THREAD"] === "1",
})

export class Settings extends Context.Service<Settings, WiredeskSettings>()("wiredesk/Settings") {
  static readonly layer = (settings: WiredeskSettings) => Layer.succeed(Settings, settings)
}

/**
 * The settings of a long-running worker (`wiredesk worker`): the report stage on a thread of its own wherever there is
 * a core to spare, unless WIREDESK_REPORT_THREAD=0. Rendering then leaves the event loop that serves the queues, the
 * log and dedupe. One-shot commands (`wiredesk run`) keep it on the event loop unless WIREDESK_REPORT_THREAD=1: the
 * thread loads its own copy of the report core (about 1.5 s of CPU under tsx), which a short run would mostly wait for.
 */
export const workerSettings = (settings: WiredeskSettings, env: Record<string, string | undefined> = process.env): WiredeskSettings => ({
  ...settings,
  reportThread: env["WIREDESK_REPORT_THREAD"] === "1" || (env["WIREDESK_REPORT_THREAD"] !== "0" && availableParallelism() > 1),
})
