/**
 * wiredesk performance benchmark: `npm run bench` (full, several minutes) or `npm run bench -- --quick` (about a minute).
 * Options: --only=throughput,dedupe,replay,latency,memory,extraction  --out=<file> (default bench/results.json, with --quick bench/results-quick.json)
 * --memory-articles=<n> (default 100,000; --quick 1,000), --window=<n> and --worker-heap=<MB> (the memory run's
 * dedupe window and V8 heap limit).
 * --articles=<n> --rounds=<n> (throughput corpus size and rounds).
 * --processes=<n> (default: one per core): throughput and latency are also measured with the
 * workers in n separate processes (`wiredesk worker`), the bare chain's likewise; 0 skips that.
 * Needs Redis (REDIS_URL, default redis://127.0.0.1:6379); every key it writes is under a `bench7-*` prefix it removes afterwards.
 */
import { spawnSync } from "node:child_process"
import { mkdirSync, writeFileSync } from "node:fs"
import { cpus, loadavg } from "node:os"
import { dirname, join } from "node:path"
import { DEFAULT_DEDUPE_WINDOW } from "@wiredesk/core"
import { bareChainThroughput } from "../bench/bareChain.js"
import { baselineDedupeHandler, baselineReportHandler } from "../bench/baseline.js"
import { generateCorpus, repoRoot } from "../bench/corpus.js"
import { extractionBench } from "../bench/extraction.js"
import { pipelineLatency, pipelineMemory, pipelineThroughput } from "../bench/pipeline.js"
import { extractionCpuPerArticle, receiveAndExtract } from "../bench/realArticles.js"
import { benchPrefix, dropPrefix } from "../bench/redisPrefix.js"
import { replayBench } from "../bench/replay.js"
import { median, quantile } from "../bench/stats.js"

const args = process.argv.slice(2)
const quick = args.includes("--quick")
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3)
const only = option("only")?.split(",")
// A quick run writes apart from the full bench's figures, which it would otherwise replace.
const out = option("out") ?? join(repoRoot, "bench", quick ? "results-quick.json" : "results.json")
const wanted = (section: string) => only === undefined || only.includes(section)

const numberOption = (name: string) => (option(name) === undefined ? undefined : Number(option(name)))
const processes = numberOption("processes") ?? cpus().length
const baselineHandlers = { dedupe: baselineDedupeHandler, report: baselineReportHandler } as never

const plan = quick
  ? { articles: 300, rounds: 1, dedupeSizes: [2_000, 20_000], dedupeSample: 60, replayArticles: 600, latencySeconds: 3, compareLatency: false, extractionRounds: 1, memoryArticles: 1_000 }
  : { articles: 1_500, rounds: 2, dedupeSizes: [10_000, 100_000, 1_000_000], dedupeSample: 200, replayArticles: 25_000, latencySeconds: 30, compareLatency: true, extractionRounds: 3, memoryArticles: 100_000 }

Object.assign(plan, {
  ...(numberOption("articles") !== undefined && { articles: numberOption("articles") }),
  ...(numberOption("rounds") !== undefined && { rounds: numberOption("rounds") }),
  ...(numberOption("memory-articles") !== undefined && { memoryArticles: numberOption("memory-articles") }),
})
/** --window=N: the dedupe window of the memory run's worker (default: the worker's own default). */
const memoryWindow = numberOption("window")
/** --worker-heap=MB: the memory run's worker gets --max-old-space-size=MB (default: V8's own limit). */
const workerHeapMb = numberOption("worker-heap")

interface Row {
  readonly figure: string
  readonly value: string
  readonly goal: string
  readonly met: boolean | null
}
const rows: Row[] = []
const notes: string[] = []
const results: Record<string, unknown> = {}
const say = (line: string) => process.stderr.write(`${line}\n`)
const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : String(x))

