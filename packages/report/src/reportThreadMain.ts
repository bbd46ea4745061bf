/** The report thread (reportThread.ts): its own runtime on Redis and the reports folder; a refresh per message. */
import { parentPort, workerData } from "node:worker_threads"
import { Effect, Layer, ManagedRuntime } from "effect"
import { EventLog, makeMemoryEventLog, RedisClient, Settings, type WiredeskSettings } from "@wiredesk/core"
import type { ReportThreadRequest } from "./reportThread.js"
import { makeMemoryReportStore, ReportStore } from "./reportStore.js"
import { newProjection, ReportModel, refreshAndRecord, refreshReports } from "./worker.js"

const settings = workerData as WiredeskSettings
const runtime = ManagedRuntime.make(
  Layer.mergeAll(EventLog.layer, ReportStore.layer, ReportModel.layer(settings.dedupeWindow)).pipe(
    Layer.provideMerge(RedisClient.layer),
    Layer.provideMerge(Settings.layer(settings)),
  ),
)

/** The report core over recorded events, in memory: no Redis, no files, nothing kept. */
const warm = (events: ReportThreadRequest & { kind: "warm" }) =>
  Effect.gen(function* () {
    for (let round = 0; round < events.rounds; round++)
      yield* refreshReports(makeMemoryEventLog(events.events), makeMemoryReportStore(), newProjection())
  })

parentPort?.on("message", (request: ReportThreadRequest) => {
  const work = request.kind === "warm" ? Effect.runPromise(warm(request)) : runtime.runPromise(refreshAndRecord)
  work.then(
    () => parentPort?.postMessage({ n: request.n, ok: true }),
    (e: unknown) => parentPort?.postMessage({ n: request.n, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }),
  )
})
