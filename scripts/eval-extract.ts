/**
 * Scores extractArticle on the article-extraction benchmark's dev pages (the benchmark's own shingle metric)
 * and checks every seed against fixtures/seeds-expected.json. Exits non-zero when a seed check fails.
 * Flags: --pages (a line per page, worst first), --only <id-prefix>.
 */
import path from "node:path"
import { Readability } from "@mozilla/readability"
import { comparePage, extractArticle, summarise, type PageCounts } from "@wiredesk/extract"
import { parseHTML } from "linkedom"
import { benchmarkPages, received, repoRoot, seedExpectations, seedFiles, seedText } from "../packages/extract/src/fixtures.testing.js"

const datasets = process.env.WIREDESK_DATASETS ?? path.resolve(repoRoot, "../shared/datasets")
const benchmark = path.join(datasets, "article-extraction-dev")
const args = process.argv.slice(2)
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined
const RUNS = 3

const rows: { id: string; counts: PageCounts; ms: number }[] = []
// Plain Readability.js on the same parser, measured here: the baseline we improve on, and a yardstick for this machine's speed.
const baseline: { counts: PageCounts; ms: number }[] = []
for (const { id, html, articleBody } of benchmarkPages(benchmark, path.join(benchmark, "html"))) {
  if (only && !id.startsWith(only)) continue
  // Wall time is noisy on a shared machine: each page's time is its best of a few runs.
  let ms = Number.POSITIVE_INFINITY
  let outcome = extractArticle(received(id, html, "html"))
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now()
    outcome = extractArticle(received(id, html, "html"))
    ms = Math.min(ms, performance.now() - started)
  }
  const body = outcome.kind === "extracted" ? outcome.data.body : ""
  rows.push({ id, counts: comparePage(body, articleBody), ms })
  let baselineMs = Number.POSITIVE_INFINITY
  let baselineText = ""
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now()
    const { document } = parseHTML(html)
    baselineText = new Readability(document as never).parse()?.textContent ?? ""
    baselineMs = Math.min(baselineMs, performance.now() - started)
  }
  baseline.push({ counts: comparePage(baselineText, articleBody), ms: baselineMs })
}
const score = summarise(rows.map((r) => r.counts))
const medianOf = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 2)]!
}
const times = rows.map((r) => r.ms).sort((a, b) => a - b)
const median = medianOf(times)
const baselineScore = summarise(baseline.map((b) => b.counts))
const published: [string, number][] = [
  ["Zyte AutoExtract", 0.973], ["rs-trafilatura", 0.966], ["go-trafilatura", 0.965], ["newspaper4k", 0.961],
  ["news-please", 0.96], ["trafilatura", 0.958], ["Diffbot", 0.954], ["Readability.js", 0.951],
]
console.log(`article-extraction-dev: ${rows.length} pages`)
console.log(`wiredesk ${"extract".padEnd(10)} F1 ${score.f1.toFixed(3)}  precision ${score.precision.toFixed(3)}  recall ${score.recall.toFixed(3)}`)
for (const [name, f1] of published) console.log(`  ${name.padEnd(18)} F1 ${f1.toFixed(3)}  (published)`)
console.log(
  `  ${"Readability.js".padEnd(18)} F1 ${baselineScore.f1.toFixed(3)}  precision ${baselineScore.precision.toFixed(3)}  recall ${baselineScore.recall.toFixed(3)}  (measured here on linkedom, median ${medianOf(baseline.map((b) => b.ms)).toFixed(1)} ms per page)`,
)
console.log(`median ${median.toFixed(1)} ms per page, best of ${RUNS} runs (p90 ${times[Math.floor(times.length * 0.9)]?.toFixed(1) ?? "-"} ms)`)
if (args.includes("--pages")) {
  const f1 = (c: PageCounts) => (2 * c.tp) / (2 * c.tp + c.fp + c.fn || 1)
  for (const r of [...rows].sort((a, b) => f1(a.counts) - f1(b.counts)))
    console.log(`  ${r.id.slice(0, 12)} F1 ${f1(r.counts).toFixed(3)} tp ${r.counts.tp.toFixed(2)} fp ${r.counts.fp.toFixed(2)} fn ${r.counts.fn.toFixed(2)} ${r.ms.toFixed(0)}ms`)
}

const expected = seedExpectations()
let failures = 0
console.log("seed checks:")
for (const file of seedFiles()) {
  const want = expected[file]
  if (!want) continue
  const outcome = extractArticle(received(file.replace(/\.txt$/, ""), seedText(file), "text"))
  const problems: string[] = []
  if (outcome.kind !== "extracted") problems.push(`rejected: ${outcome.reason}`)
  else {
    const d = outcome.data
    for (const s of want.notInBody) if (d.body.includes(s)) problems.push(`body still holds ${JSON.stringify(s)}`)
    if (d.title !== want.title) problems.push(`title ${JSON.stringify(d.title)}, expected ${JSON.stringify(want.title)}`)
    if (d.publishedAt !== want.publishedAt) problems.push(`publishedAt ${d.publishedAt}, expected ${want.publishedAt}`)
    if (want.dateline !== undefined && d.dateline !== want.dateline) problems.push(`dateline ${d.dateline}, expected ${want.dateline}`)
    // The expected credit is a reader's note ("cites TASS (spelled 'TAAS')"): ours must be named in it.
    if (want.credit !== undefined && (d.credit === null || !want.credit.toLowerCase().includes(d.credit.toLowerCase())))
      problems.push(`credit ${JSON.stringify(d.credit)}, expected ${JSON.stringify(want.credit)}`)
    for (const s of want.subheadings ?? []) if (!d.subheadings.includes(s)) problems.push(`subheading ${JSON.stringify(s)} not found`)
  }
  failures += problems.length > 0 ? 1 : 0
  console.log(`  ${file} ${problems.length === 0 ? "ok" : "FAILED"}${problems.map((p) => `\n    - ${p}`).join("")}`)
}
console.log(failures === 0 ? "all seeds ok" : `${failures} seed(s) failed`)
process.exitCode = failures === 0 ? 0 : 1
