import { execFile, spawnSync } from "node:child_process"
import { mkdtemp, readdir, rm } from "node:fs/promises"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { promisify } from "node:util"
import { Cluster } from "ioredis"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { keysFor, makeRedisClient, resolveSettings } from "@wiredesk/core"
import { runOnce } from "./commands/run.js"

const exec = promisify(execFile)
const seeds = join(resolve(import.meta.dirname, "../../.."), "fixtures/seeds")

/** This test starts its own three-master Redis Cluster; without redis-server and redis-cli it is skipped, loudly. */
const hasClusterTools = ["redis-server", "redis-cli"].every((bin) => spawnSync(bin, ["--version"], { stdio: "ignore" }).status === 0)
if (!hasClusterTools) process.stderr.write("wiredesk cluster test: redis-server or redis-cli is not installed, skipping it (apt-get install redis-server)\n")

const isFree = (port: number): Promise<boolean> =>
  new Promise((ok) => {
    const server = createServer()
    server.once("error", () => ok(false))
    server.listen(port, "127.0.0.1", () => server.close(() => ok(true)))
  })

/** Three ports whose cluster bus ports (port + 10000) are free as well. */
const clusterPorts = async (): Promise<number[]> => {
  const ports: number[] = []
  while (ports.length < 3) {
    const port = 20_000 + Math.floor(Math.random() * 30_000)
    if (!ports.includes(port) && (await isFree(port)) && (await isFree(port + 10_000))) ports.push(port)
  }
  return ports
}

const cli = (...args: string[]) => exec("redis-cli", args, { timeout: 15_000 })

describe.skipIf(!hasClusterTools)("on a three-master Redis Cluster", () => {
  let dir = ""
  let ports: number[] = []
  const reportDirs: string[] = []

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "wiredesk-cluster-"))
    ports = await clusterPorts()
    for (const p of ports)
      await exec("redis-server", [
        "--port", String(p), "--bind", "127.0.0.1",
        "--cluster-enabled", "yes", "--cluster-config-file", join(dir, `nodes-${p}.conf`),
        "--save", "", "--appendonly", "no", "--dir", dir,
        "--daemonize", "yes", "--pidfile", join(dir, `redis-${p}.pid`), "--logfile", join(dir, `redis-${p}.log`),
      ])
    for (const p of ports) {
      for (let i = 0; ; i++) {
        const pong = await cli("-p", String(p), "ping").then((r) => r.stdout.trim(), () => "")
        if (pong === "PONG") break
        if (i > 50) throw new Error(`redis-server on ${p} did not start`)
        await new Promise((r) => setTimeout(r, 100))
      }
    }
    await cli("--cluster", "create", ...ports.map((p) => `127.0.0.1:${p}`), "--cluster-replicas", "0", "--cluster-yes")
    for (let i = 0; ; i++) {
      const states = await Promise.all(ports.map((p) => cli("-p", String(p), "cluster", "info").then((r) => r.stdout, () => "")))
      if (states.every((s) => s.includes("cluster_state:ok"))) break
      if (i > 100) throw new Error(`the cluster did not reach cluster_state:ok: ${states.join(" | ")}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }, 30_000)

  afterAll(async () => {
    for (const p of ports) await cli("-p", String(p), "shutdown", "nosave").catch(() => undefined)
    for (const d of [dir, ...reportDirs]) if (d) await rm(d, { recursive: true, force: true })
  })

  it("runs the five seed articles through the real pipeline into one story of five, with its reports", async () => {
    const reports = await mkdtemp(join(tmpdir(), "wiredesk-reports-"))
    reportDirs.push(reports)
    const prefix = `cluster-${process.pid}-${Date.now()}`
    // Two seed nodes of three: the third is discovered.
    const url = `redis+cluster://127.0.0.1:${ports[0]},127.0.0.1:${ports[1]}`
    const settings = resolveSettings({ redis: url, prefix, reports }, {})

    const { result } = await runOnce(settings, { paths: [seeds], json: true, timeoutMs: 25_000, startWorkers: true })

    expect(result.articles).toHaveLength(5)
    expect(result.articles.every((a) => a.status === "done")).toBe(true)
    expect(result.stories).toHaveLength(1)
    expect(result.stories[0]!.articleIds).toHaveLength(5)
    expect((await readdir(reports)).sort()).toEqual(["index.md", result.stories[0]!.reportPath.split("/").pop()].sort())

    // It really ran on the cluster: the log, and BullMQ's queues, are in the one slot of the prefix's hash tag.
    const client = makeRedisClient(url)
    try {
      expect(client).toBeInstanceOf(Cluster)
      const keys = keysFor(prefix)
      expect(await client.xlen(keys.log)).toBeGreaterThanOrEqual(15)
      const slot = Number(await client.cluster("KEYSLOT", keys.log))
      const owners = await Promise.all(ports.map((p) => cli("-p", String(p), "cluster", "countkeysinslot", String(slot)).then((r) => Number(r.stdout.trim()))))
      expect(owners.filter((n) => n > 0)).toHaveLength(1)
      expect(await client.exists(`${keys.queuePrefix}:report:meta`)).toBe(1)
    } finally {
      client.disconnect()
    }
  }, 30_000)
})
