import { describe, expect, it } from "vitest"
import { THREAD_RESTARTS_PER_MINUTE } from "@wiredesk/core"
import { restartingThread, type ReportThread } from "./reportThread.js"

/** A stand-in thread that can be made to die, as a crash or running out of memory would end a real one. */
const fakeThread = (name: string) => {
  let alive = true
  const thread: ReportThread & { readonly name: string; readonly die: () => void; closed: number } = {
    name,
    closed: 0,
    refresh: () => (alive ? Promise.resolve() : Promise.reject(new Error(`${name} is dead`))),
    warm: () => Promise.resolve(),
    alive: () => alive,
    die: () => {
      alive = false
    },
    close: async () => {
      thread.closed++
      alive = false
    },
  }
  return thread
}

const starter = () => {
  const started: ReturnType<typeof fakeThread>[] = []
  const start = () => {
    const t = fakeThread(`thread-${started.length + 1}`)
    started.push(t)
    return t
  }
  return { started, start }
}

describe("the report stage's thread, kept alive", () => {
  it("starts no thread until a refresh asks for one", async () => {
    const { started, start } = starter()
    const threads = restartingThread(start)
    expect(started).toHaveLength(0)
    await threads.close()
    expect(started).toHaveLength(0)
  })

  it("serves every refresh from one thread while it lives", () => {
    const { started, start } = starter()
    const threads = restartingThread(start)
    const first = threads.get()!
    expect(threads.get()).toBe(first)
    expect(threads.get()).toBe(first)
    expect(started).toHaveLength(1)
  })

  it("starts a new thread for the next refresh once the one before has died", async () => {
    const { started, start } = starter()
    const threads = restartingThread(start)
    const first = threads.get()!
    started[0]!.die()
    await expect(first.refresh()).rejects.toThrow("thread-1 is dead")
    const second = threads.get()!
    expect(second).not.toBe(first)
    await expect(second.refresh()).resolves.toBeUndefined()
    expect(started.map((t) => t.name)).toEqual(["thread-1", "thread-2"])
  })

  it("closes the live thread when the stage shuts down", async () => {
    const { started, start } = starter()
    const threads = restartingThread(start)
    threads.get()
    started[0]!.die()
    threads.get()
    await threads.close()
    expect(started.map((t) => t.closed)).toEqual([0, 1])
  })

  it("stops starting threads that die more than three times within a minute: the refreshes go back to the event loop", () => {
    const { started, start } = starter()
    let clock = 0
    const threads = restartingThread(start, () => clock)
    threads.get()
    for (let restart = 1; restart <= THREAD_RESTARTS_PER_MINUTE; restart++) {
      clock += 10_000
      started.at(-1)!.die()
      expect(threads.get()).toBe(started.at(-1))
    }
    expect(started).toHaveLength(1 + THREAD_RESTARTS_PER_MINUTE)
    clock += 10_000
    started.at(-1)!.die()
    expect(threads.get()).toBeNull()
    clock += 120_000
    expect(threads.get()).toBeNull()
    expect(started).toHaveLength(1 + THREAD_RESTARTS_PER_MINUTE)
  })

  it("keeps restarting a thread that dies now and then, less often than the limit", () => {
    const { started, start } = starter()
    let clock = 0
    const threads = restartingThread(start, () => clock)
    threads.get()
    for (let death = 1; death <= 10; death++) {
      clock += 30_000
      started.at(-1)!.die()
      expect(threads.get()).not.toBeNull()
    }
    expect(started).toHaveLength(11)
  })
})