const withPrefix = async <A>(purpose: string, run: (prefix: string) => Promise<A>): Promise<A> => {
  const prefix = benchPrefix(purpose)
  try {
    return await run(prefix)
  } finally {
    await dropPrefix(prefix)
  }
}

if (wanted("throughput")) {
  say(`throughput: ${plan.articles} syndicated articles, ${plan.rounds} round(s) of bare chain and wiredesk, alternating`)
  const corpus = generateCorpus(plan.articles)
  const bare: number[] = []
  const bareCpu: number[] = []
  const wired: Awaited<ReturnType<typeof pipelineThroughput>>[] = []
  const before: Awaited<ReturnType<typeof pipelineThroughput>>[] = []
  // Warm-up (JIT, module loading, Redis connections), untimed; then rounds in alternating order so neither side always runs first.
  const warm = generateCorpus(40, 3)
  await withPrefix("warm", (p) => bareChainThroughput(p, warm))
  await withPrefix("warm", (p) => pipelineThroughput(p, warm))
  await withPrefix("warm", (p) => pipelineThroughput(p, warm, baselineHandlers))
  for (let r = 0; r < plan.rounds; r++) {
    const runs = [
      async () => {
        const b = await withPrefix("bare", (p) => bareChainThroughput(p, corpus))
        bare.push(b.perSecond)
        bareCpu.push(b.cpuMsPerArticle)
      },
      async () => wired.push(await withPrefix("run", (p) => pipelineThroughput(p, corpus))),
      async () => before.push(await withPrefix("before", (p) => pipelineThroughput(p, corpus, baselineHandlers))),
    ]
    for (const run of r % 2 === 0 ? runs : [...runs].reverse()) await run()
    say(`  round ${r + 1}: bare ${fmt(bare[r]!)} /s, wiredesk ${fmt(wired[r]!.perSecond)} /s, before the shell changes ${fmt(before[r]!.perSecond)} /s`)
  }
  const wiredesk = median(wired.map((w) => w.perSecond))
  const beforeChanges = median(before.map((w) => w.perSecond))
  const floor = median(bare)
  const cpuNow = median(wired.map((w) => w.cpuMsPerArticle))
  const cpuBefore = median(before.map((w) => w.cpuMsPerArticle))
  const cpuBare = median(bareCpu)
  // What the machine's cores allow at that CPU per article, and what extraction alone allows (its pure core, inline, the
  // same corpus): wiredesk's throughput cannot pass either, whatever the shells do.
  const cores = cpus().length
  const extractMs = extractionCpuPerArticle(corpus)
  results["throughput"] = {
    how: "Same process, same per-stage concurrency (ingest 8, extract 4, dedupe 4, report 1), same corpus; alternating rounds, medians. wiredesk: submit() all, then poll the log until every article's StoryAssigned is at or below the report checkpoint. Bare chain: four BullMQ queues whose processors only add the job (the submission, content included) to the next queue.",
    articles: plan.articles,
    wiredeskPerSecond: wiredesk,
    bareChainPerSecond: floor,
    ratio: wiredesk / floor,
    beforeShellChangesPerSecond: beforeChanges,
    beforeShellChanges: "the dedupe and report handlers of commit 628ed47 (bench/baseline.ts): dedupe folds the log before and after every decision, report refreshes on every job",
    cpuMsPerArticle: { wiredesk: cpuNow, beforeShellChanges: cpuBefore, bareChain: cpuBare, how: "process.cpuUsage (user+system) of the bench process, which runs the workers, over the timed window, per article; Redis's own CPU not included" },
    rounds: wired,
    beforeRounds: before,
    bareRounds: bare,
    ceiling: { cores, extractCpuMsPerArticle: extractMs, how: "cores x 1000 / CPU ms per article; extraction timed inline in the bench process (process.cpuUsage) over the same corpus" },
  }
  rows.push({ figure: "throughput, wiredesk (articles/s)", value: fmt(wiredesk), goal: "", met: null })
  rows.push({ figure: "throughput, before the shell changes (articles/s)", value: fmt(beforeChanges), goal: "", met: null })
  rows.push({ figure: "throughput, bare BullMQ chain (articles/s)", value: fmt(floor), goal: "", met: null })
  rows.push({ figure: "throughput ratio wiredesk / bare", value: fmt(wiredesk / floor, 3), goal: ">= 1.0", met: wiredesk / floor >= 1 })
  rows.push({ figure: "worker CPU per article: now / before / bare (ms)", value: `${fmt(cpuNow, 2)} / ${fmt(cpuBefore, 2)} / ${fmt(cpuBare, 2)}`, goal: "", met: null })
  rows.push({ figure: "worker peak RSS, throughput run (MB)", value: String(Math.max(...wired.map((w) => w.peakRssMb))), goal: "", met: null })
  rows.push({ figure: `CPU ceiling on ${cores} cores: wiredesk / bare (articles/s)`, value: `${fmt((cores * 1000) / cpuNow)} / ${fmt((cores * 1000) / cpuBare)}`, goal: "", met: null })
  rows.push({ figure: "extraction alone: CPU per article (ms) / ceiling (articles/s)", value: `${fmt(extractMs, 2)} / ${fmt((cores * 1000) / extractMs)}`, goal: "", met: null })

  if (processes > 0) {
    // Scaled out as an operator would: the same corpus, workers in `processes` processes, both chains alike.
    const bareOut: number[] = []
    const bareOutCpu: number[] = []
    const wiredOut: Awaited<ReturnType<typeof pipelineThroughput>>[] = []
    for (let r = 0; r < plan.rounds; r++) {
      const runs = [
        async () => {
          const b = await withPrefix("bare-procs", (p) => bareChainThroughput(p, corpus, processes))
          bareOut.push(b.perSecond)
          bareOutCpu.push(b.cpuMsPerArticle)
        },
        async () => wiredOut.push(await withPrefix("run-procs", (p) => pipelineThroughput(p, corpus, {}, processes))),
      ]
      for (const run of r % 2 === 0 ? runs : [...runs].reverse()) await run()
      say(`  round ${r + 1}, ${processes} worker processes: bare ${fmt(bareOut[r]!)} /s, wiredesk ${fmt(wiredOut[r]!.perSecond)} /s`)
    }
    const w = median(wiredOut.map((x) => x.perSecond))
    const b = median(bareOut)
    results["throughputProcesses"] = {
      how: `As above, but each chain's workers run in ${processes} separate processes (wiredesk: \`wiredesk worker\`, the first with all stages, the others ingest and extract; bare: bench/bareChainWorker.ts, all four); this process only queues and watches. CPU = this process + the worker processes (/proc utime+stime).`,
      processes,
      wiredeskPerSecond: w,
      bareChainPerSecond: b,
      ratio: w / b,
      cpuMsPerArticle: { wiredesk: median(wiredOut.map((x) => x.cpuMsPerArticle)), bareChain: median(bareOutCpu) },
      rounds: wiredOut,
      bareRounds: bareOut,
    }
    rows.push({ figure: `throughput, ${processes} worker processes: wiredesk / bare (articles/s)`, value: `${fmt(w)} / ${fmt(b)}`, goal: "", met: null })
    rows.push({ figure: `throughput ratio, ${processes} worker processes`, value: fmt(w / b, 3), goal: ">= 1.0", met: w / b >= 1 })
    rows.push({ figure: `CPU per article, ${processes} processes: wiredesk / bare (ms)`, value: `${fmt(median(wiredOut.map((x) => x.cpuMsPerArticle)), 2)} / ${fmt(median(bareOutCpu), 2)}`, goal: "", met: null })
  }
}

