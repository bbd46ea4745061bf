import { describe, expect, it } from "vitest"
import { membersDigest } from "./ids.js"
import { upcastAndParse } from "./upcast.js"

describe("a ReportWritten.v1 read from an older log", () => {
  const v1 = { type: "ReportWritten.v1", data: { storyId: "s1", path: "s1.md", contentHash: "c".repeat(64), articleIds: ["b", "a", "c"] } }

  it("reads as v2: the covered articles by their number and the digest of their ids", () =>
    expect(upcastAndParse(v1)).toEqual({
      type: "ReportWritten.v2",
      data: { storyId: "s1", path: "s1.md", contentHash: "c".repeat(64), articleCount: 3, articlesDigest: membersDigest(["a", "b", "c"]) },
    }))

  it("names the same articles as a v2 event written for them, whatever order v1 listed them in", () =>
    expect(upcastAndParse({ ...v1, data: { ...v1.data, articleIds: ["c", "a", "b"] } })).toEqual(upcastAndParse(v1)))
})

describe("the digest of a story's articles", () => {
  it("differs when one article differs", () => expect(membersDigest(["a", "b"])).not.toBe(membersDigest(["a", "c"])))
  it("does not depend on their order", () => expect(membersDigest(["b", "a"])).toBe(membersDigest(["a", "b"])))
})
