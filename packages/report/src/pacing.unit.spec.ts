import { describe, expect, it } from "vitest"
import { REPORT_COALESCE_MS, refreshGapMs } from "./worker.js"

describe("report refresh pacing", () => {
  it("coalesces arrivals for a short interval when rendering is quick", () => {
    expect(refreshGapMs({ refreshedAt: 0, tookMs: 5 })).toBe(REPORT_COALESCE_MS)
  })

  it("waits at least as long as the last refresh took, so rendering never takes more than half the time", () => {
    expect(refreshGapMs({ refreshedAt: 0, tookMs: 400 })).toBe(400)
  })
})
