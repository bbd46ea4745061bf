import { generateCorpus } from "./corpus.js"
import { pipelineThroughput } from "./pipeline.js"
import { benchPrefix, dropPrefix } from "./redisPrefix.js"
const n = Number(process.argv[2] ?? 500)
const corpus = generateCorpus(n)
const p = benchPrefix("wire")
console.log(JSON.stringify(await pipelineThroughput(p, corpus)))
await dropPrefix(p)
process.exit(0)
