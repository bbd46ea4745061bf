import { readFileSync } from "node:fs"

/**
 * Background document frequencies (packages/dedupe/data/background-df.json, made by
 * scripts/make-background-df.ts from the 88 bodies of the article-extraction benchmark):
 * added to the live counts so that term weights make sense from the very first article.
 */
export interface Background {
  readonly documents: number
  readonly df: ReadonlyMap<string, number>
}

const load = (): Background => {
  const raw = JSON.parse(readFileSync(new URL("../data/background-df.json", import.meta.url), "utf8")) as {
    documents: number
    df: Record<string, number>
  }
  return { documents: raw.documents, df: new Map(Object.entries(raw.df)) }
}

export const BACKGROUND: Background = load()
