/**
 * Builds packages/dedupe/data/stopwords.json: the stopword lists of stopwords-iso 1.1.0 (MIT, Gene Diaz,
 * https://github.com/stopwords-iso/stopwords-iso) for the languages other than English whose short lists
 * packages/dedupe/src/text.ts carries, copied as published (entries of one word). Dedupe leaves them out of an
 * article's terms when the article is in that language; English keeps its own list (stopwords-iso's English list
 * holds news words such as "government", "state", "million" and "world": it took SemEval EN from 0.880 to 0.835).
 *
 *   npm pack stopwords-iso@1.1.0 && tar xzf stopwords-iso-1.1.0.tgz
 *   npx tsx scripts/make-stopwords.ts package/stopwords-iso.json
 */
import { readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const LANGUAGES = ["ar", "de", "es", "fr", "it", "nl", "pl", "pt", "ru", "tr"]
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..")
const source = process.argv[2]
if (source === undefined) throw new Error("usage: npx tsx scripts/make-stopwords.ts <path to stopwords-iso.json>")
const lists = JSON.parse(readFileSync(source, "utf8")) as Record<string, string[]>
const out = {
  about:
    "Stopwords by language from stopwords-iso 1.1.0 (https://github.com/stopwords-iso/stopwords-iso, MIT License, Gene Diaz), entries of one word, as published. Made by scripts/make-stopwords.ts.",
  languages: Object.fromEntries(LANGUAGES.map((language) => [language, (lists[language] ?? []).filter((word) => !/\s/.test(word))])),
}
const target = join(repoRoot, "packages", "dedupe", "data", "stopwords.json")
writeFileSync(target, JSON.stringify(out) + "\n")
console.log(`wrote ${target}: ${LANGUAGES.map((l) => `${l} ${out.languages[l]?.length}`).join(", ")}`)