if (wanted("dedupe")) {
  say(`dedupe: decision cost with ${plan.dedupeSizes.join(", ")} articles indexed (own process)`)
  const child = spawnSync(
    process.execPath,
    ["--expose-gc", "--max-old-space-size=12000", "--import", "tsx", join(repoRoot, "bench", "dedupeScaling.ts"), plan.dedupeSizes.join(","), String(plan.dedupeSample)],
    { cwd: repoRoot, encoding: "utf8", maxBuffer: 16 * 1024 * 1024, timeout: quick ? 180_000 : 900_000 },
  )
  const points = child.stdout
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as { size: number; decideMedianMs?: number; evolveMedianMs?: number; heapBytesPerArticle?: number; failedAt?: number; error?: string })
  if (child.status !== 0) {
    const next = plan.dedupeSizes.find((size) => !points.some((p) => p.size === size)) ?? -1
    points.push({ size: next, error: child.signal === "SIGTERM" ? "did not finish within the time limit" : `exit ${child.status ?? child.signal}: ${child.stderr.slice(-300)}` })
  }
  results["dedupe"] = {
    how: "One index per size, all built first from the same stream of synthetic StoryAssigned events (real vocabulary, 64 terms, random MinHash carried as a StoryAssigned.v2 read as v3 carries it, so no derivation is timed, 4 articles per story), then measured side by side: decideDedupe (pure, state unchanged) on real extracted articles in 5 rounds alternating between the indexes, median of rounds 2 to 5; evolveDedupe timed on the next 500 synthetic articles of each, in alternating runs of 50. Heap per article is the process's over all the indexes.",
    points,
  }
  const ok = points.filter((p) => p.decideMedianMs !== undefined)
  for (const p of points)
    rows.push(
      p.decideMedianMs !== undefined
        ? { figure: `dedupe decide+evolve at ${p.size} indexed (ms, median)`, value: `${fmt(p.decideMedianMs + p.evolveMedianMs!, 2)} (heap ${p.heapBytesPerArticle} B/article)`, goal: "", met: null }
        : { figure: `dedupe at ${p.size} indexed`, value: `${p.failedAt === undefined ? "" : `failed at ${p.failedAt}: `}${p.error ?? ""}`.slice(0, 90), goal: "", met: false },
    )
  if (ok.length >= 2) {
    const first = ok[0]!
    const last = ok[ok.length - 1]!
    const ratio = (last.decideMedianMs! + last.evolveMedianMs!) / (first.decideMedianMs! + first.evolveMedianMs!)
    const reachedAll = ok.length === plan.dedupeSizes.length
    rows.push({ figure: `dedupe cost ratio ${last.size} / ${first.size}`, value: fmt(ratio, 2), goal: "<= 1.3", met: reachedAll && ratio <= 1.3 })
  }
}

