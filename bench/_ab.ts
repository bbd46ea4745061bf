import { baselineDedupeHandler, baselineReportHandler } from "./baseline.js"
import { generateCorpus } from "./corpus.js"
import { pipelineThroughput } from "./pipeline.js"
import { benchPrefix, dropPrefix } from "./redisPrefix.js"
import { median } from "./stats.js"
const corpus = generateCorpus(Number(process.argv[2] ?? 1200))
const variants: Record<string, object> = {
  now: {},
  before: { dedupe: baselineDedupeHandler, report: baselineReportHandler },
  "dedupe sync only": { report: baselineReportHandler },
  "report pacing only": { dedupe: baselineDedupeHandler },
}
const res: Record<string, { ps: number; cpu: number }[]> = {}
const warm = generateCorpus(40, 3)
for (const v of Object.values(variants)) { const p = benchPrefix("warm"); await pipelineThroughput(p, warm, v as never); await dropPrefix(p) }
for (let r = 0; r < 2; r++) {
  const names = Object.keys(variants)
  for (const name of r % 2 ? names.reverse() : names) {
    const p = benchPrefix("ab")
    const x = await pipelineThroughput(p, corpus, variants[name] as never)
    await dropPrefix(p)
    ;(res[name] ??= []).push({ ps: x.perSecond, cpu: x.cpuMsPerArticle })
    console.log(r, name, x.perSecond.toFixed(1), x.cpuMsPerArticle.toFixed(2))
  }
}
for (const [n, xs] of Object.entries(res)) console.log(n.padEnd(20), "articles/s", median(xs.map((x) => x.ps)).toFixed(1), "cpu ms/article", median(xs.map((x) => x.cpu)).toFixed(2))
process.exit(0)
