import { Worker } from "bullmq"
import { Effect, Layer, ManagedRuntime } from "effect"
import { describe, expect, it } from "vitest"
import { resolveSettings, Settings } from "./config.js"
import { keysFor } from "./keys.js"
import { Queues } from "./queues.js"
import { redisTestScope } from "./testing/index.js"

const redis = redisTestScope()

const queuesOn = (prefix: string) => ManagedRuntime.make(Queues.layer.pipe(Layer.provide(Settings.layer(resolveSettings({ redis: redis.url(), prefix }, {})))))

describe("hand-offs between stages", () => {
  it("give every article of the other stages a job of its own", async () => {
    const runtime = queuesOn(redis.prefix("queues"))
    try {
      await runtime.runPromise(Effect.flatMap(Queues, (q) => Effect.forEach(["e1", "e2", "e3"], (ref) => q.enqueue("dedupe", [ref]))))
      expect(await runtime.runPromise(Effect.flatMap(Queues, (q) => Effect.promise(() => q.queue("dedupe").getWaitingCount())))).toBe(3)
    } finally {
      await runtime.dispose()
    }
  })

  it("ask the report stage for one refresh while one is waiting: it will fold what they were asked for", async () => {
    const runtime = queuesOn(redis.prefix("queues"))
    try {
      await runtime.runPromise(Effect.flatMap(Queues, (q) => Effect.forEach(["a1", "a2", "a3", "a4"], (ref) => q.enqueue("report", [ref]))))
      expect(await runtime.runPromise(Effect.flatMap(Queues, (q) => Effect.promise(() => q.queue("report").getWaitingCount())))).toBe(1)
    } finally {
      await runtime.dispose()
    }
  })

  it("keep one more refresh for what is asked while one runs, and run it after", async () => {
    const prefix = redis.prefix("queues")
    const runtime = queuesOn(prefix)
    const enqueue = (ref: string) => runtime.runPromise(Effect.flatMap(Queues, (q) => q.enqueue("report", [ref])))
    const ran: string[] = []
    const afterRun: (() => Promise<void>)[] = []
    let release = () => {}
    const firstRunning = new Promise<void>((started) => {
      const worker = new Worker(
        "report",
        async (job) => {
          ran.push(job.data.ref)
          if (ran.length === 1) {
            started()
            await new Promise<void>((r) => (release = r))
          }
        },
        { connection: redis.client().duplicate({ maxRetriesPerRequest: null }), prefix: keysFor(prefix).queuePrefix },
      )
      afterRun.push(() => worker.close())
    })
    try {
      await enqueue("a1")
      await firstRunning
      for (const ref of ["a2", "a3", "a4"]) await enqueue(ref)
      release()
      await expect.poll(() => ran, { timeout: 10_000 }).toHaveLength(2)
      // The second refresh is the last one asked for; nothing else is left waiting.
      expect(ran).toEqual(["a1", "a4"])
      await new Promise((r) => setTimeout(r, 200))
      expect(ran).toHaveLength(2)
    } finally {
      for (const close of afterRun) await close()
      await runtime.dispose()
    }
  })
})
