import { isAscii, unspacedPieces } from "@wiredesk/core"

/** A sentence of an article body, with where it sits. */
export interface Sentence {
  readonly articleId: string
  readonly paragraph: number
  readonly index: number
  readonly text: string
}

const ABBREVIATIONS = new Set([
  "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "gov", "sen", "rep", "lt", "col", "capt", "sgt", "no", "vs",
  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "inc", "co", "corp", "ltd",
])

/** Whether the text ends inside an open double quote. */
export const insideQuote = (text: string): boolean => {
  const opened = (text.match(/“/g) ?? []).length - (text.match(/”/g) ?? []).length
  const straight = (text.match(/"/g) ?? []).length
  return opened > 0 || straight % 2 === 1
}

/** Splits a body (paragraphs separated by blank lines) into sentences; quotes stay with their sentence. */
export const splitSentences = (articleId: string, body: string): Sentence[] => {
  const out: Sentence[] = []
  body
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter((p) => p.length > 0)
    .forEach((paragraph, p) => {
      let start = 0
      // The second branch catches sentences glued together by a lost space ("this week.The satellite"); the third, a
      // Chinese or Japanese full stop, which takes no space after it (one before a closing quote ends the quote, not the sentence).
      const re = /[.!?…]+["'”’)\]]*\s+(?=["'“‘(]?[\p{Lu}\p{N}])|(?<=[a-z]{2})[.!?]["”’]?(?=[A-Z][a-z]{2})|[。！？]+(?=[^\s」』”’)）])/gu
      for (let m = re.exec(paragraph); m !== null; m = re.exec(paragraph)) {
        const before = paragraph.slice(start, m.index)
        const lastWord = /([A-Za-z.]+)$/.exec(before)?.[1]?.toLowerCase() ?? ""
        if (ABBREVIATIONS.has(lastWord) || /^[A-Z]$/i.test(lastWord)) continue
        // "at 3 p.m. ET Friday": a time of day goes on with its time zone.
        if ((lastWord === "a.m" || lastWord === "p.m") && /^[A-Z]{2,4}\b/.test(paragraph.slice(m.index + m[0].length))) continue
        if (insideQuote(paragraph.slice(start, m.index + m[0].length))) continue
        out.push({ articleId, paragraph: p, index: out.length, text: paragraph.slice(start, m.index + m[0].length).trim() })
        start = m.index + m[0].length
      }
      const rest = paragraph.slice(start).trim()
      if (rest.length > 0) out.push({ articleId, paragraph: p, index: out.length, text: rest })
    })
  return out
}

/** Page furniture that survives extraction now and then: never a fact of the story. */
export const BOILERPLATE =
  /\b(subscribe|sign up|newsletter|advertisement|click here|follow us|read more|email us|all rights reserved|copyright|toggle caption|enlarge this image|getty images|support our journalism|order reprints)\b/i

export const STOPWORDS = new Set(
  `a about above after again against all almost also although always am among an and any are as at be because been before being
below between both but by can could did do does doing done down during each either else even ever every few for from further
had has have having he her here hers herself him himself his how however i if in into is it its itself just least less like
made make many may me might more most much must my myself neither no nor not now of off often on once one only or other our
ours ourselves out over own per perhaps rather said same say says saying she should since so some still such than that the their
theirs them themselves then there these they this those though through thus to too told under until up upon us very via was we
were what whatever when where whether which while who whom whose why will with within without would yet you your yours
mr mrs ms according added adding also another told tell reported report reports new two three four five first second last next
week weeks year years day days time times today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december s t don doesn didn isn wasn won
`.split(/\s+/).filter((w) => w.length > 0),
)

const withoutApostrophe = (w: string): string => (w.includes("'") || w.includes("’") ? w.replace(/['’](s|t|re|ve|ll|d)?$/u, "").replace(/['’]/g, "") : w)

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu

// WORD on lower-case ASCII, and on ASCII with typographic punctuation (curly quotes and apostrophes, dashes, an ellipsis,
// a no-break space: none a letter, none changed by NFKC into one, the curly apostrophe read as WORD reads it): the same
// matches without the Unicode classes. Most text is so, and every sentence of every article is split into words.
const PLAIN_WORD = /[a-z0-9]+(?:['’][a-z]+)?/g

/**
 * Whether a text has no character beyond ASCII but typographic punctuation (see PLAIN_WORD): its letters and digits
 * are A to Z and 0 to 9, and a pattern may read them so instead of by Unicode classes.
 */
export const plainText = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) continue
    if (c !== 0x2019 && c !== 0x2018 && c !== 0x201c && c !== 0x201d && c !== 0x2013 && c !== 0x2014 && c !== 0x2026 && c !== 0xa0) return false
  }
  return true
}

/** Words of a text, lower-cased, apostrophes and possessives removed; Chinese and Japanese as overlapping character pairs. */
export const words = (text: string): string[] => {
  const lower = text.toLowerCase()
  if (plainText(lower)) {
    const plain = lower.match(PLAIN_WORD) ?? []
    for (let i = 0; i < plain.length; i++) if (plain[i]!.includes("'") || plain[i]!.includes("’")) plain[i] = withoutApostrophe(plain[i]!)
    return plain
  }
  const found: string[] = []
  // NFKC leaves ASCII as it is, and most text is ASCII: the check costs less than the normalisation.
  for (const match of (isAscii(lower) ? lower : lower.normalize("NFKC")).match(WORD) ?? []) {
    const word = withoutApostrophe(match)
    if (isAscii(word)) found.push(word)
    else found.push(...unspacedPieces(word))
  }
  return found
}

/** A crude stem: enough to match "recalled" with "recalling" and "relations" with "relationship". */
export const stem = (word: string): string => (/^\d/.test(word) ? word : word.length <= 5 ? word.replace(/s$/, "") : word.slice(0, 6))

/** The content terms of a text's words (see `contentTerms`). */
export const termsOfWords = (found: readonly string[]): string[] => found.filter((w) => w.length > 1 && !STOPWORDS.has(w)).map(stem)

// Quotes and the headline each read a new article's whole body once, in the same render: the words of the last few
// bodies are kept (an article's would cost tens of KB each, kept with it).
const BODIES_KEPT = 64
const wordsOfBodies = new Map<string, readonly string[]>()

/**
 * `words` of an article body, for the article's first render. Words never run across a space, so the words of a text,
 * a space and the body are the text's words, then these.
 */
export const bodyWords = (body: string): readonly string[] => {
  let found = wordsOfBodies.get(body)
  if (found === undefined) {
    if (wordsOfBodies.size >= BODIES_KEPT) wordsOfBodies.delete(wordsOfBodies.keys().next().value as string)
    wordsOfBodies.set(body, (found = words(body)))
  }
  return found
}

/** Content terms of a text: stems of the words that are neither stopwords nor single letters. */
export const contentTerms = (text: string): string[] => termsOfWords(words(text))

// A sentence object is never changed once split, and every section of a report asks for its terms again: they are kept with it.
const wordsOfSentence = new WeakMap<Sentence, readonly string[]>()
const termsOfSentence = new WeakMap<Sentence, readonly string[]>()
const termSetOfSentence = new WeakMap<Sentence, ReadonlySet<string>>()
const wordSetOfSentence = new WeakMap<Sentence, ReadonlySet<string>>()

// Copies carry their original's sentences word for word (each its own sentence object): a sentence's words and terms
// are kept by its text too, up to a bound.
const TEXTS_KEPT = 8_192
const wordsOfText = new Map<string, { readonly words: readonly string[]; terms: readonly string[] | null }>()

const wordsOf = (text: string): { readonly words: readonly string[]; terms: readonly string[] | null } => {
  let known = wordsOfText.get(text)
  if (known === undefined) {
    if (wordsOfText.size >= TEXTS_KEPT) wordsOfText.clear()
    wordsOfText.set(text, (known = { words: words(text), terms: null }))
  }
  return known
}

const sentenceWords = (s: Sentence): readonly string[] => {
  let found = wordsOfSentence.get(s)
  if (found === undefined) wordsOfSentence.set(s, (found = wordsOf(s.text).words))
  return found
}

/** contentTerms of the sentence's text, computed once per sentence. */
export const sentenceTerms = (s: Sentence): readonly string[] => {
  let terms = termsOfSentence.get(s)
  if (terms === undefined) {
    const known = wordsOf(s.text)
    termsOfSentence.set(s, (terms = known.terms ??= termsOfWords(known.words)))
  }
  return terms
}

/** The distinct content terms of the sentence, in order of first use. */
export const sentenceTermSet = (s: Sentence): ReadonlySet<string> => {
  let terms = termSetOfSentence.get(s)
  if (terms === undefined) termSetOfSentence.set(s, (terms = new Set(sentenceTerms(s))))
  return terms
}

/** The distinct words of the sentence. */
export const sentenceWordSet = (s: Sentence): ReadonlySet<string> => {
  let found = wordSetOfSentence.get(s)
  if (found === undefined) wordSetOfSentence.set(s, (found = new Set(sentenceWords(s))))
  return found
}

/** Stable string comparison for sort(). */
export const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Edit distance with transpositions (optimal string alignment). */
export const editDistance = (a: string, b: string): number => {
  // One flat table: names are compared pairwise across a story, and nested arrays cost more than the arithmetic.
  const width = b.length + 1
  const d = new Int32Array((a.length + 1) * width)
  for (let j = 0; j <= b.length; j++) d[j] = j
  for (let i = 1; i <= a.length; i++) {
    d[i * width] = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let v = Math.min(d[(i - 1) * width + j]! + 1, d[i * width + j - 1]! + 1, d[(i - 1) * width + j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * width + j - 2]! + 1)
      d[i * width + j] = v
    }
  }
  return d[a.length * width + b.length]!
}
