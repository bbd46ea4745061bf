import { describe, expect, it } from "vitest"
import { extractArticle } from "./extract.js"
import { received, seedText } from "./fixtures.testing.js"
import { ExtractThreadDied, startExtractThreads } from "./threads.js"

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

describe("an extraction thread that dies on an input", () => {
  const script = new URL("./thread.testing.mjs", import.meta.url)
  const input = (articleId: string, content: string) => ({ ...articles[0]!, articleId, content })

  const until = async (done: () => boolean) => {
    for (let i = 0; i < 500 && !done(); i++) await new Promise((r) => setTimeout(r, 10))
  }

  it("fails that input, without running it again on the event loop, and serves the next from a thread started in its place", async () => {
    const pool = startExtractThreads(1, script)
    try {
      await pool.ready
      await expect(pool.extract(input("poison", "die"))).rejects.toBeInstanceOf(ExtractThreadDied)
      await until(() => pool.count().ready === 1)
      expect(await pool.extract(input("next", "fine"))).toEqual({ kind: "rejected", reason: "from a thread: next" })
    } finally {
      await pool.close()
    }
  })

  it("is not started again without end when every input kills it: past a few a minute, the core runs inline", async () => {
    const pool = startExtractThreads(1, script)
    try {
      let died = 0
      for (let i = 0; i < 10; i++) {
        await until(() => pool.count().ready === 1 || pool.count().live === 0)
        if (pool.count().live === 0) break
        await expect(pool.extract(input(`poison-${i}`, "die"))).rejects.toBeInstanceOf(ExtractThreadDied)
        died++
      }
      expect(died).toBe(4)
      expect(pool.count()).toEqual({ live: 0, ready: 0 })
      expect(await pool.extract(input("inline", "Some text."))).toEqual(extractArticle(input("inline", "Some text.")))
    } finally {
      await pool.close()
    }
  })
})
