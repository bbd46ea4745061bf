import { parseArgs } from "node:util"
import { Effect } from "effect"
import { resolveSettings, Stage, STAGES, workerSettings, type WiredeskSettings } from "@wiredesk/core"
import { submit } from "@wiredesk/ingest"
import { loadInputs, UsageError } from "./inputs.js"
import { extractCommand } from "./commands/extract.js"
import { printEvents, retryFailed, statusReport } from "./commands/inspect.js"
import { replay } from "./commands/replay.js"
import { progressBar } from "./progress.js"
import { runCommand } from "./commands/run.js"
import { makeRuntime } from "./runtime.js"
import { disposeWithin, untilSignal } from "./shutdown.js"
import { warmUp } from "./warmUp.js"
import { startWorkers, stopWorkers, tuningFromEnv } from "./workers.js"

const HELP = `wiredesk: recognise copies and same-story rewrites in news articles, and write one Markdown report per story.

Usage:
  wiredesk run <paths...> [--reports DIR] [--json] [--timeout MS]
                                                     one shot: process files/folders, write reports, exit
                                                     (exit 1 if an article failed or the run timed out; 30 min)
  wiredesk queue <paths...> [--json]                 queue articles to running workers and exit
  wiredesk worker [--stage NAME[,NAME]]              run workers until SIGTERM or SIGINT (all stages by default)
  wiredesk events [--article ID] [--json]            print the event log
  wiredesk replay <stage> [--article ID] [--downstream] [--dry-run]
                                                     re-run a stage's core over its recorded inputs
  wiredesk rebuild [--reports DIR]                   delete and rewrite every report from the log
  wiredesk extract <paths...> [--json]               extract offline (no Redis): one JSON line per input
  wiredesk status [--json]                           queue counts per stage, stories, events
  wiredesk retry                                     re-queue failed jobs
  wiredesk serve [--port N] [--insecure]             HTTP API and dashboard (writes need WIREDESK_TOKEN)

Inputs: .txt .md .html .htm .json .jsonl (and .gz of each), folders recursively.
JSON records: { id?, title?, text? | html?, date? | publishedAt?, source?, url? }.
Every command takes --redis URL (REDIS_URL), --prefix NAME (WIREDESK_PREFIX) and --reports DIR (WIREDESK_REPORTS).
`

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        redis: { type: "string" },
        prefix: { type: "string" },
        reports: { type: "string" },
        json: { type: "boolean", default: false },
        article: { type: "string" },
        stage: { type: "string" },
        downstream: { type: "boolean", default: false },
        "dry-run": { type: "boolean", default: false },
        timeout: { type: "string" },
        port: { type: "string" },
        insecure: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    })
  } catch (e) {
    process.stderr.write(`wiredesk: ${(e as Error).message}\n`)
    process.exit(2)
  }
})()

const [command, ...args] = positionals

// A reader that stops early (`wiredesk events | head`) closes the pipe: that ends the output, it is not a failure.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0)
  throw e
})

/** The usage lines of one command (`wiredesk run --help`), with the options every command takes. */
const helpOf = (name: string): string | null => {
  const lines = HELP.split("\n")
  const at = lines.findIndex((l) => l.startsWith(`  wiredesk ${name} `) || l === `  wiredesk ${name}`)
  if (at < 0) return null
  let end = at + 1
  while (end < lines.length && /^ {20,}/.test(lines[end]!)) end++
  return `Usage:\n${lines.slice(at, end).join("\n")}\n\n${lines.filter((l) => l.startsWith("Every command takes")).join("\n")}\n`
}

/** A stage named on the command line, or a usage error that names the stages. */
const stageNamed = (name: string | undefined, what: string): Stage => {
  const stage = Stage.safeParse(name?.trim())
  if (!stage.success) throw new UsageError(`${what}: ${name === undefined ? "no stage given" : `unknown stage "${name}"`}; one of ${STAGES.join(", ")}`)
  return stage.data
}

/** Settings from flags and environment; a bad value is a usage error of one line, not a schema dump. */
const settingsFrom = (flags: { redis?: string | undefined; prefix?: string | undefined; reports?: string | undefined }): WiredeskSettings => {
  try {
    return resolveSettings(flags)
  } catch (e) {
    const issues = (e as { issues?: readonly { readonly message: string }[] }).issues
    if (issues === undefined) throw e
    throw new UsageError(issues.map((i) => i.message).join("; "))
  }
}

const withRuntime = async <A>(settings: WiredeskSettings, effect: Effect.Effect<A, unknown, never>): Promise<A> => {
  const runtime = makeRuntime(settings)
  try {
    return await runtime.runPromise(effect as never)
  } finally {
    await runtime.dispose()
  }
}

