import { readFileSync, readdirSync } from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { gunzipSync } from "node:zlib"
import type { ArticleReceived } from "@wiredesk/core"

/** Real documents from the repository's fixtures folder, shaped as the extract stage receives them. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..")
const fixtures = path.join(repoRoot, "fixtures")

export const received = (
  articleId: string,
  content: string,
  format: "text" | "html",
  hints: Partial<ArticleReceived["data"]["hints"]> = {},
): ArticleReceived["data"] => ({
  articleId,
  contentHash: `sha256-${articleId}`,
  input: articleId,
  format,
  content,
  hints: { title: null, publishedAt: null, source: null, url: null, ...hints },
})

export interface SeedExpectation {
  readonly publishedAt: string | null
  readonly title: string | null
  readonly dateline?: string
  readonly credit?: string
  readonly notInBody: readonly string[]
  readonly subheadings?: readonly string[]
}

export const seedFiles = (): string[] => readdirSync(path.join(fixtures, "seeds")).filter((f) => f.endsWith(".txt")).sort()
export const seedText = (file: string): string => readFileSync(path.join(fixtures, "seeds", file), "utf8")
export const seedExpectations = (): Record<string, SeedExpectation> =>
  (JSON.parse(readFileSync(path.join(fixtures, "seeds-expected.json"), "utf8")) as { articles: Record<string, SeedExpectation> }).articles
export const seed = (prefix: string): ArticleReceived["data"] => {
  const file = seedFiles().find((f) => f.startsWith(prefix))!
  return received(file.replace(/\.txt$/, ""), seedText(file), "text")
}

/**
 * Article-extraction benchmark pages, sorted by id: `ground-truth.json` in `folder` and each page gzipped as `<id>.html.gz`
 * in `htmlFolder`. By default the eight copied into fixtures/extract; the eval script passes the whole dev set.
 */
export const benchmarkPages = (
  folder: string = path.join(fixtures, "extract"),
  htmlFolder: string = folder,
): { id: string; html: string; articleBody: string }[] => {
  const truth = JSON.parse(readFileSync(path.join(folder, "ground-truth.json"), "utf8")) as Record<string, { articleBody: string }>
  return Object.keys(truth)
    .sort()
    .map((id) => ({
      id,
      html: gunzipSync(readFileSync(path.join(htmlFolder, `${id}.html.gz`))).toString("utf8"),
      articleBody: truth[id]!.articleBody,
    }))
}

export const extractFixtureText = (name: string): string => readFileSync(path.join(fixtures, "extract", name), "utf8")

/** A wire story from the Giveme5W1H set, received as plain text with its record's title and date as hints. */
export const wireStory = (kind: "ap" | "reuters" | "trf"): ArticleReceived["data"] => {
  const file = readdirSync(path.join(fixtures, "extract")).find((f) => f.startsWith(`giveme5w1h-${kind}-`))!
  const record = JSON.parse(readFileSync(path.join(fixtures, "extract", file), "utf8")) as { id: string; title: string; text: string; date: string; source: string; url: string }
  return received(`wire-${kind}`, record.text, "text", { title: record.title, publishedAt: record.date.slice(0, 10), source: record.source, url: record.url })
}
