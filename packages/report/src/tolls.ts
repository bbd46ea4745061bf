import { perArticle, type Source, sourceOrder } from "./sources.js"
import type { Discrepancy } from "./discrepancies.js"
import type { Sentence } from "./text.js"

/** The counts a hedged figure allows: "at least 84" any from 84 up, "nearly 80" fewer than 80 but not many. */
const HEDGES: Readonly<Record<string, (n: number) => readonly [number, number]>> = {
  "at least": (n) => [n, Infinity],
  "more than": (n) => [n + 1, Infinity],
  over: (n) => [n + 1, Infinity],
  "upwards of": (n) => [n, Infinity],
  nearly: (n) => [Math.floor(n * 0.85), n - 1],
  almost: (n) => [Math.floor(n * 0.85), n - 1],
  "close to": (n) => [Math.floor(n * 0.85), n],
  about: (n) => [Math.floor(n * 0.9), Math.ceil(n * 1.1)],
  around: (n) => [Math.floor(n * 0.9), Math.ceil(n * 1.1)],
  roughly: (n) => [Math.floor(n * 0.9), Math.ceil(n * 1.1)],
  approximately: (n) => [Math.floor(n * 0.9), Math.ceil(n * 1.1)],
  some: (n) => [Math.floor(n * 0.9), Math.ceil(n * 1.1)],
  "an estimated": (n) => [Math.floor(n * 0.9), Math.ceil(n * 1.1)],
  "up to": (n) => [0, n],
  "fewer than": (n) => [0, n - 1],
  "less than": (n) => [0, n - 1],
  under: (n) => [0, n - 1],
}
const HEDGE = Object.keys(HEDGES).join("|")
const COUNT = "(\\d{1,3}(?:,\\d{3})+|\\d+)"
const PEOPLE = "(?:people|persons|civilians|others|victims|children|adults|men|women|passengers|soldiers|police officers|bodies)"
const FILLERS = "(?:,\\s*including [^,]{1,40},)?\\s*(?:(?:that|who|were|was|have|has|had|been|are|is|now|reportedly|confirmed|reported|feared|believed|thought|to|be|being|lay|lie)\\s+){0,3}"
/** "84 people were killed", "at least 84 people, including children, were killed", "at least 50 dead", "527 injured". */
const COUNT_THEN_WORD = new RegExp(`\\b(?:(${HEDGE})\\s+)?${COUNT}\\s+(?:${PEOPLE}\\b)?${FILLERS}(killed|dead|died|deaths|injured|wounded|hurt)\\b`, "gi")
/** "killing at least 84 people", "killed 59 people", "wounding 42". */
const WORD_THEN_COUNT = new RegExp(`\\b(killed|killing|kills|wounded|wounding|injured|injuring)\\s+(?:(${HEDGE})\\s+)?${COUNT}(?=\\s+${PEOPLE}\\b|\\s*[,.;:]|\\s+(?:and|in|on|at|before|after)\\b|$)`, "gi")
/** "the death toll rose to 85". */
const DEATH_TOLL = new RegExp(`\\bdeath toll\\s+(?:[\\p{L}-]+\\s+){0,4}?(?:to|of|at|reached|hit|is|was|stood at|stands at)\\s+(?:(${HEDGE})\\s+)?${COUNT}\\b`, "giu")

type Harm = "dead" | "injured"
const harmOf = (word: string): Harm => (/^(kill|dead|died|death)/i.test(word) ? "dead" : "injured")

/** A figure of people killed or hurt, as one sentence gives it. */
interface Toll {
  readonly sentence: Sentence
  readonly harm: Harm
  readonly value: number
  /** As written, hedge and all: "at least 84". */
  readonly label: string
  readonly range: readonly [number, number]
}

const tollOf = (sentence: Sentence, harm: Harm, hedge: string | undefined, count: string): Toll | null => {
  const value = Number(count.replace(/,/g, ""))
  // A year is no toll ("in 2015 killed"), nor is nothing.
  if (value === 0 || /^(1[89]|20)\d\d$/.test(count)) return null
  const h = hedge?.toLowerCase()
  return { sentence, harm, value, label: h === undefined ? count : `${h} ${count}`, range: h === undefined ? [value, value] : HEDGES[h]!(value) }
}

