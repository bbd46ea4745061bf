import { readFileSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { submissionFromRecord, type Submission } from "@wiredesk/ingest"

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..")
export const datasetsDir = process.env["WIREDESK_DATASETS"] ?? join(repoRoot, "..", "shared", "datasets")

interface Source {
  readonly cluster: string
  readonly title: string | null
  readonly text: string
  readonly date: string | null
  readonly source: string | null
}

const readJsonl = (file: string): Record<string, unknown>[] =>
  readFileSync(join(datasetsDir, "story-clusters-dev", file), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>)

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v : null)

/** The real texts of the dev datasets, each with the story cluster it belongs to. */
export const loadSources = (): Source[] => {
  const out: Source[] = []
  for (const r of readJsonl("giveme5w1h_events.dev.jsonl")) {
    const text = str(r["text"])
    if (text) out.push({ cluster: `g-${String(r["cluster"])}`, title: str(r["title"]), text, date: str(r["date"])?.slice(0, 10) ?? null, source: str(r["source"]) })
  }
  for (const file of ["semeval2022t8_en_pairs.dev.jsonl", "semeval2022t8_multi_pairs.dev.jsonl"])
    for (const r of readJsonl(file)) {
      const same = r["same_story"] === 1
      for (const k of ["1", "2"] as const) {
        const text = str(r[`text${k}`])
        if (text) out.push({ cluster: same ? `s-${String(r["pair_id"])}` : `s-${String(r[`id${k}`])}`, title: null, text, date: null, source: null })
      }
    }
  return out
}

