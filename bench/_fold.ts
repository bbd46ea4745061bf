import { Effect } from "effect"
import { Redis } from "ioredis"
import { foldLog, makeRedisEventLog, type EventLogShape, type RecordedEvent } from "@wiredesk/core"
import { generateCorpus } from "./corpus.js"
import { receiveAndExtract } from "./realArticles.js"
import { logRecorder } from "./recordedLog.js"
import { benchPrefix, dropPrefix, redisUrl } from "./redisPrefix.js"
const oldFold = <S>(log: EventLogShape, state: S, evolve: (s: S, e: RecordedEvent) => S) => Effect.gen(function* () {
  let last = 0; let current = state; const batch = 2000
  for (;;) { const events = yield* log.readAfter(last, batch); for (const e of events) current = evolve(current, e); if (events.length === 0) return current; last = events[events.length - 1]!.meta.position; if (events.length < batch) return current }
})
const real = receiveAndExtract(generateCorpus(100, 5))
const p = benchPrefix("fold")
const redis = new Redis(redisUrl)
const n = await logRecorder(redis, p, real)(5000)
const log = makeRedisEventLog(redis, p)
for (let r = 0; r < 3; r++) {
  let t = performance.now(); await Effect.runPromise(oldFold(log, 0, (a) => a + 1) as never); const o = performance.now() - t
  t = performance.now(); await Effect.runPromise(foldLog(log, 0, (a) => a + 1) as never); const nw = performance.now() - t
  console.log(`events ${n} old ${(n / o * 1000).toFixed(0)}/s new ${(n / nw * 1000).toFixed(0)}/s`)
}
await dropPrefix(p); redis.disconnect(); process.exit(0)
