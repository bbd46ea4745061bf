/**
 * What a report worker's start costs on a log whose reports are written, in one process without Redis: the bench
 * corpus's events in the memory log, then (three rounds) a projection built by rendering every story (what a worker
 * did on every start until 2026-12-03) against one resumed to the head without rendering (`resumeProjection`) and
 * refreshed: CPU milliseconds of each.
 *
 *   npx tsx bench/reportResume.ts [articles=1500]
 */
import { Effect } from "effect"
import { makeMemoryEventLog } from "@wiredesk/core"
import { makeMemoryReportStore } from "@wiredesk/report"
import { newProjection, refreshReports, resumeProjection } from "@wiredesk/report/worker"
import { generateCorpus } from "./corpus.js"
import { receiveAndExtract } from "./realArticles.js"
import { logRecorder } from "./recordedLog.js"
const n = Number(process.argv[2] ?? 1500)
const real = receiveAndExtract(generateCorpus(n))
const log = makeMemoryEventLog()
await logRecorder(log, real)(real.length)
const head = await Effect.runPromise(log.head)
const cpu = async (f: () => Promise<unknown>) => { const s = process.cpuUsage(); await f(); const u = process.cpuUsage(s); return (u.user + u.system) / 1000 }
for (let round = 0; round < 3; round++) {
  const store = makeMemoryReportStore()
  const full = await cpu(() => Effect.runPromise(refreshReports(log, store, newProjection())))
  const p = newProjection()
  const resumed = await cpu(async () => { await Effect.runPromise(resumeProjection(log, p, head)); await Effect.runPromise(refreshReports(log, store, p)) })
  console.log(JSON.stringify({ articles: real.length, events: head, fullRenderMs: Math.round(full), resumeMs: Math.round(resumed), stories: p.summaries.size }))
}
