/**
 * Worker threads that work out `analyze(article)` (tokens, terms, copy signature, sentence keys: half of a decision's
 * CPU, and a function of the article alone) while the event loop makes the decisions, which depend on the state and
 * are taken one at a time. A replay of dedupe sends each extraction here as soon as it reads it, ahead of its decision.
 * An analysis a thread cannot give (it died, failed, or the pool was closed) comes back as undefined: the decision
 * then works it out on the event loop, with the same result.
 *
 * When the event loop would wait for an analysis, it takes back the newest one no thread has started and works it out
 * itself (`takeBack`): each side claims a job in a shared array before it starts it, so a job is worked out once, by
 * whichever claims it first. The threads work from the oldest job, the event loop from the newest: the two meet in the
 * middle whichever is faster, as a work-stealing deque's owner and thief do.
 */
import { Worker } from "node:worker_threads"
import type { ArticleExtractedData } from "@wiredesk/core"
import type { ArticleAnalysis } from "./features.js"

export interface AnalysisThreads {
  readonly size: number
  /** Resolves once every thread has loaded the dedupe core. */
  readonly ready: Promise<void>
  /** `analyze(article)`, or undefined when no thread could give it (none ready yet, or it died). */
  readonly analyze: (article: ArticleExtractedData) => Promise<ArticleAnalysis | undefined>
  /**
   * Claims the newest job no thread has started and settles it with `work(article)`, worked out by the caller (the
   * event loop); false when every job left is started or done.
   */
  readonly takeBack: (work: (article: ArticleExtractedData) => ArticleAnalysis) => boolean
  readonly close: () => Promise<void>
}

interface Thread {
  readonly worker: Worker
  ready: boolean
  alive: boolean
  load: number
}

type Reply = { readonly ready: true } | { readonly n: number; readonly analysis: ArticleAnalysis } | { readonly n: number; readonly error: string }

/**
 * Job n's claim, at n modulo CLAIMS (far more than are ever outstanding: the replay sends one batch of the log ahead):
 * UNCLAIMED when sent, then STARTED by the thread that works it out or TAKEN_BACK by the event loop, whichever is first.
 */
export const CLAIMS = 1 << 16
export const UNCLAIMED = 0
export const STARTED = 1
export const TAKEN_BACK = 2

export const startAnalysisThreads = (size: number, script: URL = new URL("./analysisThread.boot.mjs", import.meta.url)): AnalysisThreads => {
  const waiting = new Map<number, { readonly resolve: (a: ArticleAnalysis | undefined) => void; readonly thread: Thread; readonly article: ArticleExtractedData }>()
  const claims = new Int32Array(new SharedArrayBuffer(4 * CLAIMS))
  let next = 0
  /** Below this, every job is started, done or taken back: `takeBack` looks no lower. */
  let floor = 0
  const threads = Array.from({ length: size }, (): Thread => ({ worker: new Worker(script, { workerData: { claims } }), ready: false, alive: true, load: 0 }))
  const boots = threads.map(
    (thread) =>
      new Promise<void>((ready) => {
        const failed = () => {
          if (!thread.alive) return
          thread.alive = false
          ready()
          for (const [n, w] of waiting) if (w.thread === thread) (waiting.delete(n), w.resolve(undefined))
        }
        thread.worker.unref()
        thread.worker.on("message", (m: Reply) => {
          if ("ready" in m) {
            thread.ready = true
            return ready()
          }
          const w = waiting.get(m.n)
          if (w === undefined) return
          waiting.delete(m.n)
          thread.load--
          w.resolve("analysis" in m ? m.analysis : undefined)
        })
        thread.worker.on("error", failed)
        thread.worker.on("exit", failed)
      }),
  )
  return {
    size,
    ready: Promise.all(boots).then(() => undefined),
    analyze: (article) => {
      let thread: Thread | undefined
      // While no thread has loaded the core yet (about a second), the event loop works analyses out itself.
      for (const t of threads) if (t.alive && t.ready && (thread === undefined || t.load < thread.load)) thread = t
      if (thread === undefined) return Promise.resolve(undefined)
      const n = next++
      thread.load++
      const chosen = thread
      return new Promise<ArticleAnalysis | undefined>((resolve) => {
        waiting.set(n, { resolve, thread: chosen, article })
        Atomics.store(claims, n % CLAIMS, UNCLAIMED)
        // What `analyze` reads, not the quotes and the rest.
        const { articleId, title, body, url, language, entities } = article
        chosen.worker.postMessage({ n, article: { articleId, title, body, url, language, entities } })
      })
    },
    takeBack: (work) => {
      for (let n = next - 1; n >= floor; n--) {
        const job = waiting.get(n)
        if (job === undefined) continue
        if (Atomics.compareExchange(claims, n % CLAIMS, UNCLAIMED, TAKEN_BACK) !== UNCLAIMED) {
          // A thread has started it. A thread takes its jobs oldest first: with one thread every older job is started or
          // done too; with several, an older one of another thread's is left to that thread.
          floor = n + 1
          return false
        }
        waiting.delete(n)
        job.thread.load--
        job.resolve(work(job.article))
        return true
      }
      return false
    },
    close: async () => {
      await Promise.all(threads.map((t) => t.worker.terminate()))
    },
  }
}