/** mulberry32: a seeded generator, so the corpus is identical on every run. */
export const rng = (seed: number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const sentences = (text: string): string[] => text.split(/(?<=[.!?])\s+|\n+/).map((s) => s.trim()).filter((s) => s.length > 0)

const OUTLETS = ["Daily Ledger", "Metro Wire", "The Courier", "Evening Post", "Valley Times", "Harbor News", "Capital Report", "Northern Star"]
const NAV = ["Home", "World", "Politics", "Business", "Tech", "Sport", "Culture", "Opinion"]

const escapeHtml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")

/** A page as a news site serves it: navigation, share buttons, related links and a footer around the article. */
const withChrome = (title: string | null, body: string[], outlet: string, n: number): string => {
  const related = Array.from({ length: 4 }, (_, i) => `<li><a href="/story/${n}-${i}">More from ${outlet}: story ${n * 7 + i}</a></li>`).join("")
  return [
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title ?? outlet)} | ${outlet}</title></head><body>`,
    `<header><nav><ul>${NAV.map((x) => `<li><a href="/${x.toLowerCase()}">${x}</a></li>`).join("")}</ul></nav><div class="promo">Subscribe to ${outlet} for $1 a week</div></header>`,
    `<main><article>${title ? `<h1>${escapeHtml(title)}</h1>` : ""}<p class="byline">By staff of ${outlet}</p>`,
    ...body.map((s) => `<p>${escapeHtml(s)}</p>`),
    `</article><aside><div class="share">Share on Facebook Share on X Email</div><h2>Related</h2><ul>${related}</ul></aside></main>`,
    `<footer><p>&copy; 2024 ${outlet}. All rights reserved.</p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer></body></html>`,
  ].join("\n")
}

const smallEdit = (body: string[], next: () => number, n: number): string[] => {
  const out = [...body]
  if (out.length > 3 && next() < 0.5) out.splice(Math.floor(next() * out.length), 1)
  const i = Math.floor(next() * out.length)
  out[i] = (out[i] ?? "").replace(/\b(said|says|told)\b/, "added")
  out.push(`This report includes material from wire services (${n}).`)
  return out
}

const rewrite = (a: string[], b: string[], next: () => number): string[] => {
  const pool = [...a.slice(0, Math.max(2, Math.ceil(a.length / 2))), ...b.slice(Math.floor(b.length / 2))]
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    ;[pool[i], pool[j]] = [pool[j]!, pool[i]!]
  }
  return pool
}

/**
 * A syndicated corpus from the real dev texts: originals, agency copies with small edits,
 * same-story rewrites mixing two cluster members, about half as HTML pages with site chrome.
 * Every article's content is distinct (a numbered byline/credit line), so none is deduplicated at submission.
 */
export const generateCorpus = (count: number, seed = 7, maxBytes = 5 * 1024 * 1024): Submission[] => {
  const sources = loadSources()
  const byCluster = new Map<string, Source[]>()
  for (const s of sources) byCluster.set(s.cluster, [...(byCluster.get(s.cluster) ?? []), s])
  const next = rng(seed)
  const out: Submission[] = []
  for (let n = 0; n < count; n++) {
    const src = sources[Math.floor(next() * sources.length)]!
    const body = sentences(src.text)
    const roll = next()
    const outlet = OUTLETS[Math.floor(next() * OUTLETS.length)]!
    let text: string[]
    if (roll < 0.4) text = [...body, `Reporting by ${outlet} desk ${n}.`]
    else if (roll < 0.75) text = smallEdit(body, next, n)
    else {
      const mates = byCluster.get(src.cluster) ?? [src]
      const other = mates[Math.floor(next() * mates.length)]!
      text = [...rewrite(body, sentences(other.text), next), `Written by ${outlet} correspondent ${n}.`]
    }
    const record: Record<string, unknown> = { id: `b${n}`, title: src.title, date: src.date, source: outlet }
    if (next() < 0.5) record["html"] = withChrome(src.title, text, outlet, n)
    else record["text"] = text.join("\n")
    out.push(submissionFromRecord(`bench:${n}`, record, `b${n}`, maxBytes))
  }
  return out
}

/** Lowercase words of the real English dev texts (Giveme5W1H, three letters or more), most frequent first: the prose of the synthetic stream. */
const vocabulary = (() => {
  let words: string[] | null = null
  return (): string[] => {
    if (words !== null) return words
    const counts = new Map<string, number>()
    for (const s of loadSources().filter((x) => x.cluster.startsWith("g-"))) for (const w of s.text.toLowerCase().match(/\b[a-z]{3,}\b/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1)
    words = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w)
    return words
  }
})()

const SYLLABLES = ["ka", "ro", "vel", "mor", "an", "tis", "lu", "dre", "sen", "ba", "qui", "no", "fer", "gal", "os", "tre", "mi", "zan"]

/** A made-up proper name: distinct per story, so stories do not run into one another. */
const madeUpName = (next: () => number): string => {
  const n = 2 + Math.floor(next() * 2)
  const word = Array.from({ length: n }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]!).join("")
  return word[0]!.toUpperCase() + word.slice(1)
}

/**
 * A stream of `count` synthetic articles starting at article number `first`, for long runs (a real corpus repeats
 * its few thousand texts, and at 100k articles every story would hold hundreds of copies). Stories of five articles
 * in a row, each with its own made-up names and topic words in prose drawn from the dev texts' vocabulary; one
 * article in five is a copy of the story's first with a sentence changed; half are HTML pages with site chrome.
 * Article n is the same whichever chunk it is generated in.
 */
export const generateStream = (first: number, count: number, maxBytes = 5 * 1024 * 1024): Submission[] => {
  const words = vocabulary()
  const common = words.slice(0, 2_000)
  const rare = words.slice(2_000)
  const out: Submission[] = []
  const storyText = (story: number) => {
    const next = rng(1_000_003 * (story + 1))
    const names = [`${madeUpName(next)} ${madeUpName(next)}`, madeUpName(next), `${madeUpName(next)} ${madeUpName(next)}`]
    const topic = Array.from({ length: 10 }, () => rare[Math.floor(next() * rare.length)]!)
    const sentence = (r: () => number) => {
      const n = 8 + Math.floor(r() * 8)
      const ws = Array.from({ length: n }, () => (r() < 0.2 ? topic[Math.floor(r() * topic.length)]! : common[Math.floor(r() ** 2 * common.length)]!))
      if (r() < 0.4) ws.splice(Math.floor(r() * ws.length), 0, names[Math.floor(r() * names.length)]!)
      const s = ws.join(" ")
      return `${s[0]!.toUpperCase()}${s.slice(1)}.`
    }
    return { names, topic, sentence }
  }
  for (let n = first; n < first + count; n++) {
    const story = Math.floor(n / 5)
    const { names, topic, sentence } = storyText(story)
    const own = rng(7_919 * (n + 1))
    const copyOfFirst = n % 5 === 4
    const r = copyOfFirst ? rng(7_919 * (story * 5 + 1)) : own
    const body = Array.from({ length: 8 + Math.floor(r() * 8) }, () => sentence(r))
    if (copyOfFirst) body[Math.floor(own() * body.length)] = sentence(own)
    body.push(`"${sentence(own).slice(0, -1)}," said ${names[0]}.`)
    const outlet = OUTLETS[Math.floor(own() * OUTLETS.length)]!
    body.push(`Reporting by ${outlet} desk ${n}.`)
    const title = `${names[1]} ${topic[0]} ${topic[1]}: ${names[0]} on the ${topic[2]}`
    const date = new Date(Date.UTC(2025, 0, 1) + story * 3_600_000).toISOString().slice(0, 10)
    const record: Record<string, unknown> = { id: `s${n}`, title, date, source: outlet }
    if (own() < 0.5) record["html"] = withChrome(title, body, outlet, n)
    else record["text"] = body.join("\n")
    out.push(submissionFromRecord(`stream:${n}`, record, `s${n}`, maxBytes))
  }
  return out
}
