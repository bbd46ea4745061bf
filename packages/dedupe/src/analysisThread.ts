/** One analysis thread (analysisThreads.ts): the pure `analyze`, article in, analysis out. */
import { parentPort, workerData } from "node:worker_threads"
import type { ArticleExtractedData } from "@wiredesk/core"
import { CLAIMS, STARTED, UNCLAIMED } from "./analysisThreads.js"
import { analyze } from "./features.js"

const claims = (workerData as { claims?: Int32Array } | null)?.claims

parentPort?.on("message", ({ n, article }: { n: number; article: ArticleExtractedData }) => {
  // A job the event loop has taken back is its own: nothing to work out, nothing to answer.
  if (claims !== undefined && Atomics.compareExchange(claims, n % CLAIMS, UNCLAIMED, STARTED) !== UNCLAIMED) return
  try {
    parentPort?.postMessage({ n, analysis: analyze(article) })
  } catch (e) {
    parentPort?.postMessage({ n, error: String(e) })
  }
})
parentPort?.postMessage({ ready: true })
