import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { compactSignature, minhash } from "./minhash.js"
import { fold, foldedWords, isContentWord, sentenceKey, stem, STOPWORDS, termOf, tokenize, withoutSyndicationFooters } from "./text.js"

/** What the words mean, as plainly as the rules read (regexes and code points): the fast paths must agree with it. */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}]+)*/gu
const byDefinition = {
  fold: (word: string) =>
    word
      .normalize("NFD")
      .replace(/\p{M}/gu, (mark) => (/[\u0900-\u0dff\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff]/u.test(mark) ? mark : ""))
      .replace(/\u0640/gu, "")
      .replace(/\u0649/gu, "\u064a")
      .replace(/\u0629/gu, "\u0647")
      .replace(/[\u0660-\u0669]/gu, (d) => String(d.charCodeAt(0) - 0x660))
      .replace(/[\u06f0-\u06f9]/gu, (d) => String(d.charCodeAt(0) - 0x6f0))
      .toLowerCase()
      .replace(/ı/gu, "i")
      .replace(/ł/gu, "l")
      .replace(/ß/gu, "ss")
      .replace(/ø/gu, "o")
      .replace(/đ/gu, "d")
      .replace(/ħ/gu, "h")
      .replace(/ŧ/gu, "t")
      .replace(/æ/gu, "ae")
      .replace(/œ/gu, "oe"),
  dropApostrophe: (word: string) => {
    const parts = word.split(/['’]/)
    if (parts.length === 1) return word
    const head = parts[0] ?? ""
    return head.length <= 2 && parts.length === 2 ? (parts[1] ?? head) : head
  },
  tokens: (text: string) => {
    const normalized = text.replace(/[\u00ad\u200c\u200d\u2060\ufeff]/gu, "").normalize("NFKC")
    const tokens: { raw: string; folded: string; sentenceStart: boolean }[] = []
    let lastEnd = 0
    for (const match of normalized.matchAll(WORD)) {
      const index = match.index ?? 0
      const sentenceStart = tokens.length === 0 || /[.!?…:;"“”]|\n/.test(normalized.slice(lastEnd, index))
      lastEnd = index + match[0].length
      const raw = byDefinition.dropApostrophe(match[0])
      if (raw.length > 0)
        byDefinition.pieces(raw).forEach((piece, k) => tokens.push({ raw: piece, folded: byDefinition.fold(piece), sentenceStart: sentenceStart && k === 0 }))
    }
    return tokens
  },
  // Runs of ideographs and kana as overlapping pairs, other runs whole.
  pieces: (word: string) =>
    (word.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu) ?? []).flatMap((run) => {
      const chars = [...run]
      return chars.length < 2 || !/\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}/u.test(run) ? [run] : chars.slice(1).map((c, i) => chars[i]! + c)
    }),
  isContentWord: (folded: string) => !STOPWORDS.has(folded) && (/^\p{N}+$/u.test(folded) ? folded.length >= 3 : [...folded].length >= 2),
  truncated: (word: string) => [...word].slice(0, 6).join(""),
}

/** Text of the kinds news holds: ASCII, accents, typographic quotes and apostrophes, Arabic, Chinese and Japanese, astral letters, breaks. */
const newsText = fc
  .array(fc.constantFrom("a", "B", "e", "Z", "s", "é", "Ü", "ı", "I", "İ", "ş", "ł", "Ł", "ß", "ø", "Æ", "ال", "ة", "و", "ى", "ـ", "٢", "۵", "𝒜", "𝓏", "7", "0", "'", "’", " ", " ", "\n", ".", "!", "?", "…", ":", ";", '"', "“", "”", ",", "-", "\u0301", "\u00ad", "म", "ि", "्", "ท", "ี่", "\u200c", "\ufeff", "ﬁ", "嫦", "娥", "号", "の", "カ", "。", "！"), { maxLength: 60 })
  .map((parts) => parts.join(""))

describe("the words of a text", () => {
  it("are what the word rule, the apostrophe rule and the fold give, each word marked when a sentence break comes before it", () =>
    fc.assert(fc.property(newsText, (text) => void expect(tokenize(text)).toEqual(byDefinition.tokens(text)))))

  it("fold to the same words without the tokens around them", () =>
    fc.assert(fc.property(newsText, (text) => void expect(foldedWords(text)).toEqual(byDefinition.tokens(text).map((t) => t.folded)))))

  it("give a sentence its key: its folded words joined by one space", () =>
    fc.assert(fc.property(newsText, (text) => void expect(sentenceKey(text)).toBe(byDefinition.tokens(text).map((t) => t.folded).join(" ")))))

  it("fold case and accents alike whether ASCII or not", () => {
    expect(["Müller", "MÜLLER", "Muller"].map(fold)).toEqual(["muller", "muller", "muller"])
    fc.assert(fc.property(newsText, (word) => void expect(fold(word)).toBe(byDefinition.fold(word))))
  })

  it("read a word with a soft hyphen, a zero-width joiner or non-joiner inside it as one word", () => {
    expect(foldedWords("Die Bundes\u00adregierung tagt")).toEqual(foldedWords("Die Bundesregierung tagt"))
    expect(tokenize("Koalitions\u00adverhandlungen").map((t) => t.folded)).toEqual(["koalitionsverhandlungen"])
    expect(foldedWords("\ufeffمی\u200cخواهم")).toEqual(["میخواهم"])
    expect(sentenceKey("Kanzler\u00adamt")).toBe("kanzleramt")
  })

  it("keep the vowel signs of Devanagari and Thai, part of their spelling, while dropping accents and Arabic vowel points", () => {
    expect(fold("काम")).not.toBe(fold("कम"))
    expect(fold("मिशन")).toBe("मिशन".normalize("NFD"))
    expect(fold("ที่")).not.toBe(fold("ท"))
    expect(fold("Éléphant")).toBe("elephant")
    expect(fold("وضوحًا")).toBe(fold("وضوحا"))
  })

  it("fold the letters NFD leaves whole as their plain letters: a Turkish word in capitals, Swiss ss, a Polish name spelled in English", () => {
    expect(fold("KAPIDA")).toBe(fold("kapıda"))
    expect(fold("SAVCILIK")).toBe(fold("Savcılık"))
    expect(fold("İstanbul")).toBe(fold("ISTANBUL"))
    expect(fold("grosse")).toBe(fold("große"))
    expect(fold("Lodz")).toBe(fold("Łódź"))
    expect(fold("Walesa")).toBe(fold("Wałęsa"))
    expect(fold("Ørsted")).toBe(fold("Orsted"))
    expect(fold("Œuvre")).toBe("oeuvre")
    expect(termOf(fold("Straße"), "de")).toBe(termOf(fold("Strasse"), "de"))
  })
})

describe("a content word", () => {
  it("has two letters or more, counted as letters, not UTF-16 units (one astral letter is two units, and one letter)", () => {
    expect(["x", "𝒜", "xq", "𝒜𝒜", "é"].map((word) => isContentWord(word))).toEqual([false, false, true, true, false])
    fc.assert(fc.property(newsText, (text) => {
      for (const word of foldedWords(text)) expect(isContentWord(word)).toBe(byDefinition.isContentWord(word))
    }))
  })

  it("is stemmed to at most six letters, astral letters counting one each", () => {
    expect(stem("𝒜𝒜𝒜𝒜𝒜𝒜𝒜𝒜")).toBe("𝒜𝒜𝒜𝒜𝒜𝒜")
    expect(stem("abcdefgh")).toBe("abcdef")
    fc.assert(fc.property(newsText, (text) => {
      for (const word of foldedWords(text).filter((w) => !/\p{Script=Arabic}/u.test(w))) {
        const plural = word.length > 4 && word.endsWith("s") && !word.endsWith("ss")
        expect(stem(word)).toBe(byDefinition.truncated(plural ? word.slice(0, -1) : word))
      }
    }))
  })
})

describe("an Arabic word", () => {
  it("is spelled one way however it was written: hamza seats, tatweel, ى for ي and ة for ه as Larkey's light10 normalises them", () => {
    expect(fold("إعلان")).toBe(fold("اعلان"))
    expect(fold("أبو ظبي")).toBe(fold("ابو ظبي"))
    expect(fold("مستشفى")).toBe(fold("مستشفي"))
    expect(fold("الكـاسـر")).toBe(fold("الكاسر"))
    expect(termOf(fold("المدرسة"))).toBe(termOf(fold("المدرسه")))
  })

  it("writes its numbers in 0-9, the same numbers as Western digits, and a conjunction or preposition on a number leaves it", () => {
    expect(fold("٢٠٢٠")).toBe("2020")
    expect(fold("۱۴۰۰")).toBe("1400")
    expect(termOf(fold("بـ١٥٠٠"))).toBe("1500")
    expect(termOf(fold("و682"))).toBe("682")
    expect(termOf(fold("لـ107"))).toBe("107")
  })
})

describe("a word of an article in a language other than English", () => {
  it("is no term when it is a stopword of that language, whatever the short lists say", () => {
    expect(["zwischen", "bereits", "andere"].map((word) => termOf(word, "de"))).toEqual([null, null, null])
    expect(["otro", "nuevo"].map((word) => termOf(word, "es"))).toEqual([null, null])
  })

  it("is a term in another language's article, and where the language is not known", () => {
    expect(termOf("general", "es")).toBeNull()
    expect(termOf("general", "en")).toBe("genera")
    expect(termOf("kim", "tr")).toBeNull()
    expect(termOf("kim", "en")).toBe("kim")
    expect(termOf("kim", null)).toBe("kim")
    expect(termOf("zwischen", null)).toBe("zwisch")
  })
})

describe("a MinHash signature", () => {
  it("depends on the set of shingles only: repeats and order change nothing", () =>
    fc.assert(
      fc.property(fc.array(fc.nat(0xffffffff), { minLength: 1, maxLength: 40 }), (shingles) => {
        const distinct = [...new Set(shingles)].sort((a, b) => a - b)
        expect(compactSignature(minhash([...shingles, ...shingles].reverse()))).toEqual(compactSignature(minhash(distinct)))
      }),
    ))
})

describe("a syndicator's footer", () => {
  it("is left out of the terms, at the end of any paragraph", () => {
    expect(
      withoutSyndicationFooters(
        "Migrants stayed in the ministry for a second day.\n\nThe ministry did not comment. This article was originally published on the Russian page of 24/7 Internet agency ‘Caucasian Knot’ on January 1, 2020 at 08:18 pm MSK. To access the full text of the article, click here",
      ),
    ).toBe("Migrants stayed in the ministry for a second day.\n\nThe ministry did not comment.")
    expect(withoutSyndicationFooters("Scientists said so.\n\nThis article is republished from The Conversation under a Creative Commons license. Read the original article.")).toBe(
      "Scientists said so.\n\n",
    )
  })

  it("is only a footer: a sentence about when a story was published stays", () => {
    const prose = "He said this. This story was first published in 1998 and later became a film.\n\nThe story was first published in the Post in 1972, and it changed everything."
    expect(withoutSyndicationFooters(prose)).toBe(prose)
  })
})
