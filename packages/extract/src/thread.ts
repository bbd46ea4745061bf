/** One extraction thread (threads.ts): the pure extract core, message in, outcome out. */
import { parentPort } from "node:worker_threads"
import type { ArticleReceived } from "@wiredesk/core"
import { extractArticle } from "./extract.js"

parentPort?.on("message", ({ n, data }: { n: number; data: ArticleReceived["data"] }) => {
  try {
    parentPort?.postMessage({ n, outcome: extractArticle(data) })
  } catch (e) {
    parentPort?.postMessage({ n, error: String(e) })
  }
})
parentPort?.postMessage({ ready: true })
