import { data } from "franc-min/data.js"
import { expressions } from "franc-min/expressions.js"

// franc-min 6.2.0's constants: the sample it reads and what a trigram missing from a model costs.
const MAX_LENGTH = 2048
const MAX_DIFFERENCE = 300

/**
 * Integer keys in open addressing: a table of keys a power of two long, FREE where unused. Small and flat, so a
 * lookup touches a cache line or two: a Map of posting arrays, or a table with a slot for every possible trigram,
 * missed the cache on nearly every trigram once the rest of extraction had run.
 */
const FREE = -1
const keyTable = (entries: number): Int32Array => new Int32Array(2 ** Math.ceil(Math.log2(Math.max(2, entries * 2)))).fill(FREE)
/** The slot holding `key`, or the free slot where it goes. */
const slotOf = (keys: Int32Array, key: number): number => {
  const mask = keys.length - 1
  const h = Math.imul(key, 0x9e3779b1)
  let slot = (h ^ (h >>> 15)) & mask
  while (keys[slot] !== FREE && keys[slot] !== key) slot = (slot + 1) & mask
  return slot
}

interface ScriptModels {
  readonly languages: readonly string[]
  /** The characters of the script's trigrams, numbered: a trigram is the number (a * size + b) * size + c. */
  readonly alphabet: Int16Array
  readonly size: number
  /** Trigram -> its posting list, pairs[from[slot]] up to pairs[to[slot]]: (language index, rank + 1) for each model holding it. */
  readonly trigrams: Int32Array
  readonly from: Int32Array
  readonly to: Int32Array
  readonly pairs: Uint16Array
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
    const trigrams = keyTable(lists.size)
    const from = new Int32Array(trigrams.length)
    const to = new Int32Array(trigrams.length)
    const pairs = new Uint16Array([...lists.values()].reduce((n, list) => n + list.length, 0))
    let end = 0
    for (const [key, list] of lists) {
      const slot = slotOf(trigrams, key)
      trigrams[slot] = key
      from[slot] = end
      pairs.set(list, end)
      end += list.length
      to[slot] = end
    }
    const scriptModels = { languages, alphabet, size, trigrams, from, to, pairs }
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

/** Scratch for counting a text's trigrams, every slot free again after each use; grown for longer texts. */
const countingTable = (trigrams: number) => {
  const keys = keyTable(trigrams)
  return { trigrams: keys, counts: new Uint16Array(keys.length) }
}
let counting = countingTable(MAX_LENGTH)

/**
 * The distance of each of the script's languages from the text, as franc measures it: the sum, over the distinct
 * trigrams of franc's cleaned, space-padded, lower-cased text, of |count - rank - 1| where the language's model ranks
 * the trigram and 300 where it does not.
 */
const distancesOf = (value: string, { languages, alphabet, size, trigrams: known, from, to, pairs }: ScriptModels): number[] => {
  const cleaned = ` ${value.replace(/[\u0021-\u0040]+/g, " ").replace(/\s+/g, " ").trim().toLowerCase()} `
  if (counting.trigrams.length < 2 * cleaned.length) counting = countingTable(cleaned.length)
  const { trigrams, counts } = counting
  const used: number[] = []
  // Trigrams with a character no model has are in no posting list: they only count as distinct trigrams.
  let unknown: Set<string> | undefined
  let a = alphabet[cleaned.charCodeAt(0)]!
  let b = alphabet[cleaned.charCodeAt(1)]!
  for (let i = 2; i < cleaned.length; i++) {
    const c = alphabet[cleaned.charCodeAt(i)]!
    if (a >= 0 && b >= 0 && c >= 0) {
      const key = (a * size + b) * size + c
      const slot = slotOf(trigrams, key)
      if (trigrams[slot] === FREE) {
        trigrams[slot] = key
        used.push(slot)
      }
      counts[slot]!++
    } else (unknown ??= new Set()).add(cleaned.slice(i - 2, i + 1))
    a = b
    b = c
  }
  const distances = new Array<number>(languages.length).fill((used.length + (unknown?.size ?? 0)) * MAX_DIFFERENCE)
  for (const slot of used) {
    const occurrences = counts[slot]!
    const at = slotOf(known, trigrams[slot]!)
    trigrams[slot] = FREE
    counts[slot] = 0
    if (known[at] === FREE) continue
    for (let i = from[at]!; i < to[at]!; i += 2) distances[pairs[i]!]! += Math.abs(occurrences - pairs[i + 1]!) - MAX_DIFFERENCE
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
