import { data } from "franc-min/data.js"
import { expressions } from "franc-min/expressions.js"

// franc-min 6.2.0's constants: the sample it reads and what a trigram missing from a model costs.
const MAX_LENGTH = 2048
const MAX_DIFFERENCE = 300

interface ScriptModels {
  readonly languages: readonly string[]
  /** Trigram -> (language index, rank + 1) pairs, for the languages whose model holds it. */
  readonly postings: ReadonlyMap<string, Int32Array>
}

/**
 * franc scores every language by walking its input trigrams through each model in turn; the same sums come from
 * walking each input trigram's posting list once. Built on first use of a script, as franc builds its models.
 */
const modelsOf = (() => {
  const built = new Map<string, ScriptModels>()
  return (script: string): ScriptModels => {
    const cached = built.get(script)
    if (cached) return cached
    const languages = Object.keys(data[script]!)
    const lists = new Map<string, number[]>()
    languages.forEach((language, index) => {
      const model = data[script]![language]!.split("|")
      const seen = new Set<string>()
      // franc keeps a repeated trigram's first rank.
      model.forEach((trigram, rank) => {
        if (seen.has(trigram)) return
        seen.add(trigram)
        const list = lists.get(trigram)
        if (list) list.push(index, rank + 1)
        else lists.set(trigram, [index, rank + 1])
      })
    })
    const models = { languages, postings: new Map([...lists].map(([t, l]) => [t, Int32Array.from(l)])) }
    built.set(script, models)
    return models
  }
})()

/** The script franc picks: the first, in franc's order, with the most characters in the sample. */
const topScript = (value: string): { script: string; count: number } => {
  let top = { script: "", count: -1 }
  for (const script in expressions) {
    const count = (value.match(expressions[script]!)?.length ?? 0) / value.length || 0
    if (count > top.count) top = { script, count }
  }
  return top
}

/** How often each trigram of franc's cleaned, space-padded, lower-cased text occurs. */
const trigramCounts = (value: string): Map<string, number> => {
  const cleaned = ` ${value.replace(/[\u0021-\u0040]+/g, " ").replace(/\s+/g, " ").trim().toLowerCase()} `
  const counts = new Map<string, number>()
  for (let i = 0; i + 3 <= cleaned.length; i++) {
    const trigram = cleaned.slice(i, i + 3)
    counts.set(trigram, (counts.get(trigram) ?? 0) + 1)
  }
  return counts
}

/**
 * What `franc(value, { minLength })` of franc-min returns (an ISO 639-3 code, or "und"), computed from posting lists:
 * a language's distance is the sum, over the text's distinct trigrams, of |count - rank - 1| where its model ranks
 * the trigram and 300 where it does not; the first language of franc's order with the least distance wins.
 */
export const franc = (text: string, minLength: number): string => {
  if (!text || text.length < minLength) return "und"
  const value = text.slice(0, MAX_LENGTH)
  const { script, count } = topScript(value)
  if (!(script in data)) return script === "" || count === 0 ? "und" : script
  const { languages, postings } = modelsOf(script)
  const counts = trigramCounts(value)
  const distances = new Array<number>(languages.length).fill(counts.size * MAX_DIFFERENCE)
  for (const [trigram, occurrences] of counts) {
    const list = postings.get(trigram)
    if (list === undefined) continue
    for (let i = 0; i < list.length; i += 2) distances[list[i]!]! += Math.abs(occurrences - list[i + 1]!) - MAX_DIFFERENCE
  }
  let best = 0
  for (let i = 1; i < distances.length; i++) if (distances[i]! < distances[best]!) best = i
  return languages[best] ?? "und"
}
