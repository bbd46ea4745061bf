/**
 * Extraction CPU of two checkouts side by side in one process: the bench corpus (1,500 articles) extracted by both
 * cores, interleaved in chunks of 50 (which goes first alternates), CPU ms per article for each, per round. Side by
 * side because these machines are shared: load moves both figures alike.
 *
 *   npx tsx bench/extractCpuPair.ts <rootA> <rootB> [rounds=3]
 */
const [a, b] = [process.argv[2]!, process.argv[3]!]
const rounds = Number(process.argv[4] ?? 3)
const { generateCorpus } = await import(`${a}/bench/corpus.ts`)
const { receive } = await import(`${a}/packages/ingest/src/index.ts`)
const A = (await import(`${a}/packages/extract/src/index.ts`)).extractArticle
const B = (await import(`${b}/packages/extract/src/index.ts`)).extractArticle
const received = generateCorpus(1500).flatMap((s: any) => { const r = receive(s, s.requestedId ?? s.contentHash.slice(0, 12), Number.MAX_SAFE_INTEGER); return r.type === "ArticleReceived.v1" ? [r.data] : [] })
const cpu = (f: any, xs: any[]) => { const s = process.cpuUsage(); for (const x of xs) f(x); const u = process.cpuUsage(s); return (u.user + u.system) / 1000 }
for (const x of received.slice(0, 300)) { A(x); B(x) }
for (let r = 0; r < rounds; r++) {
  let ta = 0, tb = 0
  for (let i = 0; i < received.length; i += 50) {
    const chunk = received.slice(i, i + 50)
    if ((i / 50 + r) % 2 === 0) { ta += cpu(A, chunk); tb += cpu(B, chunk) } else { tb += cpu(B, chunk); ta += cpu(A, chunk) }
  }
  console.log(`round ${r + 1}: A ${(ta / received.length).toFixed(3)} ms, B ${(tb / received.length).toFixed(3)} ms, B/A ${(tb / ta).toFixed(3)}`)
}
