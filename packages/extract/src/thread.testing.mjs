// A stand-in extraction thread for threads.unit.spec.ts: dies on an input whose content is "die" (as a thread that
// crashes or runs out of memory on one page would), answers anything else with a marker outcome.
import { parentPort } from "node:worker_threads"

parentPort?.on("message", ({ n, data }) => {
  if (data.content === "die") process.exit(3)
  parentPort?.postMessage({ n, outcome: { kind: "rejected", reason: `from a thread: ${data.articleId}` } })
})
parentPort?.postMessage({ ready: true })
