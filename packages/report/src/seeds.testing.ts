import { readdirSync, readFileSync } from "node:fs"
import { basename, dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { decodeDocument, extractArticle } from "@wiredesk/extract"
import type { ArticleView } from "./stories.js"

/** The repository root, found from this file. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..")

/** One article as the pipeline would see it once extracted: the real extract stage runs on the text. */
export const viewOf = (
  articleId: string,
  input: string,
  bytes: Uint8Array,
  receivedAt: number,
  hints: { title: string | null; publishedAt: string | null; source: string | null; url: string | null } = { title: null, publishedAt: null, source: null, url: null },
): ArticleView => {
  const decoded = decodeDocument(bytes, { filename: input })
  if (!decoded.ok) throw new Error(`${input}: ${decoded.reason}`)
  const outcome = extractArticle({ articleId, contentHash: "x", input, format: decoded.format, content: decoded.text, hints })
  if (outcome.kind !== "extracted") throw new Error(`${input}: ${outcome.reason}`)
  return { articleId, input, receivedAt, extracted: outcome.data, extractedAt: null, copyOf: null, copyCause: null, storyId: "seeds" }
}

/** The five seed articles (one story), extracted by the current extract stage. */
export const seedViews = (): ArticleView[] => {
  const dir = join(repoRoot, "fixtures", "seeds")
  return readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f, i) => viewOf(basename(f, ".txt"), f, readFileSync(join(dir, f)), i + 1))
}