if (wanted("replay")) {
  say(`replay: recording ${plan.replayArticles} articles' events, then fold, ingest, extract and dedupe replay, report rebuild`)
  const real = receiveAndExtract(generateCorpus(quick ? 300 : 1_000, 5))
  const r = await withPrefix("replay", (p) => replayBench(p, real, plan.replayArticles))
  results["replay"] = {
    howMemory: "Redis MEMORY USAGE summed over the prefix's keys, per article. The dedupe index is the dedupe stage's own events (StoryAssigned, CopyDetected, StoriesMerged: its state is a fold over them): their share of the log stream by entry bytes plus their share of the event-id hash by count. The whole log also holds every article's raw input and extracted text.",
    how: `${real.length} distinct corpus articles through the real ingest, extract and dedupe cores, the rest syndicated clones (copies in the original's story), recorded in batches; Redis bytes = MEMORY USAGE summed over the prefix's keys. Replays are dry runs over the whole log from position zero, as wiredesk replay runs them: extraction on worker threads from 2,000 articles on (one per core), dedupe's article analyses on worker threads from 8,000 logged events on (every core but one), the decisions on the event loop.`,
    ...r,
  }
  rows.push({ figure: "Redis per indexed article, the dedupe index (bytes)", value: String(r.dedupeIndexBytesPerArticle), goal: "<= 1024", met: r.dedupeIndexBytesPerArticle <= 1024 })
  rows.push({ figure: "Redis per article, the whole log with its texts (bytes)", value: String(r.redisBytesPerArticle), goal: "", met: null })
  notes.push(
    `Redis bytes per article by event type: ${Object.entries(r.logBytesPerArticleByType)
      .sort(([, x], [, y]) => y - x)
      .map(([t, n]) => `${t} ${n}`)
      .join(", ")}; by key family: ${Object.entries(r.redisByFamily)
      .map(([f, n]) => `${f} ${Math.round(n / r.articles)}`)
      .join(", ")}`,
  )
  rows.push({ figure: `fold only (events/s over ${r.events})`, value: fmt(r.foldEventsPerSecond, 0), goal: "", met: null })
  rows.push({ figure: "dedupe state fold from zero (events/s of the log)", value: fmt(r.dedupeFoldEventsPerSecond, 0), goal: "", met: null })
  rows.push({ figure: "ingest replay (events/s)", value: fmt(r.ingestReplayEventsPerSecond, 0), goal: ">= 10000", met: r.ingestReplayEventsPerSecond >= 10_000 })
  rows.push({ figure: "extract replay (events/s)", value: fmt(r.extractReplayEventsPerSecond, 0), goal: ">= 10000", met: r.extractReplayEventsPerSecond >= 10_000 })
  rows.push({ figure: "dedupe replay (events/s)", value: fmt(r.dedupeReplayEventsPerSecond, 0), goal: ">= 10000", met: r.dedupeReplayEventsPerSecond >= 10_000 })
  rows.push({ figure: `report rebuild (events/s; ${r.stories} stories)`, value: fmt(r.rebuildEventsPerSecond, 0), goal: "", met: null })
  rows.push({ figure: "report refresh after 1 new article (ms)", value: fmt(r.refreshAfterOneMs, 1), goal: "~1 story", met: null })
  rows.push({ figure: "report worker's story projection, heap per article (bytes)", value: String(r.projectionHeapPerArticle), goal: "", met: null })
}

