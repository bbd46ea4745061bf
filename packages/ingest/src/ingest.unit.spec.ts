import { readFileSync } from "node:fs"
import { gzipSync } from "node:zlib"
import { resolve } from "node:path"
import { describe, expect, it } from "vitest"
import { receive, receivedEventId } from "./ingest.js"
import { submissionFromBytes, submissionFromRecord, submissionsFromFile } from "./submission.js"

const seedPath = resolve(import.meta.dirname, "../../../fixtures/seeds/000_16e3b0c8dca4eb08.txt")
const seed = readFileSync(seedPath)
const MB5 = 5 * 1024 * 1024

describe("a plain-text article file", () => {
  const [submission] = submissionsFromFile(seedPath, seed, MB5)

  it("becomes one submission named after the file, hashed by its bytes", () => {
    expect(submission).toMatchObject({ requestedId: "000_16e3b0c8dca4eb08", size: seed.length })
    expect(submission!.contentHash).toMatch(/^[0-9a-f]{64}$/)
  })

  it("is received as text with its content intact", () => {
    const event = receive(submission!, "000_16e3b0c8dca4eb08", MB5)
    expect(event.type).toBe("ArticleReceived.v1")
    expect(event.type === "ArticleReceived.v1" && event.data.content).toBe(seed.toString("utf8"))
    expect(event.type === "ArticleReceived.v1" && event.data.format).toBe("text")
  })

  it("is the same submission when gzipped", () => {
    const [gz] = submissionsFromFile(`${seedPath}.gz`, gzipSync(seed), MB5)
    expect(gz!.contentHash).toBe(submission!.contentHash)
  })

  it("gets the same outcome event id every time it is submitted", () => {
    expect(receivedEventId(submission!.contentHash)).toBe(receivedEventId(submissionsFromFile(seedPath, seed, MB5)[0]!.contentHash))
  })
})

describe("a JSONL file of records", () => {
  const lines = [
    JSON.stringify({ id: "wire/1", title: "Headline", text: "Body.", date: "2021-03-18", source: "Wire", extra: true }),
    JSON.stringify({ html: "<p>Body</p>", publishedAt: "2021-03-19" }),
  ].join("\n")
  const subs = submissionsFromFile("feed.jsonl", Buffer.from(lines), MB5)

  it("gives one submission per record, keeping a given id (made safe) and the hints", () => {
    expect(subs).toHaveLength(2)
    expect(subs[0]).toMatchObject({ requestedId: "wire-1", hints: { title: "Headline", publishedAt: "2021-03-18", source: "Wire", url: null } })
    expect(subs[1]).toMatchObject({ requestedId: "feed-2", body: { kind: "text", format: "html" } })
  })
})

describe("bad input", () => {
  it("an empty document is rejected as empty", () => {
    const event = receive(submissionFromBytes("e.txt", new Uint8Array(), "e", "text/plain", MB5), "e", MB5)
    expect(event).toMatchObject({ type: "ArticleRejected.v1", data: { code: "empty", stage: "ingest" } })
  })

  it("a binary document is rejected as binary", () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])
    expect(receive(submissionFromBytes("x.html", bytes, "x", "text/html", MB5), "x", MB5)).toMatchObject({ data: { code: "binary" } })
  })

  it("a document over the size limit is rejected with its size and the limit", () => {
    const event = receive(submissionFromBytes("big.txt", Buffer.alloc(2_000, 97), "big", "text/plain", 1_000), "big", 1_000)
    expect(event).toMatchObject({ type: "ArticleRejected.v1", data: { code: "too-large" } })
    expect(event.type === "ArticleRejected.v1" && event.data.reason).toContain("2000 bytes, over the 1000-byte limit")
  })

  it("a record with wrong types is rejected as invalid, naming the fields", () => {
    const sub = submissionFromRecord("r.json", { title: 5, text: ["x"] }, "r", MB5)
    const event = receive(sub, "r", MB5)
    expect(event).toMatchObject({ type: "ArticleRejected.v1", data: { code: "invalid" } })
    expect(event.type === "ArticleRejected.v1" && event.data.reason).toMatch(/title|text/)
  })

  it("a line of invalid JSON is rejected without losing the other lines", () => {
    const subs = submissionsFromFile("feed.jsonl", Buffer.from(`{"text":"ok"}\n{nope\n`), MB5)
    expect(subs.map((s) => s.body.kind)).toEqual(["text", "invalid"])
  })
})
