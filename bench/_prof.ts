import { generateCorpus } from "./corpus.js"
import { pipelineThroughput } from "./pipeline.js"
import { benchPrefix, dropPrefix } from "./redisPrefix.js"
const corpus = generateCorpus(Number(process.argv[2] ?? 500))
const p = benchPrefix("prof")
console.log(JSON.stringify(await pipelineThroughput(p, corpus)))
await dropPrefix(p)
process.exit(0)