/** Per stage, the p50 / p99 of the time from the previous stage's event to its own (pipelineLatency's `stages`). */
const stageRow = (figure: string, stages: Record<string, readonly number[]>): Row => ({
  figure,
  value: Object.entries(stages)
    .map(([stage, waits]) => `${stage} ${fmt(quantile(waits, 0.5), 0)} / ${fmt(quantile(waits, 0.99), 0)}`)
    .join(", "),
  goal: "",
  met: null,
})

if (wanted("latency")) {
  const rate = 100
  const count = rate * plan.latencySeconds
  say(`latency: ${count} articles offered at ${rate}/s`)
  const corpus = generateCorpus(count, 23)
  const r = await withPrefix("latency", (p) => pipelineLatency(p, corpus, rate))
  const p50 = quantile(r.latencies, 0.5)
  const p99 = quantile(r.latencies, 0.99)
  const b = plan.compareLatency ? await withPrefix("latency-before", (p) => pipelineLatency(p, corpus, rate, baselineHandlers)) : null
  results["latency"] = {
    how: "Workers as `wiredesk worker` runs them (threads booted, stages warmed up before the load); one submit() every 10 ms; latency = first 5 ms poll seeing the report checkpoint at or past the article's StoryAssigned position, minus the time it was queued. stageWaitsMs from the log's recordedAt: ArticleReceived to ArticleExtracted (extract), to StoryAssigned (dedupe), to the next ReportWritten of its story (report).",
    rate,
    count,
    p50Ms: p50,
    p99Ms: p99,
    maxMs: Math.max(...r.latencies),
    unfinished: r.unfinished,
    seconds: r.seconds,
    peakRssMb: r.peakRssMb,
    rssMbOverRun: r.rssMb,
    stageWaitsMs: Object.fromEntries(Object.entries(r.stages).map(([stage, w]) => [stage, { p50: quantile(w, 0.5), p99: quantile(w, 0.99) }])),
    beforeShellChanges: b && { p50Ms: quantile(b.latencies, 0.5), p99Ms: quantile(b.latencies, 0.99), unfinished: b.unfinished },
  }
  rows.push({ figure: `latency p50 at ${rate}/s (ms)`, value: fmt(p50, 0), goal: "", met: null })
  rows.push({ figure: `latency p99 at ${rate}/s (ms)`, value: fmt(p99, 0), goal: "<= 250", met: p99 <= 250 && r.unfinished === 0 })
  rows.push(stageRow(`  of which waits at ${rate}/s, p50 / p99 (ms)`, r.stages))
  if (b) rows.push({ figure: `latency p50 / p99 before the shell changes (ms)`, value: `${fmt(quantile(b.latencies, 0.5), 0)} / ${fmt(quantile(b.latencies, 0.99), 0)}`, goal: "", met: null })
  // The same at a load this machine sustains, to separate the pipeline's own latency from queueing.
  const sustained = Math.max(5, Math.floor(Math.min(50, (results["throughput"] as { wiredeskPerSecond?: number } | undefined)?.wiredeskPerSecond ?? 40) / 2))
  const s = await withPrefix("latency-sustained", (p) => pipelineLatency(p, generateCorpus(sustained * plan.latencySeconds * 2, 29), sustained))
  ;(results["latency"] as Record<string, unknown>)["sustained"] = {
    rate: sustained,
    p50Ms: quantile(s.latencies, 0.5),
    p99Ms: quantile(s.latencies, 0.99),
    unfinished: s.unfinished,
    eventLoopDelayMs: s.loopBlockedMs,
    how: "offered at half the measured throughput (at most 25/s); eventLoopDelayMs: perf_hooks.monitorEventLoopDelay over the run",
  }
  rows.push({ figure: `latency p50 / p99 at ${sustained}/s, below capacity (ms)`, value: `${fmt(quantile(s.latencies, 0.5), 0)} / ${fmt(quantile(s.latencies, 0.99), 0)}`, goal: "", met: null })
  rows.push(stageRow(`  of which waits at ${sustained}/s, p50 / p99 (ms)`, s.stages))
  rows.push({ figure: `  event loop blocked at ${sustained}/s: p99 / max (ms)`, value: `${fmt(s.loopBlockedMs.p99, 0)} / ${fmt(s.loopBlockedMs.max, 0)}`, goal: "", met: null })
  rows.push({ figure: "worker RSS over the latency run (MB)", value: `${r.rssMb.join(" > ")} (peak ${r.peakRssMb})`, goal: "flat", met: null })
  if (processes > 0) {
    const m = await withPrefix("latency-procs", (p) => pipelineLatency(p, corpus, rate, {}, processes))
    const mp50 = quantile(m.latencies, 0.5)
    const mp99 = quantile(m.latencies, 0.99)
    ;(results["latency"] as Record<string, unknown>)["processes"] = {
      processes,
      p50Ms: mp50,
      p99Ms: mp99,
      maxMs: Math.max(...m.latencies),
      unfinished: m.unfinished,
      peakRssMb: m.peakRssMb,
      rssMbOverRun: m.rssMb,
      how: `the same offered load with the workers in ${processes} \`wiredesk worker\` processes`,
    }
    rows.push({ figure: `latency p50 / p99 at ${rate}/s, ${processes} worker processes (ms)`, value: `${fmt(mp50, 0)} / ${fmt(mp99, 0)}`, goal: "<= 250", met: mp99 <= 250 && m.unfinished === 0 })
  }
}