const HARM_WORD = /kill|dead|died|death|injur|wound|hurt/i

const tollsIn = (sentences: readonly Sentence[]): Toll[] =>
  sentences.flatMap((s) => {
    // Most sentences give no figure of the dead or hurt: they are passed over without the three patterns.
    if (!/\d/.test(s.text) || !HARM_WORD.test(s.text)) return []
    const found: { at: number; toll: Toll | null }[] = []
    for (const m of s.text.matchAll(COUNT_THEN_WORD)) found.push({ at: m.index, toll: tollOf(s, harmOf(m[3]!), m[1], m[2]!) })
    for (const m of s.text.matchAll(WORD_THEN_COUNT)) found.push({ at: m.index, toll: tollOf(s, harmOf(m[1]!), m[2], m[3]!) })
    for (const m of s.text.matchAll(DEATH_TOLL)) found.push({ at: m.index, toll: tollOf(s, "dead", m[1], m[2]!) })
    return found.sort((a, b) => a.at - b.at).flatMap((f) => (f.toll === null ? [] : [f.toll]))
  })

const disjoint = (a: Toll, b: Toll): boolean => a.range[1] < b.range[0] || b.range[1] < a.range[0]
// Two tolls of one event differ by a little; figures far apart count different events ("130 killed in Paris").
const near = (a: Toll, b: Toll): boolean => Math.max(a.value, b.value) / Math.min(a.value, b.value) <= 1.5

const TOPIC: Readonly<Record<Harm, string>> = { dead: "the number of dead", injured: "the number of injured" }

/**
 * Independent sources whose figures of the dead (or the injured) cannot both be true: each source's first figure of
 * them, the event's it reports on, against the others' ("nearly 80" against "at least 84"). A source that gives the
 * other's figure too reports a toll as it rose, and contradicts no one; "at least 50" and "59" agree.
 */
export const tollConflicts = (sources: readonly Source[]): Discrepancy[] => {
  const order = sourceOrder(sources)
  const out: Discrepancy[] = []
  for (const harm of ["dead", "injured"] as const) {
    const claims: { src: Source; toll: Toll; values: ReadonlySet<number> }[] = []
    const groups = new Set<string>()
    for (const src of sources) {
      if (groups.has(src.group)) continue
      const tolls = perArticle(src, "tolls", () => tollsIn(src.sentences)).filter((t) => t.harm === harm)
      if (tolls.length === 0) continue
      groups.add(src.group)
      claims.push({ src, toll: tolls[0]!, values: new Set(tolls.map((t) => t.value)) })
    }
    const disputed = new Set<(typeof claims)[number]>()
    for (let i = 0; i < claims.length; i++)
      for (let j = i + 1; j < claims.length; j++) {
        const [a, b] = [claims[i]!, claims[j]!]
        if (!near(a.toll, b.toll) || !disjoint(a.toll, b.toll) || a.values.has(b.toll.value) || b.values.has(a.toll.value)) continue
        disputed.add(a).add(b)
      }
    if (disputed.size === 0) continue
    const byLabel = new Map<string, { value: number; sources: string[]; sentence: Sentence }>()
    for (const c of claims.filter((c) => disputed.has(c))) {
      const v = byLabel.get(c.toll.label) ?? { value: c.toll.value, sources: [], sentence: c.toll.sentence }
      v.sources.push(c.src.articleId)
      byLabel.set(c.toll.label, v)
    }
    const versions = [...byLabel].sort((a, b) => a[1].value - b[1].value || (a[0] < b[0] ? -1 : 1))
    const fewest = [...versions].sort((a, b) => a[1].sources.length - b[1].sources.length || order.get(a[1].sources[0]!)! - order.get(b[1].sources[0]!)!)[0]!
    out.push({
      kind: "number",
      topic: TOPIC[harm],
      versions: versions.map(([label, v]) => ({ label, sources: v.sources.sort((a, b) => order.get(a)! - order.get(b)!) })),
      example: fewest[1].sentence,
    })
  }
  return out
}
