import { describe, expect, it } from "vitest"
import { extractArticle } from "./extract.js"
import { received, seedText } from "./fixtures.testing.js"
import { startExtractThreads } from "./threads.js"

const articles = [
  received("001", seedText("001_9c5e82f933cbf2fe.txt"), "text"),
  received("003", seedText("003_dae699fcc7cf9f30.txt"), "text"),
  received("nav", "<html><body><nav>Home</nav></body></html>", "html"),
]

describe("extraction on worker threads", () => {
  it("gives exactly the outcome the core gives inline, rejections included", async () => {
    const pool = startExtractThreads(2)
    try {
      await pool.ready
      const outcomes = await Promise.all(articles.map((a) => pool.extract(a)))
      expect(outcomes).toEqual(articles.map((a) => extractArticle(a)))
      expect(outcomes.map((o) => o.kind)).toEqual(["extracted", "extracted", "rejected"])
    } finally {
      await pool.close()
    }
  }, 120_000)

  it("runs the core inline while no thread is ready yet, so nothing waits for the threads to boot", async () => {
    const pool = startExtractThreads(1)
    try {
      let booted = false
      void pool.ready.then(() => (booted = true))
      const outcome = await pool.extract(articles[0]!)
      expect(outcome).toEqual(extractArticle(articles[0]!))
      expect(booted).toBe(false)
    } finally {
      await pool.close()
    }
  })
})
