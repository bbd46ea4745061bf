/** One analysis thread (analysisThreads.ts): the pure `analyze`, article in, analysis out. */
import { parentPort } from "node:worker_threads"
import type { ArticleExtractedData } from "@wiredesk/core"
import { analyze } from "./features.js"

parentPort?.on("message", ({ n, article }: { n: number; article: ArticleExtractedData }) => {
  try {
    parentPort?.postMessage({ n, analysis: analyze(article) })
  } catch (e) {
    parentPort?.postMessage({ n, error: String(e) })
  }
})
parentPort?.postMessage({ ready: true })