const main = async (): Promise<number> => {
  const commandHelp = values.help && command !== undefined ? helpOf(command) : null
  if (commandHelp !== null) {
    process.stdout.write(commandHelp)
    return 0
  }
  if (values.help || command === undefined || command === "help") {
    process.stdout.write(HELP)
    return command === undefined && !values.help ? 2 : 0
  }
  const settings = settingsFrom({ redis: values.redis, prefix: values.prefix, reports: values.reports })
  const out = (s: string) => void process.stdout.write(s)
  switch (command) {
    case "run":
      return runCommand(settings, { paths: args, json: values.json, timeoutMs: Number(values.timeout ?? 30 * 60_000), startWorkers: true })
    case "queue": {
      const { submissions, skipped } = await loadInputs(args, settings.maxDocumentBytes)
      const results = (await withRuntime(settings, submit(submissions) as never)) as Effect.Success<ReturnType<typeof submit>>
      for (const r of results)
        out(values.json ? `${JSON.stringify(r)}\n` : `${r.status.padEnd(9)} ${r.articleId ?? r.ref}  ${r.input}\n`)
      for (const f of skipped) process.stderr.write(`skipped (unsupported type): ${f}\n`)
      return 0
    }
    case "worker": {
      const stages = values.stage ? values.stage.split(",").map((s) => stageNamed(s, "--stage")) : STAGES
      const runtime = makeRuntime(workerSettings(settings))
      const signalled = untilSignal()
      process.stderr.write(`wiredesk worker: ${stages.join(", ")} on ${settings.redisUrl.replace(/\/\/[^@]*@/, "//***@")} prefix ${settings.prefix}, warming up\n`)
      let stopping = false
      void signalled.then(() => (stopping = true))
      // Jobs wait until the extraction threads have booted and every stage's core is warm (warmUp.ts): about a second.
      // A signal meanwhile stops the worker before it takes any; a warm-up that fails (even by a defect) leaves it cold.
      const warming = performance.now()
      await Promise.race([runtime.runPromise(Effect.exit(warmUp(stages))), signalled])
      const workers = stopping ? [] : await startWorkers(runtime, settings, stages, tuningFromEnv())
      const threads = stages.includes("extract") ? settings.extractThreads : 0
      if (!stopping) process.stderr.write(`wiredesk worker: ready${threads > 0 ? `, extract core on ${threads} threads` : ""} (warmed up in ${((performance.now() - warming) / 1000).toFixed(1)} s)\n`)
      const signal = await signalled
      process.stderr.write(`wiredesk worker: ${signal}, draining\n`)
      await stopWorkers(workers, Number(process.env["WIREDESK_GRACE_MS"] ?? 10_000))
      await disposeWithin(runtime)
      process.stderr.write(`wiredesk worker: stopped\n`)
      return 0
    }
    case "events":
      await withRuntime(settings, printEvents(values.article ?? null, values.json, out) as never)
      return 0
    case "replay": {
      const stage = stageNamed(args[0], "replay which stage?")
      // A long replay (minutes over a million articles) draws how far it has come on a terminal.
      const shown: { bar: ReturnType<typeof progressBar> | null } = { bar: null }
      const progress = (done: number, total: number, unit: string) => {
        const bar = (shown.bar ??= progressBar(total, process.stderr.isTTY === true, unit))
        bar.update(done, total)
        if (done < total) return
        bar.finish()
        shown.bar = null
      }
      const say = (line: string) => {
        shown.bar?.clear()
        out(`${line}\n`)
      }
      await withRuntime(settings, replay({ stage, article: values.article ?? null, downstream: values.downstream, dryRun: values["dry-run"], progress }, say) as never)
      shown.bar?.finish()
      return 0
    }
    case "rebuild":
      await withRuntime(settings, replay({ stage: "report", article: null, downstream: false, dryRun: false }, (l) => out(`${l}\n`)) as never)
      return 0
    case "extract":
      return extractCommand(args, settings.maxDocumentBytes, out)
    case "status": {
      const status = (await withRuntime(settings, statusReport as never)) as Effect.Success<typeof statusReport>
      if (values.json) out(`${JSON.stringify(status)}\n`)
      else {
        out(`stage      waiting  active  done     failed  delayed\n`)
        for (const [stage, c] of Object.entries(status.stages))
          out(`${stage.padEnd(10)} ${String(c["waiting"] ?? 0).padEnd(8)} ${String(c["active"] ?? 0).padEnd(7)} ${String(c["completed"] ?? 0).padEnd(8)} ${String(c["failed"] ?? 0).padEnd(7)} ${c["delayed"] ?? 0}\n`)
        out(`articles ${status.articles}, rejected ${status.rejected}, failed ${status.failed}, copies ${status.copies}, stories ${status.stories}, events ${status.events}\n`)
        const waits = Object.entries(status.waits).filter(([, w]) => w.articles > 0)
        if (waits.length > 0)
          out(`waits of the last ${Math.max(...waits.map(([, w]) => w.articles))} articles, median / p99 ms: ${waits.map(([stage, w]) => `${stage} ${w.p50Ms} / ${w.p99Ms}`).join(", ")}\n`)
        for (const [a, why] of Object.entries(status.failedArticles)) out(`  failed ${a}: ${why}\n`)
      }
      return 0
    }
    case "retry": {
      const n = await withRuntime(settings, retryFailed as never)
      out(`re-queued ${n} failed jobs\n`)
      return 0
    }
    case "serve": {
      const { serve } = await import("./serve.js")
      return serve(settings, { port: Number(values.port ?? process.env["PORT"] ?? 8080), insecure: values.insecure || process.env["WIREDESK_INSECURE"] === "1" })
    }
    default:
      throw new UsageError(`unknown command "${command}" (see wiredesk --help)`)
  }
}

/**
 * Exits once everything written to stdout and stderr has reached them: into a pipe, writes are asynchronous, and
 * `process.exit` alone cut `wiredesk events --json | ...` short after its first 64 KB.
 */
const exitWhenWritten = (code: number): void => {
  let pending = 2
  const done = () => void (--pending === 0 && process.exit(code))
  process.stdout.write("", done)
  process.stderr.write("", done)
}

main().then(exitWhenWritten, (e: unknown) => {
  const message = e instanceof UsageError ? e.message : e instanceof Error ? e.message : String(e)
  process.stderr.write(`wiredesk: ${message}\n`)
  exitWhenWritten(e instanceof UsageError ? 2 : 1)
})
