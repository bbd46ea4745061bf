import { readFileSync } from "node:fs"
import { resolve } from "node:path"
import { submissionsFromFile } from "@wiredesk/ingest"
import { describe, expect, it } from "vitest"
import { extractCommand, extractOffline } from "./extract.js"

const fixtures = resolve(import.meta.dirname, "../../../../fixtures")
const MB5 = 5 * 1024 * 1024
const submissionOf = (file: string) => submissionsFromFile(file, readFileSync(resolve(fixtures, file)), MB5)[0]!

const linesOf = async (paths: string[]) => {
  let written = ""
  const exitCode = await extractCommand(paths.map((p) => resolve(fixtures, p)), MB5, (s) => (written += s))
  return { exitCode, lines: written.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>) }
}

describe("a file handed to `wiredesk extract`", () => {
  it("is received and extracted in one step, keeping the id it asks for", () =>
    expect(extractOffline(submissionOf("seeds/001_9c5e82f933cbf2fe.txt"), MB5)).toMatchObject({
      kind: "extracted",
      data: { articleId: "001_9c5e82f933cbf2fe", dateline: "WASHINGTON", publishedAt: "2021-03-20" },
    }))

  it("is rejected with ingest's reason when it is not text", () =>
    expect(extractOffline(submissionOf("bad/binary.html"), MB5)).toMatchObject({ kind: "rejected", code: "binary" }))
})

describe("a run of `wiredesk extract`", () => {
  it("writes one line per input: the article's fields, or why it was rejected", async () => {
    const { exitCode, lines } = await linesOf(["seeds/001_9c5e82f933cbf2fe.txt", "bad/binary.html"])
    expect(exitCode).toBe(0)
    expect(Object.keys(lines[0]!)).toEqual(["input", "title", "publishedAt", "dateline", "credit", "byline", "language", "body", "entities", "quotes"])
    expect(lines[1]).toMatchObject({ input: expect.stringMatching(/binary\.html$/), rejected: "binary", reason: expect.any(String) })
  })

  it("fails only when every input is rejected", async () => expect((await linesOf(["bad/binary.html"])).exitCode).toBe(1))
})
