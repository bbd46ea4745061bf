// A stand-in analysis thread for analysisThreads.unit.spec.ts: dies on an article whose id is "die" (as a thread that
// crashes or runs out of memory would), answers anything else with a marker analysis.
import { parentPort } from "node:worker_threads"

parentPort?.on("message", ({ n, article }) => {
  if (article.articleId === "die") process.exit(3)
  parentPort?.postMessage({ n, analysis: { marker: `from a thread: ${article.articleId}` } })
})
parentPort?.postMessage({ ready: true })
