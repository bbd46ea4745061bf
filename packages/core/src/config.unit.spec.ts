import { availableParallelism } from "node:os"
import { describe, expect, it } from "vitest"
import { resolveSettings, workerSettings } from "./config.js"

describe("where the report stage renders", () => {
  const oneShot = resolveSettings({ prefix: "p" }, {})

  it("stays on the event loop for a one-shot command unless WIREDESK_REPORT_THREAD=1", () => {
    expect(oneShot.reportThread).toBe(false)
    expect(resolveSettings({ prefix: "p" }, { WIREDESK_REPORT_THREAD: "1" }).reportThread).toBe(true)
  })

  it("moves to a thread of its own in a long-running worker wherever a core is to spare", () => {
    expect(workerSettings(oneShot, {}).reportThread).toBe(availableParallelism() > 1)
  })

  it("is the operator's choice either way", () => {
    expect(workerSettings(oneShot, { WIREDESK_REPORT_THREAD: "0" }).reportThread).toBe(false)
    expect(workerSettings(oneShot, { WIREDESK_REPORT_THREAD: "1" }).reportThread).toBe(true)
  })

  it("changes nothing else", () => {
    const { reportThread: _, ...rest } = workerSettings(oneShot, { WIREDESK_REPORT_THREAD: "1" })
    const { reportThread: __, ...before } = oneShot
    expect(rest).toEqual(before)
  })
})
