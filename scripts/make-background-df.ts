/**
 * Builds packages/dedupe/data/background-df.json: document frequencies of dedupe's content terms
 * over a general news corpus that is not an evaluation set for dedupe: the 88 hand-checked article
 * bodies of the article-extraction benchmark (tech, sport, politics, business, 2018-2020). Dedupe
 * adds these counts to the live corpus counts, so term weights are sensible from the first article.
 *
 *   npx tsx scripts/make-background-df.ts [datasetsDir]
 */
import { readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { termOf, tokenize } from "../packages/dedupe/src/text.js"

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..")
const datasets = process.argv[2] ?? process.env.WIREDESK_DATASETS ?? join(repoRoot, "..", "shared", "datasets")
const truth = JSON.parse(readFileSync(join(datasets, "article-extraction-dev", "ground-truth.json"), "utf8")) as Record<string, { articleBody: string }>

const df = new Map<string, number>()
const ids = Object.keys(truth).sort()
for (const id of ids) {
  const terms = new Set<string>()
  for (const token of tokenize(truth[id]?.articleBody ?? "")) {
    const term = termOf(token.folded)
    if (term !== null) terms.add(term)
  }
  for (const term of terms) df.set(term, (df.get(term) ?? 0) + 1)
}
const sorted = Object.fromEntries([...df].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)))
const out = {
  about: "Document frequencies of dedupe content terms (packages/dedupe/src/text.ts termOf) over the 88 article bodies of scrapinghub/article-extraction-benchmark ground-truth.json (commit 4a3bc979). Made by scripts/make-background-df.ts.",
  documents: ids.length,
  df: sorted,
}
const target = join(repoRoot, "packages", "dedupe", "data", "background-df.json")
writeFileSync(target, JSON.stringify(out) + "\n")
console.log(`wrote ${target}: ${ids.length} documents, ${df.size} terms`)
