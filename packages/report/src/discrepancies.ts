import { SAME_FACT, type SentenceMatches } from "./facts.js"
import type { SpellingVariant } from "./people.js"
import { perArticle, type Source, sourceOrder } from "./sources.js"
import type { DateConflict } from "./timeline.js"
import { tollConflicts } from "./tolls.js"
import { byString, contentTerms, stem, type Sentence } from "./text.js"

/** Where sources disagree, and which says what. */
export interface Discrepancy {
  readonly kind: "spelling" | "date" | "number"
  /** What the sources disagree about, in the report's words. */
  readonly topic: string
  readonly versions: readonly { readonly label: string; readonly sources: readonly string[] }[]
  /** A sentence showing the disputed fact, from the first source. */
  readonly example: Sentence | null
}

const NUMBER = /\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:-|\s)(percent|per cent|%|[a-z]{3,})\b/gi
const NOT_UNITS = new Set(
  "and the for with was were are has had have that who which per than from into over under about after before more less times".split(" "),
)

// Two reports of one quantity differ by a little (146 vs 148.9 billion); figures far apart count different things.
const close = (a: number, b: number): boolean => a > 0 && b > 0 && Math.max(a, b) / Math.min(a, b) <= 1.5

interface NumberMention {
  readonly sentence: Sentence
  readonly value: string
  readonly unit: string
  readonly unitWord: string
  /** Content terms just around the figure: what it counts. */
  readonly around: readonly string[]
}

const numbersIn = (s: Sentence): NumberMention[] => {
  // A figure has a digit; most sentences have none, and are passed over without the pattern.
  if (!/\d/.test(s.text)) return []
  return [...s.text.matchAll(NUMBER)]
    .filter((m) => !NOT_UNITS.has(m[2]!.toLowerCase()) && !/^(1[89]|20)\d\d$/.test(m[1]!))
    .map((m) => ({
      sentence: s,
      value: m[1]!.replace(/,/g, ""),
      unit: stem(m[2]!.toLowerCase()),
      unitWord: m[2]!.toLowerCase(),
      around: [...contentTerms(s.text.slice(0, m.index)).slice(-4), ...contentTerms(s.text.slice(m.index! + m[0].length)).slice(0, 4)],
    }))
}

/** An article's figures, and each as `${value}|${unit}` (what `numberConflicts` asks whether the article gives). */
interface ArticleFigures {
  readonly mentions: readonly NumberMention[]
  readonly says: ReadonlySet<string>
}

// An article's figures depend on its text alone: they are worked out once per article.
const articleFigures = (src: Source): ArticleFigures =>
  perArticle(src, "figures", () => {
    const mentions = src.sentences.flatMap(numbersIn)
    return { mentions, says: new Set(mentions.map((m) => `${m.value}|${m.unit}`)) }
  })

/** Numbers with the same unit that independent sources give differently in sentences reporting the same fact. */
export const numberConflicts = (sources: readonly Source[], matches: SentenceMatches): Discrepancy[] => {
  const groupOf = new Map(sources.map((s) => [s.articleId, s.group]))
  const order = sourceOrder(sources)
  const figures = new Map(sources.map((s) => [s.articleId, articleFigures(s)]))
  const mentions = sources.flatMap((s) => figures.get(s.articleId)!.mentions)
  const says = (articleId: string, m: NumberMention): boolean => figures.get(articleId)!.says.has(`${m.value}|${m.unit}`)
  const sharedAround = (a: NumberMention, b: NumberMention): number => b.around.filter((t) => a.around.includes(t)).length
  // Only figures of one unit can disagree: each is compared with its unit's, in story order, not with every figure.
  const ofUnit = new Map<string, NumberMention[]>()
  for (const m of mentions) (ofUnit.get(m.unit) ?? ofUnit.set(m.unit, []).get(m.unit)!).push(m)
  const out: Discrepancy[] = []
  const done = new Set<NumberMention>()
  for (const m of mentions) {
    if (done.has(m)) continue
    const sameUnit = ofUnit.get(m.unit)!
    const rivals = sameUnit.filter(
      (o) =>
        !done.has(o) &&
        o.value !== m.value &&
        groupOf.get(o.sentence.articleId) !== groupOf.get(m.sentence.articleId) &&
        // A source that gives both figures elsewhere counts two things, it does not contradict.
        !says(m.sentence.articleId, o) &&
        !says(o.sentence.articleId, m) &&
        sharedAround(m, o) >= 2 &&
        close(Number(m.value), Number(o.value)) &&
        matches.similarity(m.sentence, o.sentence) >= SAME_FACT,
    )
    if (rivals.length === 0) continue
    const agreeing = sameUnit.filter((o) => o.value === m.value && (o === m || matches.similarity(m.sentence, o.sentence) >= SAME_FACT))
    const all = [...agreeing, ...rivals]
    all.forEach((x) => done.add(x))
    const byValue = new Map<string, Set<string>>()
    for (const x of all) byValue.set(`${x.value} ${x.unitWord}`, (byValue.get(`${x.value} ${x.unitWord}`) ?? new Set()).add(x.sentence.articleId))
    out.push({
      kind: "number",
      topic: `a figure (${m.unitWord})`,
      versions: [...byValue]
        .map(([value, ids]) => ({ label: value, sources: [...ids].sort((a, b) => order.get(a)! - order.get(b)!) }))
        .sort((a, b) => byString(a.label, b.label)),
      example: m.sentence,
    })
  }
  return out
}

const COUNTS_PEOPLE = new Set(["people", "persons", "dead", "killed", "died", "deaths", "injured", "wounded"])

/** Figures that disagree; where the dead or injured are in dispute, that one dispute says it rather than each sentence pair. */
const numbersAndTolls = (sources: readonly Source[], matches: SentenceMatches): Discrepancy[] => {
  const tolls = tollConflicts(sources)
  const numbers = numberConflicts(sources, matches)
  return tolls.length === 0 ? numbers : [...numbers.filter((d) => !d.versions.every((v) => COUNTS_PEOPLE.has(v.label.split(" ").pop()!))), ...tolls]
}

/** All disagreements of a story: spellings of names, days of events, numbers. */
export const discrepancies = (
  sources: readonly Source[],
  spelling: readonly SpellingVariant[],
  dates: readonly DateConflict[],
  matches: SentenceMatches,
): Discrepancy[] => {
  const exampleOf = (form: string, ids: readonly string[]): Sentence | null => {
    for (const id of ids) {
      const found = sources.find((s) => s.articleId === id)?.sentences.find((s) => s.text.includes(form))
      if (found) return found
    }
    return null
  }
  return [
    ...spelling.map((v) => ({
      kind: "spelling" as const,
      topic: `the spelling of a name (next to “${v.context}”)`,
      versions: v.forms.map((f) => ({ label: f.form, sources: f.sources })),
      example: exampleOf(v.forms[1]!.form, v.forms[1]!.sources),
    })),
    ...dates.map((d) => ({ kind: "date" as const, topic: "the day of an event", versions: d.versions, example: d.sentence })),
    ...numbersAndTolls(sources, matches),
  ]
}
