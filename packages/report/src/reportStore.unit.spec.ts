import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import { makeFileReportStore } from "./reportStore.js"

const made: string[] = []
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), "wiredesk-store-"))
  made.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe("the reports folder", () => {
  describe("when it does not exist yet", () => {
    it("is made by the first write, which writes the report", async () => {
      const dir = join(folder(), "reports", "nested")
      await Effect.runPromise(makeFileReportStore(dir).write("s1.md", "# One\n"))
      expect(readFileSync(join(dir, "s1.md"), "utf8")).toBe("# One\n")
    })
  })

  describe("when it is deleted while the store is in use", () => {
    it("is made again by the next write", async () => {
      const dir = join(folder(), "reports")
      const store = makeFileReportStore(dir)
      await Effect.runPromise(store.write("s1.md", "# One\n"))
      rmSync(dir, { recursive: true, force: true })
      await Effect.runPromise(store.write("s2.md", "# Two\n"))
      expect(readFileSync(join(dir, "s2.md"), "utf8")).toBe("# Two\n")
      expect(await Effect.runPromise(store.list)).toEqual(["s2.md"])
    })
  })
})