if (wanted("memory")) {
  const total = plan.memoryArticles
  const window = memoryWindow ?? DEFAULT_DEDUPE_WINDOW
  const nodeArgs = workerHeapMb === undefined ? [] : [`--max-old-space-size=${workerHeapMb}`]
  const setting = `dedupe window ${window}${workerHeapMb === undefined ? "" : `, heap limit ${workerHeapMb} MB`}`
  say(`memory: ${total} articles of the synthetic stream through one \`wiredesk worker\` process (${setting})`)
  const r = await withPrefix("memory", (p) =>
    pipelineMemory(p, total, { chunk: 200, inflight: 600, samples: 10, env: { WIREDESK_EXTRACT_THREADS: "1", WIREDESK_DEDUPE_WINDOW: String(window) }, nodeArgs, say }),
  )
  // Growth over the second half of the run: past the start-up and the first fill of caches.
  const half = r.samples[Math.floor(r.samples.length / 2)]!
  const last = r.samples[r.samples.length - 1]!
  const growthPerArticle = ((last.rssMb - half.rssMb) * 1048576) / Math.max(1, last.articles - half.articles)
  results["memory"] = {
    how: "one `wiredesk worker` process with all stages (one extraction thread), fed bench/corpus.ts generateStream (stories of five synthetic articles, one copy in five, half HTML) with at most 600 unfinished; worker VmRSS from /proc after every tenth of the articles is finished",
    articles: total,
    dedupeWindow: window,
    workerNodeArgs: [...(process.env["BENCH_WORKER_NODE_ARGS"] ?? "").split(" ").filter(Boolean), ...nodeArgs],
    perSecond: r.perSecond,
    cpuMsPerArticle: r.cpuMsPerArticle,
    rejected: r.rejected,
    samples: r.samples,
    peakRssMb: r.peakRssMb,
    growthBytesPerArticleSecondHalf: growthPerArticle,
  }
  rows.push({ figure: `memory run, ${total} articles, ${setting}: throughput (articles/s)`, value: fmt(r.perSecond), goal: "", met: null })
  rows.push({ figure: "  worker RSS at each tenth of the run (MB)", value: r.samples.map((x) => x.rssMb).join(" "), goal: "", met: null })
  rows.push({ figure: "  worker peak RSS (MB); growth over the second half (bytes/article)", value: `${r.peakRssMb}; ${fmt(growthPerArticle, 0)}`, goal: "no growth", met: null })
}

