/**
 * The report stage's refreshes on a worker thread of their own. Rendering is the largest cost left on a worker's event
 * loop, which also serves the queues, the log and dedupe; the report core is pure, so a thread can hold the story
 * projection and run the whole refresh (fold, render, write, record) with its own connections, while the event loop
 * only asks for a refresh and waits. One refresh at a time, as on the event loop.
 */
import { Worker } from "node:worker_threads"
import type { WiredeskSettings } from "@wiredesk/core"

export interface ReportThread {
  /** Runs one refresh on the thread; rejects with the thread's error (the job is retried). */
  readonly refresh: () => Promise<void>
  readonly close: () => Promise<void>
}

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
  return {
    refresh: () =>
      new Promise<void>((resolve, reject) => {
        if (dead !== null) return reject(dead)
        const n = next++
        waiting.set(n, { resolve, reject })
        worker.postMessage({ n })
      }),
    close: async () => {
      await worker.terminate()
    },
  }
}
