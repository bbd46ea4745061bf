import { readFileSync } from "node:fs"
import type { RecordedEvent } from "@wiredesk/core"
import { DEFAULT_PARAMS, decideDedupeWith, evolveDedupe, initialDedupeState } from "./dedupe.js"
const rows = readFileSync(process.argv[2]!, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l)).filter((r) => r.same_story !== null && r.same_story !== "")
const params = { ...DEFAULT_PARAMS, joinThreshold: 99, graceDays: 1e9, linkWeight: 1, nameBoost: 1 }
const mk = (id: string, text: string) => { const body = text.split(/\n+/).join("\n\n"); return { articleId: id, title: null, publishedAt: null, dateline: null, credit: null, byline: null, language: null, source: null, url: null, body, subheadings: [], wordCount: 1, entities: { people: [], organisations: [], places: [] }, quotes: [] } }
const out: [number, string, string][] = []
for (const r of rows) {
  const state = initialDedupeState()
  let pos = 0
  let score = 0
  for (const [id, text] of [["a" + r.id1, r.text1], ["b" + r.id2, r.text2]]) {
    for (const e of decideDedupeWith(params, state, { causationId: "c" + id, article: mk(id, text) })) {
      pos++
      evolveDedupe(state, { ...e, meta: { id: "e" + pos, position: pos, recordedAt: "", articleId: null, causationId: "c" + id, correlationId: null, stage: "dedupe", stageVersion: "x" } } as RecordedEvent)
      if (e.type === "StoryAssigned.v1") score = e.data.score
    }
  }
  out.push([score, String(r.same_story), r.lang1 + "-" + r.lang2]); if (process.env.SHOW && score >= 0.3 && String(r.same_story) === "0") console.log(score, r.overall, "\n  A:", r.text1.slice(0, 400).replace(/\s+/g, " "), "\n  B:", r.text2.slice(0, 400).replace(/\s+/g, " ")); if (process.env.SHOW && score >= 0.3 && r.same_story === "0") console.log(score, r.overall, "\n  A:", r.text1.slice(0, 300).replace(/\s+/g, " "), "\n  B:", r.text2.slice(0, 300).replace(/\s+/g, " "))
}
out.sort((a, b) => a[0] - b[0])
console.log(out.map(([s, l, g]) => `${s.toFixed(2)}${l === "1" ? "+" : "-"}${g.slice(0, 2)}`).join(" "))
