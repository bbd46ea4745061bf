import { Effect, Layer, ManagedRuntime } from "effect"
import { expect } from "vitest"
import { EventLog, makeMemoryEventLog } from "../eventLog.js"
import type { Event, PendingEvent, RecordedEvent } from "../events.js"

/**
 * given/when/then for a stage handler on an in-memory log:
 *   given([received]).when(handler.handle(ref)).then((recorded) => ...)
 * `given` takes pending events (already recorded history); `then` receives only what `when` added.
 */
export const given = (history: readonly PendingEvent[]) => {
  const log = makeMemoryEventLog()
  Effect.runSync(log.append(history))
  const layer = Layer.succeed(EventLog, log)
  return {
    log,
    when: <A, E>(action: Effect.Effect<A, E, EventLog>) => ({
      then: async (check: (recorded: RecordedEvent[], result: A) => void) => {
        const before = log.all().length
        const runtime = ManagedRuntime.make(layer)
        const result = await runtime.runPromise(action)
        await runtime.dispose()
        check(log.all().slice(before), result)
      },
      thenNothingHappened: async () => {
        const before = log.all().length
        const runtime = ManagedRuntime.make(layer)
        await runtime.runPromise(action)
        await runtime.dispose()
        expect(log.all().slice(before)).toEqual([])
      },
    }),
  }
}

/** A pending event with deterministic metadata, for building histories in tests. */
export const pending = (event: Event, id: string, options: Partial<Omit<PendingEvent, "event" | "id">> = {}): PendingEvent => ({
  event,
  id,
  articleId: options.articleId ?? ("articleId" in event.data ? (event.data as { articleId: string }).articleId : null),
  causationId: options.causationId ?? null,
  correlationId: options.correlationId ?? null,
  stage: options.stage ?? "test",
  stageVersion: options.stageVersion ?? "test@0",
})
