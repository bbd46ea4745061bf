import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { gunzipSync } from "node:zlib"
import { decodeDocument, extractArticle } from "@wiredesk/extract"
import { repoRoot, viewOf } from "./seeds.testing.js"
import type { ArticleView } from "./stories.js"

interface EventRow {
  readonly id: string
  readonly cluster: string
  readonly title: string | null
  readonly text: string
  readonly date: string | null
  readonly source: string | null
  readonly url: string | null
}

const rejected = (text: string, hints: { title: string | null; publishedAt: string | null; source: string | null; url: string | null }): boolean => {
  const decoded = decodeDocument(new TextEncoder().encode(text), { filename: "event.txt" })
  return decoded.ok && extractArticle({ articleId: "event", contentHash: "x", input: "event.txt", format: decoded.format, content: decoded.text, hints }).kind === "rejected"
}

/** The Giveme5W1H dev events, grouped by labelled cluster (but those extraction rejects): the fixture copy, else the shared datasets folder; null when neither exists. */
export const eventClusters = (): Map<string, ArticleView[]> | null => {
  const fixture = join(repoRoot, "fixtures", "report", "giveme5w1h_events.dev.jsonl.gz")
  const shared = join(process.env.WIREDESK_DATASETS ?? join(repoRoot, "..", "shared", "datasets"), "story-clusters-dev", "giveme5w1h_events.dev.jsonl")
  const text = existsSync(fixture) ? gunzipSync(readFileSync(fixture)).toString("utf8") : existsSync(shared) ? readFileSync(shared, "utf8") : null
  if (text === null) return null
  const clusters = new Map<string, ArticleView[]>()
  text
    .split("\n")
    .filter((l) => l.trim().length > 0)
    .forEach((line, i) => {
      const row = JSON.parse(line) as EventRow
      const articleId = `g5w-${row.id.slice(0, 16)}`
      const date = row.date && /^\d{4}-\d{2}-\d{2}/.test(row.date) ? row.date.slice(0, 10) : null
      // A page extraction rejects (only a site's notices) is in no story, as in the pipeline.
      if (rejected(row.text, { title: row.title, publishedAt: date, source: row.source, url: row.url })) return
      const view = viewOf(articleId, `${row.id}.txt`, new TextEncoder().encode(row.text), i + 1, { title: row.title, publishedAt: date, source: row.source, url: row.url })
      clusters.set(row.cluster, [...(clusters.get(row.cluster) ?? []), { ...view, storyId: row.cluster }])
    })
  return clusters
}
