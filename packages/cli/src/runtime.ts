import { Layer, ManagedRuntime } from "effect"
import { EventLog, Queues, RedisClient, Settings, type WiredeskSettings } from "@wiredesk/core"
import { DedupeIndex } from "@wiredesk/dedupe/worker"
import { Extractor } from "@wiredesk/extract/worker"
import { ReportModel } from "@wiredesk/report/worker"
import { ReportStore } from "@wiredesk/report"

/** Everything a wiredesk process needs, on Redis and the reports folder. */
const appLayer = (settings: WiredeskSettings) =>
  Layer.mergeAll(EventLog.layer, Queues.layer, ReportStore.layer, DedupeIndex.layer(settings.dedupeWindow), ReportModel.layer(settings.dedupeWindow, settings.reportThread === true ? settings : null), Extractor.layer(settings.extractThreads)).pipe(
    Layer.provideMerge(RedisClient.layer),
    Layer.provideMerge(Settings.layer(settings)),
  )

export const makeRuntime = (settings: WiredeskSettings) => ManagedRuntime.make(appLayer(settings))
export type AppRuntime = ReturnType<typeof makeRuntime>
