/**
 * Extraction on worker threads. The extract core is pure, CPU-bound and independent per article, so a
 * process can run it on its other cores while its event loop keeps serving the queues, the log and the
 * other stages. Threads boot in the background (each loads the core: seconds); until one is ready, and
 * should one die, the same core runs inline. Either way the outcome is the same function of the input.
 */
import { Worker } from "node:worker_threads"
import { restartBudget, THREAD_RESTARTS_PER_MINUTE, type ArticleReceived } from "@wiredesk/core"
import { extractArticle, type ExtractOutcome } from "./extract.js"

/**
 * The thread extracting an input died (a crash, running out of memory). The input is not run again on the event loop,
 * where the same input could take the whole process down: the job fails and is retried on a thread started in its place.
 */
export class ExtractThreadDied extends Error {
  override readonly name = "ExtractThreadDied"
}


export interface ExtractThreads {
  readonly size: number
  /** The outcome of extracting one received article (on a thread when one is ready). */
  readonly extract: (data: ArticleReceived["data"]) => Promise<ExtractOutcome>
  /** How many threads are alive (booting or ready), and how many of them are ready. */
  readonly count: () => { readonly live: number; readonly ready: number }
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

export const startExtractThreads = (size: number, script: URL = new URL("./thread.boot.mjs", import.meta.url)): ExtractThreads => {
  const waiting = new Map<number, { readonly resolve: (o: ExtractOutcome) => void; readonly reject: (e: unknown) => void; readonly thread: Thread }>()
  let next = 0
  let closing = false
  // Per thread of the pool.
  const restarts = restartBudget(THREAD_RESTARTS_PER_MINUTE * size)
  const boots: Promise<void>[] = []
  const threads: Thread[] = []
  const start = (slot: number): void => {
    // The sources are TypeScript run by tsx; a thread does not inherit its hooks, so thread.boot.mjs loads them.
    const thread: Thread = { worker: new Worker(script), ready: false, alive: true, load: 0 }
    thread.worker.unref()
    threads[slot] = thread
    const booted = new Promise<void>((resolve) => {
      const failed = (e: unknown) => {
        if (!thread.alive) return
        thread.alive = false
        const died = new ExtractThreadDied(`extract thread died: ${e instanceof Error ? e.message : String(e)}`)
        for (const [n, w] of waiting) if (w.thread === thread) (waiting.delete(n), w.reject(died))
        resolve()
        if (!closing && restarts.take()) start(slot)
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
      thread.worker.on("exit", (code) => failed(new Error(`exit code ${code}`)))
    })
    if (boots.length < size) boots.push(booted)
  }
  for (let slot = 0; slot < size; slot++) start(slot)
  const inline = (data: ArticleReceived["data"]) => Promise.resolve(extractArticle(data))
  return {
    size,
    ready: Promise.all(boots).then(() => undefined),
    count: () => ({ live: threads.filter((t) => t.alive).length, ready: threads.filter((t) => t.alive && t.ready).length }),
    extract: (data) => {
      const thread = threads.filter((t) => t.ready && t.alive && !closing).sort((a, b) => a.load - b.load)[0]
      if (thread === undefined) return inline(data)
      const n = next++
      thread.load++
      return new Promise<ExtractOutcome>((resolve, reject) => {
        waiting.set(n, { resolve, reject, thread })
        thread.worker.postMessage({ n, data })
      }).catch((e: unknown) => (e instanceof ExtractThreadDied ? Promise.reject(e) : inline(data)))
    },
    close: async () => {
      closing = true
      await Promise.all(threads.map((t) => t.worker.terminate()))
    },
  }
}
