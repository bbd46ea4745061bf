import type { ArticleExtractedData, ArticleReceived } from "@wiredesk/core"
import { extractArticle } from "@wiredesk/extract"
import { receive, type Submission } from "@wiredesk/ingest"

/** What ingest and extract make of corpus submissions, offline: the ArticleReceived and ArticleExtracted data. */
export const receiveAndExtract = (corpus: readonly Submission[]) => {
  const out: { received: ArticleReceived["data"]; extracted: ArticleExtractedData }[] = []
  for (const s of corpus) {
    const r = receive(s, s.requestedId ?? s.contentHash.slice(0, 12), Number.MAX_SAFE_INTEGER)
    if (r.type !== "ArticleReceived.v1") continue
    const x = extractArticle(r.data)
    if (x.kind === "extracted") out.push({ received: r.data, extracted: x.data })
  }
  return out
}
