import type { AppRuntime } from "./runtime.js"

/** Resolves with the name of the first SIGTERM or SIGINT: long-running commands drain on either. */
export const untilSignal = (): Promise<string> =>
  new Promise((resolve) => {
    process.once("SIGTERM", () => resolve("SIGTERM"))
    process.once("SIGINT", () => resolve("SIGINT"))
  })

/** Closes the runtime's clients, giving up after `ms`: with Redis gone, closing a client can wait forever, and nothing is left to save. */
export const disposeWithin = (runtime: AppRuntime, ms = 2_000): Promise<unknown> =>
  Promise.race([runtime.dispose().catch(() => undefined), new Promise((r) => setTimeout(r, ms).unref())])
