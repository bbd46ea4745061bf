/** The report thread (reportThread.ts): its own runtime on Redis and the reports folder; a refresh per message. */
import { parentPort, workerData } from "node:worker_threads"
import { Layer, ManagedRuntime } from "effect"
import { EventLog, RedisClient, Settings, type WiredeskSettings } from "@wiredesk/core"
import { ReportStore } from "./reportStore.js"
import { ReportModel, refreshAndRecord } from "./worker.js"

const settings = workerData as WiredeskSettings
const runtime = ManagedRuntime.make(
  Layer.mergeAll(EventLog.layer, ReportStore.layer, ReportModel.layer(settings.dedupeWindow)).pipe(
    Layer.provideMerge(RedisClient.layer),
    Layer.provideMerge(Settings.layer(settings)),
  ),
)

parentPort?.on("message", ({ n }: { n: number }) => {
  runtime.runPromise(refreshAndRecord).then(
    () => parentPort?.postMessage({ n, ok: true }),
    (e: unknown) => parentPort?.postMessage({ n, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }),
  )
})
