/**
 * Extraction on worker threads. The extract core is pure, CPU-bound and independent per article, so a
 * process can run it on its other cores while its event loop keeps serving the queues, the log and the
 * other stages. Threads boot in the background (each loads the core: seconds); until one is ready, and
 * should one die, the same core runs inline. Either way the outcome is the same function of the input.
 */
import { Worker } from "node:worker_threads"
import type { ArticleReceived } from "@wiredesk/core"
import { extractArticle, type ExtractOutcome } from "./extract.js"

export interface ExtractThreads {
  readonly size: number
  /** The outcome of extracting one received article (on a thread when one is ready). */
  readonly extract: (data: ArticleReceived["data"]) => Promise<ExtractOutcome>
  /** Resolves once every thread has loaded the core (or failed to). */
  readonly ready: Promise<void>
  readonly close: () => Promise<void>
}

interface Thread {
  readonly worker: Worker
  ready: boolean
  alive: boolean
  load: number
}

type Reply = { readonly ready: true } | { readonly n: number; readonly outcome: ExtractOutcome } | { readonly n: number; readonly error: string }

export const startExtractThreads = (size: number): ExtractThreads => {
  const waiting = new Map<number, { readonly resolve: (o: ExtractOutcome) => void; readonly reject: (e: unknown) => void; readonly thread: Thread }>()
  let next = 0
  const boots: Promise<void>[] = []
  const threads: Thread[] = Array.from({ length: size }, () => {
    // The sources are TypeScript run by tsx; a thread does not inherit its hooks, so thread.boot.mjs loads them.
    const thread: Thread = { worker: new Worker(new URL("./thread.boot.mjs", import.meta.url)), ready: false, alive: true, load: 0 }
    thread.worker.unref()
    boots.push(
      new Promise<void>((resolve) => {
        const failed = (e: unknown) => {
          thread.alive = false
          for (const [n, w] of waiting) if (w.thread === thread) (waiting.delete(n), w.reject(e))
          resolve()
        }
        thread.worker.on("message", (m: Reply) => {
          if ("ready" in m) {
            thread.ready = true
            return resolve()
          }
          const w = waiting.get(m.n)
          waiting.delete(m.n)
          thread.load--
          if ("outcome" in m) w?.resolve(m.outcome)
          else w?.reject(new Error(m.error))
        })
        thread.worker.on("error", failed)
        thread.worker.on("exit", (code) => failed(new Error(`extract thread exited (${code})`)))
      }),
    )
    return thread
  })
  const inline = (data: ArticleReceived["data"]) => Promise.resolve(extractArticle(data))
  return {
    size,
    ready: Promise.all(boots).then(() => undefined),
    extract: (data) => {
      const thread = threads.filter((t) => t.ready && t.alive).sort((a, b) => a.load - b.load)[0]
      if (thread === undefined) return inline(data)
      const n = next++
      thread.load++
      return new Promise<ExtractOutcome>((resolve, reject) => {
        waiting.set(n, { resolve, reject, thread })
        thread.worker.postMessage({ n, data })
      }).catch(() => inline(data))
    },
    close: async () => {
      for (const t of threads) t.alive = false
      await Promise.all(threads.map((t) => t.worker.terminate()))
    },
  }
}
