import { extractArticle, type ExtractOutcome } from "@wiredesk/extract"
import { receive, type Submission } from "@wiredesk/ingest"
import { loadInputs } from "../inputs.js"

/** Pure: what ingest and extract together make of one submission, without Redis: the article keeps the id it asks for. */
export const extractOffline = (submission: Submission, maxBytes: number): ExtractOutcome => {
  const received = receive(submission, submission.requestedId ?? submission.contentHash.slice(0, 12), maxBytes)
  return received.type === "ArticleRejected.v1"
    ? { kind: "rejected", code: received.data.code, reason: received.data.reason }
    : extractArticle(received.data)
}

/** `wiredesk extract`: one JSON line per input, offline; exit code 1 only when every input was rejected. */
export const extractCommand = async (paths: readonly string[], maxBytes: number, write: (s: string) => void): Promise<number> => {
  const { submissions } = await loadInputs(paths, maxBytes)
  let rejected = 0
  for (const s of submissions) {
    const outcome = extractOffline(s, maxBytes)
    if (outcome.kind === "rejected") {
      rejected++
      write(`${JSON.stringify({ input: s.input, rejected: outcome.code, reason: outcome.reason })}\n`)
      continue
    }
    const { title, publishedAt, dateline, credit, byline, language, body, entities, quotes } = outcome.data
    write(`${JSON.stringify({ input: s.input, title, publishedAt, dateline, credit, byline, language, body, entities, quotes })}\n`)
  }
  return rejected > 0 && rejected === submissions.length ? 1 : 0
}
