/**
 * The report stage's refreshes on a worker thread of their own. Rendering is the largest cost left on a worker's event
 * loop, which also serves the queues, the log and dedupe; the report core is pure, so a thread can hold the story
 * projection and run the whole refresh (fold, render, write, record) with its own connections, while the event loop
 * only asks for a refresh and waits. One refresh at a time, as on the event loop.
 */
import { Worker } from "node:worker_threads"
import { restartBudget, THREAD_RESTARTS_PER_MINUTE, type RecordedEvent, type WiredeskSettings } from "@wiredesk/core"

export interface ReportThread {
  /** Runs one refresh on the thread; rejects with the thread's error (the job is retried). */
  readonly refresh: () => Promise<void>
  /**
   * Warms the thread's own copy of the report core (a thread compiles and optimises its code apart from the event
   * loop's) on a sample's recorded events, in memory: `rounds` refreshes of a fresh projection, nothing written.
   */
  readonly warm: (events: readonly RecordedEvent[], rounds: number) => Promise<void>
  /** False once the thread has exited (a crash, running out of memory, `close`): it takes no more requests. */
  readonly alive: () => boolean
  readonly close: () => Promise<void>
}

/**
 * The live thread, started when first asked for and started again when the one before has died: a new thread folds its
 * projection from the log again, from the report checkpoint, so a crash costs a restart, not the report stage. A
 * thread that keeps dying (more than `THREAD_RESTARTS_PER_MINUTE` restarts within a minute) is not started again: `get`
 * answers null from then on, and the refreshes run on the event loop, as without a thread.
 */
export const restartingThread = (start: () => ReportThread, now: () => number = Date.now) => {
  let current: ReportThread | null = null
  let givenUp = false
  const restarts = restartBudget(THREAD_RESTARTS_PER_MINUTE, now)
  return {
    get: (): ReportThread | null => {
      if (current !== null && current.alive()) return current
      if (givenUp) return null
      if (current !== null && !restarts.take()) {
        givenUp = true
        return null
      }
      return (current = start())
    },
    close: (): Promise<void> => current?.close() ?? Promise.resolve(),
  }
}

/** What the event loop asks of the thread. */
export type ReportThreadRequest =
  | { readonly n: number; readonly kind: "refresh" }
  | { readonly n: number; readonly kind: "warm"; readonly events: readonly RecordedEvent[]; readonly rounds: number }

type Reply = { readonly n: number; readonly ok: true } | { readonly n: number; readonly error: string }

export const startReportThread = (settings: WiredeskSettings): ReportThread => {
  // The sources are TypeScript run by tsx; a thread does not inherit its hooks, so the boot file loads them.
  const worker = new Worker(new URL("./reportThread.boot.mjs", import.meta.url), { workerData: settings })
  worker.unref()
  const waiting = new Map<number, { readonly resolve: () => void; readonly reject: (e: Error) => void }>()
  let next = 0
  let dead: Error | null = null
  const fail = (e: Error) => {
    dead = e
    for (const [n, w] of waiting) (waiting.delete(n), w.reject(e))
  }
  worker.on("message", (m: Reply) => {
    const w = waiting.get(m.n)
    waiting.delete(m.n)
    if ("ok" in m) w?.resolve()
    else w?.reject(new Error(m.error))
  })
  worker.on("error", fail)
  worker.on("exit", (code) => fail(new Error(`report thread exited (${code})`)))
  // Messages sent while the thread still loads wait in its port until it listens.
  const ask = (request: (n: number) => ReportThreadRequest) =>
    new Promise<void>((resolve, reject) => {
      if (dead !== null) return reject(dead)
      const n = next++
      waiting.set(n, { resolve, reject })
      worker.postMessage(request(n))
    })
  return {
    refresh: () => ask((n) => ({ n, kind: "refresh" })),
    warm: (events, rounds) => ask((n) => ({ n, kind: "warm", events, rounds })),
    alive: () => dead === null,
    close: async () => {
      await worker.terminate()
    },
  }
}
