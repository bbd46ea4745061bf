import { generateCorpus } from "./corpus.js"
import { receiveAndExtract } from "./realArticles.js"
import { replayBench } from "./replay.js"
import { benchPrefix, dropPrefix } from "./redisPrefix.js"
const t = performance.now()
const real = receiveAndExtract(generateCorpus(Number(process.argv[3] ?? 300), 5))
console.log("extracted", real.length, (performance.now() - t).toFixed(0), "ms")
const p = benchPrefix("replay")
try { console.log(JSON.stringify(await replayBench(p, real, Number(process.argv[2] ?? 2000)), null, 1)) } finally { await dropPrefix(p) }
process.exit(0)
