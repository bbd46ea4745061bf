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

describe("given a reader that stops after the first line, as `wiredesk events | head -1` does", () => {
  it("ends quietly with exit 0: a closed pipe ends the output, it is no failure", async () => {
    const { spawn } = await import("node:child_process")
    const child = spawn(process.execPath, [cli, "events", "--json", "--redis", redisUrl, "--prefix", prefix], { stdio: ["ignore", "pipe", "pipe"] })
    let stderr = ""
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()))
    child.stdout.once("data", () => child.stdout.destroy())
    const code = await new Promise<number | null>((done) => child.on("close", done))
    expect(code).toBe(0)
    expect(stderr).toBe("")
  }, 60_000)
})

describe("given a mistyped option", () => {
  const run = (...args: string[]) =>
    exec(process.execPath, [cli, ...args, "--redis", redisUrl]).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    )

  it("names the stages in one line and exits 2 for a stage that does not exist", async () => {
    const worker = await run("worker", "--stage", "extract,dedup")
    expect(worker.code).toBe(2)
    expect(worker.stderr).toBe('wiredesk: --stage: unknown stage "dedup"; one of ingest, extract, dedupe, report\n')
    const replay = await run("replay", "reports")
    expect(replay.code).toBe(2)
    expect(replay.stderr.trim().split("\n")).toHaveLength(1)
  }, 60_000)

  it("says what a prefix may hold in one line and exits 2", async () => {
    const status = await run("status", "--prefix", "my desk!")
    expect(status.code).toBe(2)
    expect(status.stderr).toBe("wiredesk: a prefix is 1-64 letters, digits, '.', '_' or '-'\n")
  })

  it("prints one command's usage for `wiredesk <command> --help`", async () => {
    const help = await run("queue", "--help")
    expect(help.code).toBe(0)
    expect(help.stdout).toContain("wiredesk queue <paths...> [--json]")
    expect(help.stdout).not.toContain("wiredesk worker")
    expect(help.stdout).toContain("Every command takes --redis URL")
  })
})