if (wanted("extraction")) {
  say("extraction: dev HTML pages")
  const r = extractionBench(plan.extractionRounds)
  results["extraction"] = { how: `decodeDocument + extractArticle per page, best of ${r.rounds} per page, median over pages`, ...r }
  rows.push({ figure: `extraction, ${r.pages} dev pages (ms/page, median)`, value: `${fmt(r.medianMs, 1)} (p90 ${fmt(r.p90Ms, 0)})`, goal: "", met: null })
}

const width = Math.max(...rows.map((r) => r.figure.length))
const valueWidth = Math.max(5, ...rows.map((r) => r.value.length))
const lines = [
  `wiredesk bench (${quick ? "--quick" : "full"}), ${new Date().toISOString()}, ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(" ")}`,
  `${"figure".padEnd(width)}  ${"value".padStart(valueWidth)}  goal`,
  ...rows.map((r) => `${r.figure.padEnd(width)}  ${r.value.padStart(valueWidth)}  ${r.goal}${r.met === null ? "" : r.met ? "  ok" : "  MISSED"}`),
  ...notes,
]
process.stdout.write(`${lines.join("\n")}\n`)
mkdirSync(dirname(out), { recursive: true })
writeFileSync(out, `${JSON.stringify({ mode: quick ? "quick" : "full", at: new Date().toISOString(), cores: cpus().length, load: loadavg(), plan, table: lines, results }, null, 2)}\n`)
say(`figures written to ${out}`)
process.exit(0)
