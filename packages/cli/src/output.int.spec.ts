import { execFile } from "node:child_process"
import { join, resolve } from "node:path"
import { promisify } from "node:util"
import { Effect } from "effect"
import { Redis } from "ioredis"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeRedisEventLog } from "@wiredesk/core"
import { deletePrefix, pending, testPrefix, testRedisUrl } from "@wiredesk/core/testing"

const cli = join(resolve(import.meta.dirname, "../../.."), "packages/cli/bin/wiredesk.js")
const exec = promisify(execFile)

let redisUrl = ""
const prefix = testPrefix("output")

beforeAll(async () => {
  redisUrl = await testRedisUrl()
  const redis = new Redis(redisUrl)
  // Twelve received articles of 40 KB each: half a megabyte of events, far more than a pipe holds at once.
  const text = "The council met on Tuesday and passed the harbour plan. ".repeat(700)
  await Effect.runPromise(
    makeRedisEventLog(redis, prefix).append(
      Array.from({ length: 12 }, (_, i) =>
        pending(
          {
            type: "ArticleReceived.v1",
            data: { articleId: `big-${i}`, contentHash: `${i}`.padStart(64, "0"), input: `big-${i}.txt`, format: "text", content: `${i} ${text}`, hints: { title: null, publishedAt: null, source: null, url: null } },
          },
          `recv-big-${i}`,
        ),
      ),
    ),
  )
  redis.disconnect()
})
afterAll(async () => {
  await deletePrefix(redisUrl, prefix)
})

describe("given a log larger than a pipe holds", () => {
  it("`wiredesk events --json` writes every event into a pipe before it exits, also under a wrapper like npx", async () => {
    // A Node parent that hands the child its own stdout (as npx does) leaves that pipe non-blocking: writes then queue,
    // and an exit that does not wait for them cuts the output short.
    const wrapper = `const c = require("node:child_process").spawn(process.execPath, ${JSON.stringify([cli, "events", "--json", "--redis", redisUrl, "--prefix", prefix])}, { stdio: "inherit" }); c.on("exit", (code) => process.exit(code ?? 1))`
    const { stdout } = await exec("node", ["-e", wrapper], { maxBuffer: 64 * 1024 * 1024 })
    const lines = stdout.split("\n").filter((l) => l.length > 0)
    expect(stdout.length).toBeGreaterThan(400_000)
    expect(lines.map((l) => (JSON.parse(l) as { data: { articleId: string } }).data.articleId)).toEqual(Array.from({ length: 12 }, (_, i) => `big-${i}`))
  }, 60_000)
})
