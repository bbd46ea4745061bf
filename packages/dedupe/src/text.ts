import { readFileSync } from "node:fs"
import { isAscii, unspacedPieces } from "@wiredesk/core"
/**
 * Language-light text handling for dedupe: Unicode words, diacritic folding, stopwords of the
 * languages we see (en, de, es, fr, it, pt, nl, tr, pl, ar, ru; and in an article of one of them
 * but English, that language's full list) and a truncation stemmer, which is a
 * well-known robust choice when the language is unknown (prefix-5/6 does about as well as a
 * real stemmer for Turkish, Polish and German news retrieval).
 */

const STOPWORDS_RAW = `
a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours out over own same she should so some such than that the their theirs them then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours yourself said says say told according would could also one two three new year years last first like get got since still even many much may might must shall us via per mr mrs ms
der die das den dem des ein eine einer eines einem einen und oder aber als auch auf aus bei bis durch für gegen im in ist mit nach nicht noch nur ob sich sie sind so über um unter vom von vor war waren was wie wird werden wurde wurden zu zum zur es er wir ihr ich du hat haben hatte dass daß sein seine seiner ihre ihren ihrem man kann keine kein mehr schon sei soll sollen will diese dieser dieses diesem wenn dann denn doch hier jetzt sagte heute am ab an
el la los las un una unos unas y o pero que de del al en con por para sin sobre entre es son fue fueron ha han había ser está están este esta estos estas ese esa lo le les se su sus mi muy más como cuando donde ya también hay dijo según desde hasta porque sí no ni año años
le les une des du et ou mais que qui quoi dont où à au aux avec pour par sans sur sous dans en est sont été être avoir a ont était ce cette ces cet il elle ils elles on nous vous je tu son sa ses leur leurs pas plus ne se lui y comme selon aussi très tout tous toute toutes fait après avant entre
il lo gli i di da dei delle della del che con per non una uno sono è stato stata anche come più nel nella alla alle
o os as um uma uns umas e ou mas de do da dos das em no na nos nas por para com sem foi são ser está não mais como ao à pelo pela
de het een en of maar dat die dit deze is zijn was waren van voor met op aan bij door naar om te niet ook er zich hij zij ze wij
ve veya ile bir bu şu o da de ki için gibi daha çok en ama ancak olan olarak ise mi mı mu mü ne her diye kadar sonra önce göre değil var yok olduğu oldu ayrıca
i w z na do się nie to że jest są był była było jak o od po za przez dla oraz ale lub czy już tak jego jej ich tego tej też które który która przy jako może być został została tym
في من على إلى الى عن مع أن ان إن هذا هذه ذلك التي الذي الذين كان كانت قد لا ما هو هي و أو ثم كما بين بعد قبل حتى عند لم لن كل أي أيضا وقال قال وفي ومن
и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно всю между это также года году
`

/** Arabic-Indic and Extended Arabic-Indic (Persian, Urdu) digits: the same numbers as 0-9 (each block starts at a multiple of 16). */
const EASTERN_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/gu
const westernDigit = (digit: string): string => String((digit.codePointAt(0) ?? 0) & 0xf)
/** Tatweel (a stretching stroke, not a letter), alef maqsura and taa marbuta: written either way in Arabic news. */
const ARABIC_VARIANTS = /[\u0640\u0649\u0629]/gu
const ARABIC_STANDARD: Readonly<Record<string, string>> = { "\u0640": "", "\u0649": "\u064a", "\u0629": "\u0647" }

/**
 * Combining marks that are diacritics: accents and cedillas (Latin, Greek, Cyrillic), Arabic and Hebrew vowel points,
 * the dakuten of kana. Not the vowel signs and viramas of the scripts of South and South-East Asia (Devanagari to
 * Sinhala, Thai, Lao, Tibetan, Myanmar, Khmer): there a mark is part of the spelling, and without it "काम" (work) and
 * "कम" (less), "मिशन" (mission) and "मशन" were one word.
 */
const DIACRITICS = /[^\P{M}\u0900-\u0dff\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff]+/gu

/**
 * Latin letters with a stroke or a missing dot, and ligatures, which NFD leaves whole: folded as their plain letters
 * are, so that Turkish "KAPIDA" (capitals carry no dotless i) meets "kapıda", Swiss "grosse" meets German "große",
 * and "Lodz", "Walesa" in an English text meet Polish "Łódź", "Wałęsa". Lowercase only: they are looked up after it.
 */
const UNDECOMPOSED = /[ıłßøđħŧæœ]/gu
const UNDECOMPOSED_PLAIN: Readonly<Record<string, string>> = { ı: "i", ł: "l", ß: "ss", ø: "o", đ: "d", ħ: "h", ŧ: "t", æ: "ae", œ: "oe" }

