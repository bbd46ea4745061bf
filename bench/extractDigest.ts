/**
 * A digest of every extraction outcome on the dev corpora: the 88 extraction-benchmark pages, every story-clusters-dev
 * text (Giveme5W1H texts also with their title, date, source and address as hints), the seeds and the 1,500 bench
 * corpus articles. The same digest before and after a change means every ArticleExtracted it would record is the same.
 *
 *   npx tsx bench/extractDigest.ts [repoRoot=this checkout] [outFile: one line per input, name, hash, JSON]
 */
import { createHash } from "node:crypto"
import { readFileSync, readdirSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { gunzipSync } from "node:zlib"
import { datasetsDir, repoRoot } from "./corpus.js"

const root = resolve(process.argv[2] ?? repoRoot)
const out = process.argv[3]
const shared = join(datasetsDir, "..")
const { extractArticle } = await import(`${root}/packages/extract/src/index.ts`)
const { generateCorpus } = await import(`${root}/bench/corpus.ts`)
const { receive } = await import(`${root}/packages/ingest/src/index.ts`)
const rec = (id: string, content: string, format: "text" | "html", hints: Record<string, string | null> = {}) => ({
  articleId: id, contentHash: `sha256-${id}`, input: id, format, content, hints: { title: null, publishedAt: null, source: null, url: null, ...hints },
})
const inputs: [string, any][] = []
const dev = join(shared, "datasets/article-extraction-dev")
for (const f of readdirSync(join(dev, "html")).filter((f) => f.endsWith(".html.gz")).sort())
  inputs.push([`page:${f}`, rec(f, gunzipSync(readFileSync(join(dev, "html", f))).toString("utf8"), "html")])
const sc = join(shared, "datasets/story-clusters-dev")
for (const file of readdirSync(sc).filter((f) => f.endsWith(".jsonl")).sort()) {
  readFileSync(join(sc, file), "utf8").split("\n").filter((l) => l.trim()).forEach((l, i) => {
    const r = JSON.parse(l)
    for (const k of ["text", "text1", "text2"]) if (typeof r[k] === "string" && r[k].trim()) {
      inputs.push([`${file}:${i}:${k}`, rec(`${file}-${i}-${k}`, r[k], "text")])
      if (k === "text") inputs.push([`${file}:${i}:${k}:hinted`, rec(`${file}-${i}-h`, r[k], "text", { title: r.title ?? null, publishedAt: r.date ? String(r.date).slice(0, 10) : null, source: r.source ?? null, url: r.url ?? null })])
    }
  })
}
for (const f of readdirSync(join(shared, "seeds")).sort()) inputs.push([`seed:${f}`, rec(f, readFileSync(join(shared, "seeds", f), "utf8"), "text")])
for (const s of generateCorpus(1500)) {
  const r = receive(s, s.requestedId ?? s.contentHash.slice(0, 12), Number.MAX_SAFE_INTEGER)
  if (r.type === "ArticleReceived.v1") inputs.push([`bench:${r.data.articleId}`, r.data])
}
const all = createHash("sha256")
const lines: string[] = []
for (const [name, input] of inputs) {
  const json = JSON.stringify(extractArticle(input))
  all.update(json)
  lines.push(`${name}\t${createHash("sha256").update(json).digest("hex").slice(0, 16)}\t${json}`)
}
if (out) writeFileSync(out, lines.join("\n") + "\n")
console.log(`${inputs.length} inputs, digest ${all.digest("hex").slice(0, 16)}`)
