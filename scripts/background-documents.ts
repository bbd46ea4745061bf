/**
 * The texts dedupe's background document-frequency table is counted from, and the counting itself: shared by
 * scripts/make-background-df.ts (which writes the table) and scripts/eval-dedupe.ts --held-out (which counts one
 * without the texts of the pairs it scores).
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { termOf, tokenize } from "../packages/dedupe/src/text.js"

export interface BackgroundDocument {
  readonly text: string
  /** The language its terms are read in (its stopwords left out), or null. */
  readonly language: string | null
}

/** The SemEval-2022 task 8 dev pair files whose article texts the multilingual table counts. */
export const SEMEVAL_PAIR_FILES = ["semeval2022t8_en_pairs.dev.jsonl", "semeval2022t8_multi_pairs.dev.jsonl"] as const

/**
 * Document id -> text and language: the extraction benchmark's hand-checked bodies (English), and with `multilingual`
 * every distinct article text of the SemEval dev pair files (`semeval-<id>`; a text in several pairs counts once).
 */
export const backgroundDocuments = (datasets: string, multilingual: boolean): Map<string, BackgroundDocument> => {
  const documents = new Map<string, BackgroundDocument>()
  const truth = JSON.parse(readFileSync(join(datasets, "article-extraction-dev", "ground-truth.json"), "utf8")) as Record<string, { articleBody: string }>
  for (const id of Object.keys(truth).sort()) documents.set(`extraction-${id}`, { text: truth[id]?.articleBody ?? "", language: "en" })
  if (multilingual)
    for (const file of SEMEVAL_PAIR_FILES)
      for (const line of readFileSync(join(datasets, "story-clusters-dev", file), "utf8").split("\n")) {
        if (line.trim().length === 0) continue
        const row = JSON.parse(line) as { id1: unknown; id2: unknown; text1: unknown; text2: unknown; lang1: unknown; lang2: unknown }
        for (const [id, text, language] of [[row.id1, row.text1, row.lang1], [row.id2, row.text2, row.lang2]] as const) {
          const key = `semeval-${String(id)}`
          const known = documents.get(key)
          documents.set(key, { text: String(text ?? ""), language: typeof language === "string" ? language : (known?.language ?? null) })
        }
      }
  return documents
}

/** Each term's number of documents, each text's terms counted as dedupe reads an article in its language. */
export const documentFrequencies = (documents: Iterable<BackgroundDocument>): Map<string, number> => {
  const df = new Map<string, number>()
  for (const { text, language } of documents) {
    const terms = new Set<string>()
    for (const token of tokenize(text)) {
      const term = termOf(token.folded, language)
      if (term !== null) terms.add(term)
    }
    for (const term of terms) df.set(term, (df.get(term) ?? 0) + 1)
  }
  return df
}