/**
 * Folds case and diacritics so "Müller", "Muller" and "MÜLLER" meet, and the letters NFD does not split (ı ł ß ø đ, æ
 * œ) as their plain letters. Arabic is normalised as Larkey's light10 does it:
 * no vowel marks, no hamza seats (NFD splits أ إ آ into alef and a mark), no tatweel, ى as ي and ة as ه; its digits
 * become 0-9, so "٢٠٢٠" and "2020" are one number.
 */
export const fold = (word: string): string =>
  // ASCII has nothing to decompose or strip: lowercasing is the whole fold (most words of most news).
  isAscii(word)
    ? word.toLowerCase()
    : word
        .normalize("NFD")
        .replace(DIACRITICS, "")
        .replace(ARABIC_VARIANTS, (c) => ARABIC_STANDARD[c] ?? c)
        .replace(EASTERN_DIGITS, westernDigit)
        .toLowerCase()
        .replace(UNDECOMPOSED, (c) => UNDECOMPOSED_PLAIN[c] ?? c)

export const STOPWORDS: ReadonlySet<string> = new Set(STOPWORDS_RAW.split(/\s+/).filter((w) => w.length > 0).map(fold))

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}]+)*/gu
const ARABIC = /\p{Script=Arabic}/u
/** Larkey's light10 Arabic stemmer: the article and attached conjunctions/prepositions, then common suffixes. */
const ARABIC_PREFIX = /^(?:وال|بال|كال|فال|لل|ال|و)/u
const ARABIC_SUFFIX = /(?:ها|ان|ات|ون|ين|يه|ه|ي)$/u
const ARABIC_ON_NUMBER = /^(?:[وفبلك]|ال|وال|بال)(\p{N}{3,})$/u

export interface Token {
  /** The word as written (apostrophe part removed). */
  readonly raw: string
  /** Folded form: lowercase, no diacritics. */
  readonly folded: string
  /** Index of the sentence it belongs to, used to tell names from sentence-initial capitals. */
  readonly sentenceStart: boolean
}

/** Characters between two words that make the second one a sentence's first word. */
const SENTENCE_BREAKS = new Set([...".!?…:;\"“”\n"].map((c) => c.charCodeAt(0)))

/** True when `text` holds a sentence break between `from` and `to` (read in place: no slice per word). */
const breaksSentence = (text: string, from: number, to: number): boolean => {
  for (let i = from; i < to; i++) if (SENTENCE_BREAKS.has(text.charCodeAt(i))) return true
  return false
}

