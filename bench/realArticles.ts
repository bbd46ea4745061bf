import type { ArticleExtractedData, ArticleReceived } from "@wiredesk/core"
import { extractArticle } from "@wiredesk/extract"
import { receive, type Submission } from "@wiredesk/ingest"

/** What ingest records for corpus submissions, offline: the ArticleReceived data of those it accepts. */
const receiveAll = (corpus: readonly Submission[]): ArticleReceived["data"][] =>
  corpus.flatMap((s) => {
    const r = receive(s, s.requestedId ?? s.contentHash.slice(0, 12), Number.MAX_SAFE_INTEGER)
    return r.type === "ArticleReceived.v1" ? [r.data] : []
  })

/** What ingest and extract make of corpus submissions, offline: the ArticleReceived and ArticleExtracted data. */
export const receiveAndExtract = (corpus: readonly Submission[]) => {
  const out: { received: ArticleReceived["data"]; extracted: ArticleExtractedData }[] = []
  for (const received of receiveAll(corpus)) {
    const x = extractArticle(received)
    if (x.kind === "extracted") out.push({ received, extracted: x.data })
  }
  return out
}

/**
 * CPU milliseconds per article of the extract core alone over corpus submissions (received first, untimed), warm: the
 * corpus is extracted once untimed first, as a long-running worker's threads are warm (cold, 300 articles measured
 * 6.3-10.0 ms where warm ones take 3).
 */
export const extractionCpuPerArticle = (corpus: readonly Submission[]): number => {
  const received = receiveAll(corpus)
  for (const r of received) extractArticle(r)
  const start = process.cpuUsage()
  for (const r of received) extractArticle(r)
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000 / Math.max(1, received.length)
}
