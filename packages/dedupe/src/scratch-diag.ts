import { readFileSync } from "node:fs"
import type { RecordedEvent } from "@wiredesk/core"
import { extractArticle } from "@wiredesk/extract"
import { DEFAULT_PARAMS, decideDedupeWith, evolveDedupe, initialDedupeState } from "./dedupe.js"
const rows = readFileSync("/work/shared/datasets/story-clusters-dev/giveme5w1h_events.dev.jsonl", "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l))
const params = { ...DEFAULT_PARAMS, joinThreshold: 99, graceDays: 1e9 }
const state = initialDedupeState()
let pos = 0
const feats = new Map<string, Map<string, number>>()
for (const r of rows) {
  const o = extractArticle({ articleId: r.id, contentHash: "", input: "", format: "text", content: r.text.split(/\n+/).join("\n\n"), hints: { title: r.title, publishedAt: r.date, source: null, url: null } })
  if (o.kind !== "extracted") continue
  for (const e of decideDedupeWith(params, state, { causationId: "c" + r.id, article: o.data })) {
    pos++
    evolveDedupe(state, { ...e, meta: { id: "e" + pos, position: pos, recordedAt: "", articleId: null, causationId: "c" + r.id, correlationId: null, stage: "dedupe", stageVersion: "x" } } as RecordedEvent)
    if (e.type === "StoryAssigned.v1") feats.set(r.id, new Map(e.data.features.terms))
  }
}
// final idf
const N = 88 + state.documents
const bg = JSON.parse(readFileSync(new URL("../data/background-df.json", import.meta.url), "utf8")).df
const idf = (t: string) => { const d = (bg[t] ?? 0) + (state.df[state.termIds.get(t) ?? -1] ?? 0); return Math.log(1 + (N - d + 0.5) / (d + 0.5)) }
const vec = (m: Map<string, number>) => { const v = new Map([...m].map(([t, tf]) => [t, (1 + Math.log(tf)) * idf(t)])); let n = 0; for (const w of v.values()) n += w * w; return { v, n: Math.sqrt(n) } }
const vs = rows.map((r) => vec(feats.get(r.id)!))
const cos = (a: any, b: any) => { let d = 0; for (const [t, w] of a.v) d += w * (b.v.get(t) ?? 0); return d / (a.n * b.n) }
let nnOk = 0
const same: number[] = [], diff: number[] = []
for (let i = 0; i < rows.length; i++) {
  let best = -1, bj = -1
  for (let j = 0; j < rows.length; j++) { if (i === j) continue; const c = cos(vs[i], vs[j]); if (c > best) { best = c; bj = j } ; if (j > i) (rows[i].cluster === rows[j].cluster ? same : diff).push(c) }
  if (rows[bj].cluster === rows[i].cluster) nnOk++
}
console.log("nn same cluster", nnOk, rows.length)
const q = (a: number[], p: number) => a.sort((x, y) => x - y)[Math.floor(p * (a.length - 1))]!.toFixed(3)
console.log("same pairs", same.length, [0.1, 0.25, 0.5, 0.75, 0.9].map((p) => q(same, p)))
console.log("diff pairs", diff.length, [0.9, 0.99, 0.999, 0.9999, 1].map((p) => q(diff, p)))
