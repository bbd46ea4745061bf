import { readFileSync, readdirSync, rmSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { RedisServer, spawnWiredesk, tempDir, hasRedisServer } from "./harness.js"
import { markdownProblems, writeBadInputs } from "./badInputs.js"
import { duplicationProblems, readLog } from "./pipeline.js"

/**
 * Injects: empty, binary, invalid JSON, wrong types, invalid UTF-8, HTML with scripts, Markdown-breaking text and a
 * 50 MB file, through `wiredesk run` next to one good article.
 * Checks: each bad input gets a rejection event with a clear code (or a report that stays well formed);
 * the good article is reported as if alone; no event twice.
 */
describe.skipIf(!hasRedisServer)("when bad input comes through the CLI", () => {
  let redis: RedisServer
  const inputs = tempDir("bad")
  const reports = tempDir("bad-reports")
  beforeAll(async () => {
    redis = await RedisServer.start({ persistence: "off" })
    writeBadInputs(inputs)
  })
  afterAll(async () => {
    await redis.stop()
    rmSync(inputs, { recursive: true, force: true })
    rmSync(reports, { recursive: true, force: true })
  })

  it("rejects each bad input with a clear reason, keeps reports well formed, and reports the good article", async () => {
    const run = spawnWiredesk(["run", inputs, "--redis", redis.url, "--prefix", "fault-bad", "--reports", reports, "--json"], { WIREDESK_MAX_BYTES: String(1024 * 1024) })
    expect(await run.exited).toBe(0)
    const out = JSON.parse(run.output().split("\n").find((l) => l.startsWith("{"))!) as { articles: Array<{ input: string; status: string }> }
    const statusOf = (file: string) => out.articles.find((a) => a.input.endsWith(file))?.status
    for (const f of ["empty.txt", "binary.txt", "invalid.json", "wrongtypes.json", "big.txt"]) expect(statusOf(f), f).toBe("rejected")
    for (const f of ["good.json", "scripts.html", "markdown.txt", "invalid-utf8.txt"]) expect(statusOf(f), f).toBe("done")

    const events = await readLog(redis.url, "fault-bad")
    const codes = Object.fromEntries(events.filter((e) => e.type === "ArticleRejected.v1").map((e) => [e.meta.articleId, e.data.code]))
    expect(codes).toMatchObject({ empty: "empty", binary: "binary", invalid: "invalid", wrongtypes: "invalid", big: "too-large" })
    expect(duplicationProblems(events)).toEqual([])

    const files = readdirSync(reports).filter((f) => f.endsWith(".md") && f !== "index.md")
    expect(files).toHaveLength(4)
    for (const f of files) expect(markdownProblems(readFileSync(join(reports, f), "utf8"), f)).toEqual([])
  }, 120_000)
})

