import { data } from "franc-min/data.js"
import { expressions } from "franc-min/expressions.js"

// franc-min 6.2.0's constants: the sample it reads and what a trigram missing from a model costs.
const MAX_LENGTH = 2048
const MAX_DIFFERENCE = 300

interface ScriptModels {
  readonly languages: readonly string[]
  /** The characters of the script's trigrams, numbered: a trigram is the number (a * size + b) * size + c. */
  readonly alphabet: Int16Array
  readonly size: number
  /** Trigram -> (language index, rank + 1) pairs, for the languages whose model holds it. */
  readonly postings: ReadonlyMap<number, Int32Array>
  /** Scratch for counting a text's trigrams, left all zero after every use. */
  readonly counts: Uint16Array
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
    const models = languages.map((language) => data[script]![language]!.split("|"))
    const alphabet = new Int16Array(65536).fill(-1)
    let size = 0
    for (const model of models) for (const trigram of model) for (let i = 0; i < 3; i++) if (alphabet[trigram.charCodeAt(i)] === -1) alphabet[trigram.charCodeAt(i)] = size++
    const lists = new Map<number, number[]>()
    models.forEach((model, index) => {
      const seen = new Set<number>()
      // franc keeps a repeated trigram's first rank.
      model.forEach((trigram, rank) => {
        const key = (alphabet[trigram.charCodeAt(0)]! * size + alphabet[trigram.charCodeAt(1)]!) * size + alphabet[trigram.charCodeAt(2)]!
        if (seen.has(key)) return
        seen.add(key)
        const list = lists.get(key)
        if (list) list.push(index, rank + 1)
        else lists.set(key, [index, rank + 1])
      })
    })
    const postings = new Map([...lists].map(([key, list]) => [key, Int32Array.from(list)]))
    const scriptModels = { languages, alphabet, size, postings, counts: new Uint16Array(size * size * size) }
    built.set(script, scriptModels)
    return scriptModels
  }
})()

const SCRIPTS = Object.keys(expressions)
const ANCHORED = SCRIPTS.map((script) => new RegExp(`^(?:${expressions[script]!.source})`))
/** Per UTF-16 unit, a bit for each script whose expression matches it alone (-1: not asked yet). */
const scriptBits = new Int32Array(65536).fill(-1)
const scriptBitsOf = (unit: number): number => {
  let bits = scriptBits[unit]!
  if (bits === -1) {
    const char = String.fromCharCode(unit)
    bits = ANCHORED.reduce((b, expression, i) => (expression.test(char) ? b | (1 << i) : b), 0)
    scriptBits[unit] = bits
  }
  return bits
}

/**
 * How many of the sample's characters each of franc's script expressions matches. Every alternative of those
 * expressions is one character class or opens with a high surrogate, so in text without surrogates each match is
 * one UTF-16 unit the expression matches alone, and a table of units counts them; text with surrogates is matched.
 */
const scriptCounts = (value: string): number[] => {
  if (SCRIPTS.length > 31 || /[\uD800-\uDFFF]/.test(value)) return SCRIPTS.map((script) => value.match(expressions[script]!)?.length ?? 0)
  const counts = new Array<number>(SCRIPTS.length).fill(0)
  for (let i = 0; i < value.length; i++)
    for (let bits = scriptBitsOf(value.charCodeAt(i)); bits !== 0; bits &= bits - 1) counts[31 - Math.clz32(bits & -bits)]!++
  return counts
}

/** The script franc picks: the first, in franc's order, with the most characters in the sample. */
const topScript = (value: string): { script: string; count: number } => {
  const counts = scriptCounts(value)
  let top = { script: "", count: -1 }
  SCRIPTS.forEach((script, i) => {
    const count = counts[i]! / value.length || 0
    if (count > top.count) top = { script, count }
  })
  return top
}

/**
 * The distance of each of the script's languages from the text, as franc measures it: the sum, over the distinct
 * trigrams of franc's cleaned, space-padded, lower-cased text, of |count - rank - 1| where the language's model ranks
 * the trigram and 300 where it does not.
 */
const distancesOf = (value: string, { languages, alphabet, size, postings, counts }: ScriptModels): number[] => {
  const cleaned = ` ${value.replace(/[\u0021-\u0040]+/g, " ").replace(/\s+/g, " ").trim().toLowerCase()} `
  const seen: number[] = []
  // Trigrams with a character no model has are in no posting list: they only count as distinct trigrams.
  let unknown: Set<string> | undefined
  let a = alphabet[cleaned.charCodeAt(0)]!
  let b = alphabet[cleaned.charCodeAt(1)]!
  for (let i = 2; i < cleaned.length; i++) {
    const c = alphabet[cleaned.charCodeAt(i)]!
    if (a >= 0 && b >= 0 && c >= 0) {
      const key = (a * size + b) * size + c
      if (counts[key] === 0) seen.push(key)
      counts[key]!++
    } else (unknown ??= new Set()).add(cleaned.slice(i - 2, i + 1))
    a = b
    b = c
  }
  const distances = new Array<number>(languages.length).fill((seen.length + (unknown?.size ?? 0)) * MAX_DIFFERENCE)
  for (const key of seen) {
    const occurrences = counts[key]!
    counts[key] = 0
    const list = postings.get(key)
    if (list === undefined) continue
    for (let i = 0; i < list.length; i += 2) distances[list[i]!]! += Math.abs(occurrences - list[i + 1]!) - MAX_DIFFERENCE
  }
  return distances
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
  const models = modelsOf(script)
  const distances = distancesOf(value, models)
  let best = 0
  for (let i = 1; i < distances.length; i++) if (distances[i]! < distances[best]!) best = i
  return models.languages[best] ?? "und"
}
