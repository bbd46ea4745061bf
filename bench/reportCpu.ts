/**
 * CPU of the report stage's refresh per article, in one process without Redis: the bench corpus's events recorded
 * one article at a time into the memory log (as the live stages would record them), each followed by a refresh that
 * renders every story the article touched and index.md, as a report worker does when no burst coalesces refreshes.
 * Prints the CPU per article and a digest of every file written, in order: the same digest before and after a change
 * means every report it wrote is byte-identical.
 *
 *   npx tsx bench/reportCpu.ts [articles=1500]
 */
import { createHash } from "node:crypto"
import { Effect } from "effect"
import { makeMemoryEventLog } from "@wiredesk/core"
import { makeMemoryReportStore } from "@wiredesk/report"
import { newProjection, refreshReports } from "@wiredesk/report/worker"
import { generateCorpus } from "./corpus.js"
import { receiveAndExtract } from "./realArticles.js"
import { logRecorder } from "./recordedLog.js"

const articles = Number(process.argv[2] ?? 1500)
const real = receiveAndExtract(generateCorpus(articles))
const log = makeMemoryEventLog()
const record = logRecorder(log, real)
const memory = makeMemoryReportStore()
const digest = createHash("sha256")
let writes = 0
const store = {
  ...memory,
  write: (file: string, content: string) => {
    digest.update(file).update(content)
    writes++
    return memory.write(file, content)
  },
}
const projection = newProjection()
let cpuMicros = 0
for (let i = 0; i < real.length; i++) {
  await record(1)
  const start = process.cpuUsage()
  await Effect.runPromise(refreshReports(log, store, projection))
  const used = process.cpuUsage(start)
  cpuMicros += used.user + used.system
}
const sizes = [...projection.state.members.values()].map((m) => m.size).sort((a, b) => b - a)
console.log(
  JSON.stringify({
    articles: real.length,
    stories: sizes.length,
    largestStories: sizes.slice(0, 5),
    refreshCpuMsPerArticle: Math.round(cpuMicros / real.length) / 1000,
    writes,
    writtenSha256: digest.digest("hex").slice(0, 16),
  }),
)
