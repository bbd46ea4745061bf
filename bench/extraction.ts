import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { gunzipSync } from "node:zlib"
import { decodeDocument, extractArticle } from "@wiredesk/extract"
import { datasetsDir } from "./corpus.js"
import { median, quantile } from "./stats.js"

/** Milliseconds per page through decodeDocument + extractArticle on the dev HTML pages (best of `rounds` per page). */
export const extractionBench = (rounds: number) => {
  const dir = join(datasetsDir, "article-extraction-dev", "html")
  const pages = readdirSync(dir)
    .filter((f) => f.endsWith(".html.gz"))
    .sort()
    .map((f) => ({ name: f, bytes: gunzipSync(readFileSync(join(dir, f))) }))
  const perPage: number[] = []
  for (const page of pages) {
    let best = Infinity
    for (let r = 0; r < rounds; r++) {
      const t = performance.now()
      const decoded = decodeDocument(page.bytes, { filename: page.name.replace(/\.gz$/, ""), contentType: "text/html" })
      if (decoded.ok)
        extractArticle({ articleId: "page", contentHash: "0".repeat(64), input: page.name, format: decoded.format, content: decoded.text, hints: { title: null, publishedAt: null, source: null, url: null } })
      best = Math.min(best, performance.now() - t)
    }
    perPage.push(best)
  }
  return { pages: pages.length, rounds, medianMs: median(perPage), p90Ms: quantile(perPage, 0.9), maxMs: Math.max(...perPage), meanKb: pages.reduce((s, p) => s + p.bytes.length, 0) / pages.length / 1024 }
}