/** Keeps the stem of "Biden's" / "Ankara'da", and the word of "l'ambassadeur". */
const dropApostrophe = (word: string): string => {
  // Most words have none: no split for them.
  if (!word.includes("'") && !word.includes("’")) return word
  const parts = word.split(/['’]/)
  const head = parts[0] ?? ""
  return head.length <= 2 && parts.length === 2 ? (parts[1] ?? head) : head
}

/**
 * Invisible characters that sit inside a word without ending it: a soft hyphen (a hyphenation point, "&shy;", which
 * German and Dutch sites put into long words of headlines and text), zero-width non-joiner and joiner (Persian,
 * Arabic, Indic spelling; emoji sequences), word joiner and a byte order mark. Left in, each one cut a word in two:
 * "Bundes\u00adregierung" read as "Bundes" and "regierung", never meeting "Bundesregierung".
 */
const INVISIBLE = /[\u00ad\u200c\u200d\u2060\ufeff]/u
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, "gu")

/** The text words are read from: invisible in-word characters removed, compatibility forms (ligatures, full-width) as NFKC gives them. */
const readable = (text: string): string => (INVISIBLE.test(text) ? text.replace(INVISIBLE_ALL, "") : text).normalize("NFKC")

/** What a UTF-16 code unit is to WORD: a letter, a mark, a digit (any \p{N}), anything else, or half of a surrogate pair. */
const OTHER = 1
const LETTER = 2
const MARK = 3
const NUMBER = 4
const SURROGATE = 5
const IS_LETTER = /^\p{L}$/u
const IS_MARK = /^\p{M}$/u
const IS_NUMBER = /^\p{N}$/u
/** Each code unit's kind, worked out the first time it is met (0: not yet). */
const KINDS = new Uint8Array(0x10000)

const kindOf = (unit: number): number => {
  const known = KINDS[unit]!
  if (known !== 0) return known
  const c = String.fromCharCode(unit)
  const kind =
    (unit & 0xf800) === 0xd800 ? SURROGATE : IS_LETTER.test(c) ? LETTER : IS_MARK.test(c) ? MARK : IS_NUMBER.test(c) ? NUMBER : OTHER
  KINDS[unit] = kind
  return kind
}

const APOSTROPHE = 0x27
const RIGHT_QUOTE = 0x2019

/**
 * Where WORD matches in a text, read a code unit at a time (start and end of each word, in pairs): what a call of the
 * regex per word costs, with a match object each, is most of tokenizing. Null when the text holds a surrogate pair (a
 * letter or an emoji beyond the Basic Multilingual Plane), whose code points WORD reads as one: the caller then uses WORD.
 */
const wordBounds = (text: string): number[] | null => {
  const bounds: number[] = []
  const n = text.length
  let i = 0
  while (i < n) {
    const first = kindOf(text.charCodeAt(i))
    if (first === SURROGATE) return null
    if (first !== LETTER && first !== NUMBER) {
      i++
      continue
    }
    const start = i++
    // [\p{L}\p{M}\p{N}]*
    for (; i < n; i++) {
      const kind = kindOf(text.charCodeAt(i))
      if (kind === SURROGATE) return null
      if (kind !== LETTER && kind !== MARK && kind !== NUMBER) break
    }
    // (?:['’][\p{L}\p{M}]+)*
    while (i + 1 < n) {
      const unit = text.charCodeAt(i)
      if (unit !== APOSTROPHE && unit !== RIGHT_QUOTE) break
      let j = i + 1
      for (; j < n; j++) {
        const kind = kindOf(text.charCodeAt(j))
        if (kind === SURROGATE) return null
        if (kind !== LETTER && kind !== MARK) break
      }
      if (j === i + 1) break
      i = j
    }
    bounds.push(start, i)
  }
  return bounds
}

/** The words WORD finds in a text, with where each starts and ends. */
const wordsWithBounds = (text: string): { readonly words: string[]; readonly bounds: number[] } => {
  const scanned = wordBounds(text)
  if (scanned !== null) {
    const words: string[] = new Array(scanned.length / 2)
    for (let w = 0; w < words.length; w++) words[w] = text.slice(scanned[2 * w]!, scanned[2 * w + 1]!)
    return { words, bounds: scanned }
  }
  const words: string[] = []
  const bounds: number[] = []
  for (const match of text.matchAll(WORD)) {
    words.push(match[0])
    bounds.push(match.index ?? 0, (match.index ?? 0) + match[0].length)
  }
  return { words, bounds }
}

/** Unicode word tokens of a text, marking the first word of each sentence. */
export const tokenize = (text: string): Token[] => {
  const tokens: Token[] = []
  const normalized = readable(text)
  const { words, bounds } = wordsWithBounds(normalized)
  let lastEnd = 0
  for (let w = 0; w < words.length; w++) {
    const index = bounds[2 * w]!
    const sentenceStart = tokens.length === 0 || breaksSentence(normalized, lastEnd, index)
    lastEnd = bounds[2 * w + 1]!
    const raw = dropApostrophe(words[w]!)
    if (raw.length === 0) continue
    const pieces = unspacedPieces(raw)
    for (let k = 0; k < pieces.length; k++) tokens.push({ raw: pieces[k]!, folded: fold(pieces[k]!), sentenceStart: sentenceStart && k === 0 })
  }
  return tokens
}

/** The folded forms of `tokenize(text)`, without the rest of each token: what the copy signature is made of. */
export const foldedWords = (text: string): string[] => {
  const words: string[] = []
  for (const word of wordsWithBounds(readable(text)).words) {
    const raw = dropApostrophe(word)
    if (raw.length > 0) for (const piece of unspacedPieces(raw)) words.push(fold(piece))
  }
  return words
}

/** Truncation stemmer on folded words: plural -s dropped, Arabic article dropped (and a proclitic on a number), at most 6 letters kept. */
export const stem = (folded: string): string => {
  let word = folded
  if (ARABIC.test(word)) {
    // A conjunction or preposition written onto a number ("بـ١٥٠٠", "و682"): the number is the term.
    const number = ARABIC_ON_NUMBER.exec(word)?.[1]
    if (number !== undefined) return number
    const prefixed = word.replace(ARABIC_PREFIX, "")
    if (prefixed.length >= 2 && prefixed !== word && (word.length > 3 || !word.startsWith("و"))) word = prefixed
    while (word.length > 3) {
      const trimmed = word.replace(ARABIC_SUFFIX, "")
      if (trimmed === word || trimmed.length < 2) break
      word = trimmed
    }
    return word
  }
  if (word.length > 4 && word.endsWith("s") && !word.endsWith("ss")) word = word.slice(0, -1)
  // Six UTF-16 units are at most six letters: only a longer word needs counting by code points, and only one with a
  // surrogate pair among its first seven units (a letter beyond the Basic Multilingual Plane) counts differently.
  if (word.length <= 6) return word
  if (!hasSurrogate(word, 7)) return word.slice(0, 6)
  const chars = [...word]
  return chars.length > 6 ? chars.slice(0, 6).join("") : word
}

/** True when one of the first `units` UTF-16 units of `word` is half of a surrogate pair. */
const hasSurrogate = (word: string, units: number): boolean => {
  for (let i = 0; i < units && i < word.length; i++) if ((word.charCodeAt(i) & 0xf800) === 0xd800) return true
  return false
}

/**
 * The full stopword list of each language but English (packages/dedupe/data/stopwords.json, from stopwords-iso; see
 * scripts/make-stopwords.ts), folded: the short lists above hold the commonest function words of every language, to
 * read any text, and an article in one of these languages leaves out its language's list too ("zwischen", "bereits",
 * "andere" in German; "otro", "nuevo" in Spanish). Only for that language: "general" is a Spanish stopword and an
 * English word, "kim" a Turkish one and a Korean name.
 */
const LANGUAGE_STOPWORDS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries((JSON.parse(readFileSync(new URL("../data/stopwords.json", import.meta.url), "utf8")) as { languages: Record<string, string[]> }).languages).map(
    ([language, words]) => [language, new Set(words.map(fold))],
  ),
)

