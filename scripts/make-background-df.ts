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
import { writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { backgroundDocuments, documentFrequencies } from "./background-documents.js"

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..")
const args = process.argv.slice(2)
const multilingual = args.includes("--multilingual")
const datasets = args.find((a) => !a.startsWith("--")) ?? process.env.WIREDESK_DATASETS ?? join(repoRoot, "..", "shared", "datasets")

const documents = backgroundDocuments(datasets, multilingual)
const df = documentFrequencies(documents.values())
const sorted = Object.fromEntries([...df].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)))
const out = {
  about: `Document frequencies of dedupe content terms (packages/dedupe/src/text.ts termOf) over ${documents.size} news texts: the 88 article bodies of scrapinghub/article-extraction-benchmark ground-truth.json (commit 4a3bc979)${multilingual ? " and the distinct article texts of the SemEval-2022 task 8 dev pair files (texts only, no labels)" : ""}. Made by scripts/make-background-df.ts${multilingual ? " --multilingual" : ""}.`,
  documents: documents.size,
  df: sorted,
}
const target = join(repoRoot, "packages", "dedupe", "data", "background-df.json")
writeFileSync(target, JSON.stringify(out) + "\n")
console.log(`wrote ${target}: ${documents.size} documents, ${Object.keys(sorted).length} terms`)
