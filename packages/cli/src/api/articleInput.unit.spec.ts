import { describe, expect, it } from "vitest"
import { articlesFromBody, bodyLimitFor, BATCH_FACTOR, MAX_BATCH } from "./articleInput.js"

const MAX = 1_000
const bytes = (s: string) => new TextEncoder().encode(s)
const fromJson = (body: unknown) => articlesFromBody("application/json", bytes(JSON.stringify(body)), {}, MAX)

describe("a JSON body", () => {
  it("is one record, a list, or {articles}", () => {
    for (const body of [{ text: "a" }, [{ text: "a" }], { articles: [{ text: "a" }] }]) {
      const r = fromJson(body)
      expect(r.ok && r.submissions.length).toBe(1)
    }
  })
  it("keeps a given id and leaves the rest for ingest to name", () => {
    const r = fromJson([{ id: "x 1", text: "a" }, { text: "b" }])
    expect(r.ok && r.submissions.map((s) => s.requestedId)).toEqual(["x-1", null])
  })
  it("says which record and field is wrong, and queues none of the batch", () => {
    const r = fromJson({ articles: [{ text: "a" }, { html: 3 }, { title: "t" }] })
    expect(r).toEqual({
      ok: false,
      status: 400,
      error: "invalid article record",
      issues: ["articles.1.html: Invalid input: expected string, received number", "articles.2: a record needs `text` or `html`"],
    })
  })
  it("refuses more than a batch", () => {
    const r = fromJson(Array.from({ length: MAX_BATCH + 1 }, () => ({ text: "a" })))
    expect(r.ok).toBe(false)
  })
  it("refuses invalid UTF-8 rather than guessing", () => {
    const r = articlesFromBody("application/json", new Uint8Array([0x22, 0xff, 0x22]), {}, MAX)
    expect(r).toMatchObject({ ok: false, error: "the body is not valid UTF-8" })
  })
  it("marks a text over the document limit too large, for ingest to reject", () => {
    const r = fromJson({ text: "a".repeat(MAX + 1) })
    expect(r.ok && r.submissions[0]!.body.kind).toBe("too-large")
  })
})

describe("a document body", () => {
  it("is one article, with ?id=", () => {
    const r = articlesFromBody("text/html; charset=utf-8", bytes("<p>x</p>"), { id: "doc" }, MAX)
    expect(r.ok && r.submissions.map((s) => [s.requestedId, s.body.kind])).toEqual([["doc", "bytes"]])
  })
  it("of an unknown type is 415", () => {
    expect(articlesFromBody("image/png", bytes("x"), {}, MAX)).toMatchObject({ ok: false, status: 415 })
  })
  it("that is empty is 400", () => {
    expect(articlesFromBody("text/plain", new Uint8Array(), {}, MAX)).toMatchObject({ ok: false, status: 400 })
  })
})

describe("the body limit", () => {
  it("is one document for text and a batch for JSON", () => {
    expect(bodyLimitFor("text/plain", MAX)).toBe(MAX)
    expect(bodyLimitFor("application/json; charset=utf-8", MAX)).toBe(MAX * BATCH_FACTOR)
  })
})
