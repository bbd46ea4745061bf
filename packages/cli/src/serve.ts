import { serve as listen } from "@hono/node-server"
import type { WiredeskSettings } from "@wiredesk/core"
import { apiServices, makeApi } from "./api/app.js"
import { guardFrom } from "./api/auth.js"
import { makeRuntime } from "./runtime.js"
import { disposeWithin, untilSignal } from "./shutdown.js"

export interface ServeOptions {
  readonly port: number
  readonly hostname?: string
  readonly insecure?: boolean
}

/** `wiredesk serve`: the HTTP API and the dashboard until SIGTERM; then stops accepting, lets requests finish, exits 0. */
export const serve = async (settings: WiredeskSettings, options: ServeOptions): Promise<number> => {
  const guard = guardFrom(process.env["WIREDESK_TOKEN"], options.insecure ?? false)
  const runtime = makeRuntime(settings)
  const { redis, queues } = await runtime.runPromise(apiServices)
  const app = makeApi(runtime, settings, redis, queues, { guard, redisTimeoutMs: Number(process.env["WIREDESK_REDIS_TIMEOUT_MS"] ?? 2_500) })
  const hostname = options.hostname ?? process.env["HOST"] ?? "0.0.0.0"
  const server = await new Promise<ReturnType<typeof listen>>((resolve, reject) => {
    const s = listen({ fetch: app.fetch, port: options.port, hostname }, () => resolve(s))
    s.once("error", reject)
  })
  const writes =
    guard.kind === "token" ? "writes and /dashboard need the bearer token" : guard.kind === "open" ? "INSECURE: writes and /dashboard are open to anyone" : "writes and /dashboard are DISABLED (401): set WIREDESK_TOKEN or pass --insecure"
  process.stderr.write(`wiredesk serve: listening on http://${hostname}:${options.port} prefix ${settings.prefix}; ${writes}\n`)
  const signal = await untilSignal()
  process.stderr.write(`wiredesk serve: ${signal}, closing\n`)
  const grace = Number(process.env["WIREDESK_GRACE_MS"] ?? 10_000)
  const closed = new Promise<void>((r) => server.close(() => r()))
  if ("closeIdleConnections" in server) server.closeIdleConnections()
  const timer = setTimeout(() => "closeAllConnections" in server && server.closeAllConnections(), grace).unref()
  await closed
  clearTimeout(timer)
  await disposeWithin(runtime)
  process.stderr.write(`wiredesk serve: stopped\n`)
  return 0
}
