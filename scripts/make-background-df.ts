/**
 * Builds packages/dedupe/data/background-df.json: document frequencies of dedupe's content terms
 * over general news text, so term weights are sensible from the very first article (dedupe adds
 * these counts to the live corpus counts).
 *
 * Sources (texts only; no label, cluster, rating or pair is read):
 *  - the 88 hand-checked article bodies of the article-extraction benchmark (English: tech, sport,
 *    politics, business, 2018-2020);
 *  - with --multilingual, also every distinct article text of the SemEval-2022 task 8 dev pair files
 *    (English, German, Spanish, Turkish, Polish, Arabic, French): the only non-English news text we
 *    have, without which every non-English word looks rare. The Giveme5W1H events are left out: an
 *    online clustering run counts its own articles live, and counting them twice would tell the
 *    stage about articles it has not seen yet.
 *
 * Each text's terms are counted as dedupe reads an article in its language (the SemEval files name it; the
 * extraction benchmark's bodies are English): its language's stopwords are left out.
 *
 *   npx tsx scripts/make-background-df.ts [--multilingual] [datasetsDir]
 */
import { readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { termOf, tokenize } from "../packages/dedupe/src/text.js"

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..")
const args = process.argv.slice(2)
const multilingual = args.includes("--multilingual")
const datasets = args.find((a) => !a.startsWith("--")) ?? process.env.WIREDESK_DATASETS ?? join(repoRoot, "..", "shared", "datasets")

/** Document id -> text, from every source; a text seen twice (a SemEval article in several pairs) counts once. */
const documents = new Map<string, string>()
/** Document id -> its language. */
const languages = new Map<string, string>()
const truth = JSON.parse(readFileSync(join(datasets, "article-extraction-dev", "ground-truth.json"), "utf8")) as Record<string, { articleBody: string }>
for (const id of Object.keys(truth).sort()) {
  documents.set(`extraction-${id}`, truth[id]?.articleBody ?? "")
  languages.set(`extraction-${id}`, "en")
}
if (multilingual)
  for (const file of ["semeval2022t8_en_pairs.dev.jsonl", "semeval2022t8_multi_pairs.dev.jsonl"])
    for (const line of readFileSync(join(datasets, "story-clusters-dev", file), "utf8").split("\n")) {
      if (line.trim().length === 0) continue
      const row = JSON.parse(line) as { id1: unknown; id2: unknown; text1: unknown; text2: unknown; lang1: unknown; lang2: unknown }
      documents.set(`semeval-${String(row.id1)}`, String(row.text1 ?? ""))
      documents.set(`semeval-${String(row.id2)}`, String(row.text2 ?? ""))
      if (typeof row.lang1 === "string") languages.set(`semeval-${String(row.id1)}`, row.lang1)
      if (typeof row.lang2 === "string") languages.set(`semeval-${String(row.id2)}`, row.lang2)
    }

const df = new Map<string, number>()
for (const [id, text] of documents) {
  const terms = new Set<string>()
  for (const token of tokenize(text)) {
    const term = termOf(token.folded, languages.get(id) ?? null)
    if (term !== null) terms.add(term)
  }
  for (const term of terms) df.set(term, (df.get(term) ?? 0) + 1)
}
const sorted = Object.fromEntries([...df].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)))
const out = {
  about: `Document frequencies of dedupe content terms (packages/dedupe/src/text.ts termOf) over ${documents.size} news texts: the 88 article bodies of scrapinghub/article-extraction-benchmark ground-truth.json (commit 4a3bc979)${multilingual ? " and the distinct article texts of the SemEval-2022 task 8 dev pair files (texts only, no labels)" : ""}. Made by scripts/make-background-df.ts${multilingual ? " --multilingual" : ""}.`,
  documents: documents.size,
  df: sorted,
}
const target = join(repoRoot, "packages", "dedupe", "data", "background-df.json")
writeFileSync(target, JSON.stringify(out) + "\n")
console.log(`wrote ${target}: ${documents.size} documents, ${Object.keys(sorted).length} terms`)
