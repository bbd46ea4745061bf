import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { resolveSettings } from "@wiredesk/core"
import { redisTestScope } from "@wiredesk/core/testing"
import { restartingThread, startReportThread } from "./reportThread.js"

const redis = redisTestScope()
const dirs: string[] = []
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

const threadSettings = async () => {
  const reportsDir = await mkdtemp(join(tmpdir(), "wiredesk-thread-"))
  dirs.push(reportsDir)
  return { ...resolveSettings({ redis: redis.url(), prefix: redis.prefix("report-thread"), reports: reportsDir }, {}), reportThread: false }
}

describe("the report thread", () => {
  it("refreshes while it lives, then says it has exited and takes no more requests", async () => {
    const thread = startReportThread(await threadSettings())
    await expect(thread.refresh()).resolves.toBeUndefined()
    expect(thread.alive()).toBe(true)
    await thread.close()
    expect(thread.alive()).toBe(false)
    await expect(thread.refresh()).rejects.toThrow("report thread exited")
  })

  it("is started again for the next refresh once it has exited", async () => {
    const threads = restartingThread(startReportThread.bind(null, await threadSettings()))
    const first = threads.get()!
    await first.refresh()
    await first.close()
    const second = threads.get()!
    expect(second).not.toBe(first)
    await expect(second.refresh()).resolves.toBeUndefined()
    await threads.close()
  })
})
