import { spawn, spawnSync, type ChildProcess } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { Redis } from "ioredis"

/** The repository root: where the containers run `node packages/cli/bin/wiredesk.js`. */
const repoRoot = resolve(import.meta.dirname, "../../../..")
const wiredeskBin = join(repoRoot, "packages/cli/bin/wiredesk.js")

/** Fault tests start their own redis-server; where none is installed they are skipped, loudly. */
export const hasRedisServer = spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0
if (!hasRedisServer) process.stderr.write("wiredesk fault tests: redis-server is not installed, skipping them (apt-get install redis-server)\n")

export const freePort = (): Promise<number> =>
  new Promise((ok, fail) => {
    const server = createServer()
    server.once("error", fail)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number }
      server.close(() => ok(port))
    })
  })

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** Polls until `check` returns a value other than undefined, or fails after `timeoutMs`. */
export const eventually = async <A>(check: () => Promise<A | undefined>, timeoutMs: number, what: string | (() => string), everyMs = 100): Promise<A> => {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const value = await check()
      if (value !== undefined) return value
    } catch (e) {
      last = e
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === "string" ? what : what()}${last ? `: ${String(last)}` : ""}`)
    await sleep(everyMs)
  }
}

export interface RedisOptions {
  /** "always" and "everysec" keep an append-only file; "off" keeps nothing (no AOF, no RDB). */
  readonly persistence: "always" | "everysec" | "off"
}

/** A redis-server of the test's own, on a free port and a temp dir, that the test may kill, pause and restart. */
export class RedisServer {
  readonly dir = mkdtempSync(join(tmpdir(), "wiredesk-redis-"))
  private child: ChildProcess | null = null
  private constructor(readonly port: number, readonly options: RedisOptions) {}

  static async start(options: RedisOptions = { persistence: "always" }): Promise<RedisServer> {
    const server = new RedisServer(await freePort(), options)
    await server.start()
    return server
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`
  }

  async start(): Promise<void> {
    const persistence =
      this.options.persistence === "off"
        ? ["--appendonly", "no", "--save", ""]
        : ["--appendonly", "yes", "--appendfsync", this.options.persistence, "--save", ""]
    this.child = spawn(
      "redis-server",
      ["--port", String(this.port), "--bind", "127.0.0.1", "--dir", this.dir, "--maxmemory-policy", "noeviction", "--loglevel", "warning", ...persistence],
      { stdio: "ignore" },
    )
    await eventually(async () => {
      const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
      probe.on("error", () => undefined)
      try {
        await probe.connect()
        // Loading the AOF answers LOADING until done; PING alone is not enough.
        await probe.get("probe")
        return true
      } finally {
        probe.disconnect()
      }
    }, 15_000, `redis-server on ${this.port}`)
  }

  /** SIGKILL: no shutdown save, no final fsync. */
  async kill(): Promise<void> {
    const child = this.child
    if (child === null || child.exitCode !== null) return
    const exited = new Promise((r) => child.once("exit", r))
    child.kill("SIGKILL")
    await exited
    this.child = null
  }

  pause(): void {
    this.child?.kill("SIGSTOP")
  }

  resume(): void {
    this.child?.kill("SIGCONT")
  }

  async stop(): Promise<void> {
    this.resume()
    await this.kill()
    rmSync(this.dir, { recursive: true, force: true })
  }
}

export interface Spawned {
  readonly child: ChildProcess
  readonly output: () => string
  readonly exited: Promise<number | null>
}

/** Runs `node packages/cli/bin/wiredesk.js <args>`: the exact command a container runs. */
export const spawnWiredesk = (args: readonly string[], env: Record<string, string> = {}): Spawned => {
  const child = spawn(process.execPath, [wiredeskBin, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  })
  let output = ""
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()))
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()))
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)))
  return { child, output: () => output, exited }
}

/** Short lock and stall intervals, so a killed worker's jobs come back within seconds. */
const fastRecovery = { WIREDESK_LOCK_MS: "3000", WIREDESK_STALLED_MS: "1000", WIREDESK_MAX_STALLED: "5", WIREDESK_GRACE_MS: "3000" }

export const spawnWorker = (redisUrl: string, prefix: string, reports: string, env: Record<string, string> = {}): Spawned =>
  spawnWiredesk(["worker", "--redis", redisUrl, "--prefix", prefix, "--reports", reports], { ...fastRecovery, ...env })

/** Resolves once the worker printed its start line (its BullMQ workers are then running). */
export const workerReady = (w: Spawned, timeoutMs = 90_000): Promise<true> =>
  Promise.race([
    // Ready: warmed up and taking jobs.
    eventually(async () => (w.output().includes("wiredesk worker: ready") ? true : undefined), timeoutMs, () => `worker start (output: ${w.output().slice(-500)})`, 50),
    // A worker that dies on start (a broken import, a bad flag) fails the test at once, with its output.
    w.exited.then((code) => Promise.reject(new Error(`the worker exited with ${code} before it started: ${w.output().slice(-1500)}`))),
  ])

export const killProcess = async (w: Spawned, signal: NodeJS.Signals): Promise<number | null> => {
  if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill(signal)
  return w.exited
}

export const tempDir = (label: string): string => mkdtempSync(join(tmpdir(), `wiredesk-${label}-`))
