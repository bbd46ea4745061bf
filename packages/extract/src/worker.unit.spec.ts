import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import type { ArticleReceived } from "@wiredesk/core"
import { given, pending } from "@wiredesk/core/testing"
import { received as receivedData, seedText } from "./fixtures.testing.js"
import { Extractor, extractHandler } from "./worker.js"

const handle = (ref: string) => extractHandler.handle(ref).pipe(Effect.provide(Extractor.inline))

const received = pending(
  { type: "ArticleReceived.v1", data: receivedData("001", seedText("001_9c5e82f933cbf2fe.txt"), "text") } satisfies ArticleReceived,
  "recv-001",
  { correlationId: "recv-001", stage: "ingest" },
)
const empty = pending({ type: "ArticleReceived.v1", data: receivedData("002", "<html><body><nav>Home</nav></body></html>", "html") }, "recv-002")

describe("the extract stage", () => {
  describe("when an article was received", () => {
    it("records its extraction, caused by and correlated with the received event, and hands it on", () =>
      given([received])
        .when(handle("recv-001"))
        .then((recorded, next) => {
          expect(recorded.map((e) => e.type)).toEqual(["ArticleExtracted.v1"])
          expect(recorded[0]!.meta).toMatchObject({ articleId: "001", causationId: "recv-001", correlationId: "recv-001", stage: "extract" })
          expect(next).toEqual([recorded[0]!.meta.id])
        }))
  })

  describe("when the article was already extracted (a re-delivered job)", () => {
    it("records nothing", async () => {
      const world = given([received])
      await world.when(handle("recv-001")).then(() => undefined)
      await world.when(handle("recv-001")).thenNothingHappened()
    })
  })

  describe("when a page holds no article text", () => {
    it("records a rejection and hands nothing on", () =>
      given([empty])
        .when(handle("recv-002"))
        .then((recorded, next) => {
          expect(recorded.map((e) => e.type)).toEqual(["ArticleRejected.v1"])
          expect(recorded[0]!.type === "ArticleRejected.v1" && recorded[0]!.data.stage).toBe("extract")
          expect(next).toEqual([])
        }))
  })
})
