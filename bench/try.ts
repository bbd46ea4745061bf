import { generateCorpus } from "./corpus.js"
import { bareChainThroughput } from "./bareChain.js"
import { pipelineThroughput } from "./pipeline.js"
import { benchPrefix, dropPrefix } from "./redisPrefix.js"
const n = Number(process.argv[2] ?? 500)
const corpus = generateCorpus(n)
console.log("corpus", corpus.length, corpus.filter(s=>s.body.kind==="text" && s.body.format==="html").length, "html")
for (const run of ["bare", "wire"]) {
  const p = benchPrefix(run)
  const r = run === "bare" ? await bareChainThroughput(p, corpus) : await pipelineThroughput(p, corpus)
  console.log(run, JSON.stringify(r))
  await dropPrefix(p)
}
process.exit(0)
