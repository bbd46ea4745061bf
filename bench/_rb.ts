import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect } from "effect"
import { Redis } from "ioredis"
import { makeRedisEventLog } from "@wiredesk/core"
import { makeFileReportStore } from "@wiredesk/report"
import { rebuildReports } from "@wiredesk/report/worker"
import { generateCorpus } from "./corpus.js"
import { receiveAndExtract } from "./realArticles.js"
import { logRecorder } from "./recordedLog.js"
import { benchPrefix, dropPrefix, redisUrl } from "./redisPrefix.js"
const real = receiveAndExtract(generateCorpus(300, 5))
const p = benchPrefix("rb")
const redis = new Redis(redisUrl)
await logRecorder(redis, p, real)(2500)
const store = makeFileReportStore(mkdtempSync(join(tmpdir(), "b7rb-")))
const t = performance.now()
const proj = await Effect.runPromise(rebuildReports(makeRedisEventLog(redis, p), store) as never) as { summaries: Map<string, unknown> }
console.log("rebuild", (performance.now() - t).toFixed(0), "ms", proj.summaries.size)
await dropPrefix(p); redis.disconnect(); process.exit(0)