/** True when a folded word carries content: not a stopword (of any language, or of the text's own), not a lone letter, not a short number. */
export const isContentWord = (folded: string, language: string | null = null): boolean => {
  if (STOPWORDS.has(folded)) return false
  if (language !== null && LANGUAGE_STOPWORDS.get(language)?.has(folded) === true) return false
  if (/^\p{N}+$/u.test(folded)) return folded.length >= 3
  // Two letters or more: three UTF-16 units always are; two are unless they are one surrogate pair.
  return folded.length >= 3 || (folded.length === 2 && [...folded].length === 2)
}

/** Content term of a folded word of a text in the given language (null: not known), or null. */
export const termOf = (folded: string, language: string | null = null): string | null => (isContentWord(folded, language) ? stem(folded) : null)

/** True when the written word looks like a name: capitalised (or an acronym) and not a stopword. */
export const looksLikeName = (token: Token): boolean =>
  /^\p{Lu}/u.test(token.raw) && !token.sentenceStart && isContentWord(token.folded)

// A full stop of Chinese or Japanese text (。！？) ends a sentence without a space after it (its closing quotes stay with it).
const SENTENCE_END = /(?<=[.!?…。])["'”’)]*\s+(?=["'“‘(]*[\p{Lu}\p{N}])|(?<=[。！？][」』”’)）]*)(?=[^\s」』”’)）])/u

/**
 * A syndication footer ending a paragraph: "This article was originally published on <site> on <date>. To access the
 * full text of the article, click here", "This article is republished from The Conversation under a Creative Commons
 * license. Read the original article." Part of the article as published (extraction keeps it, as the extraction
 * benchmark's bodies do), but every article of that site or syndicator carries it: it says nothing of the story.
 */
const SYNDICATION_FOOTER =
  /(?:^|(?<=[.!?"”’]))\s*This (?:article|story|piece|post) (?:was|is|has been) (?:originally |first )?(?:re)?published (?:on|in|by|from) (?:the |[\p{Lu}‘'"“])[^.!?]{0,200}(?:[.!?](?:\s*(?:Read the original(?: article)?|To (?:access|read) the (?:full|original) (?:text|article|story)[^.!?]{0,80}|Click here[^.!?]{0,80})[.!]?)*)?\s*$/u

/** A body without the syndication footers that end its paragraphs (what its terms are counted from). */
export const withoutSyndicationFooters = (body: string): string =>
  // Most bodies have none: no split for them.
  !body.includes("ublished") ? body : body.split(/\n\s*\n/).map((paragraph) => paragraph.replace(SYNDICATION_FOOTER, "")).join("\n\n")

/** Sentences of a body whose paragraphs are separated by blank lines; headlines count as one sentence. */
export const sentencesOf = (body: string): string[] =>
  body
    .split(/\n\s*\n|\n/)
    .flatMap((paragraph) => paragraph.split(SENTENCE_END))
    .map((s) => s.replace(/\s+/g, " ").trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s))

/** The identity of a sentence for copy comparison: folded words only. */
export const sentenceKey = (sentence: string): string => foldedWords(sentence).join(" ")
