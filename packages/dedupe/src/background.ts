import { readFileSync } from "node:fs"

/**
 * Background document frequencies (packages/dedupe/data/background-df.json, made by
 * `scripts/make-background-df.ts --multilingual` from 924 news texts in eight languages: the 88
 * bodies of the article-extraction benchmark and the SemEval-2022 task 8 dev article texts):
 * added to the live counts so that term weights make sense from the very first article, in every
 * language we see, not just English.
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
