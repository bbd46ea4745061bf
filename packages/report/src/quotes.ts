import type { MergedEntity } from "./people.js"
import { perArticle, type Source, sourceOrder } from "./sources.js"
import { bodyWords, byString, contentTerms, sentenceTermSet, sentenceWordSet, words, type Sentence } from "./text.js"

/** How an article carries a quote. */
export type QuoteUse = "verbatim" | "partial" | "paraphrase"

/** One direct quote of the story, once, with every article that carries it and how. */
export interface StoryQuote {
  readonly text: string
  readonly speaker: string | null
  readonly carriers: readonly { readonly articleId: string; readonly use: QuoteUse; readonly excerpt: string }[]
}

const normal = (text: string): string => words(text).join(" ")
/** Whether the needle's words stand in the haystack as whole words; both are padded once beforehand, not for every pair. */
const containsPadded = (padded: { readonly norm: string; readonly padded: string }, needle: { readonly norm: string; readonly padded: string }): boolean =>
  needle.norm.length > 0 && padded.padded.includes(needle.padded)
const padded = (norm: string): { norm: string; padded: string; long: boolean; tokens: readonly string[] } => {
  const tokens = norm.split(" ")
  return { norm, padded: ` ${norm} `, long: tokens.length >= 3, tokens }
}
/** Whether every word of the needle is one of the haystack's: what containsPadded needs, at the cost of a few lookups. */
const allWordsIn = (vocabulary: ReadonlySet<string>, needle: { readonly tokens: readonly string[] }): boolean => needle.tokens.every((t) => vocabulary.has(t))

/** What storyQuotes looks up in each article's own text: its quoted spans, its words, and which sentences hold each word. */
const scanOf = (src: Source) => {
  const body = padded(bodyWords(src.body).join(" "))
  const sentencesWith = new Map<string, number[]>()
  src.sentences.forEach((s, i) => {
    for (const w of sentenceWordSet(s)) {
      const list = sentencesWith.get(w)
      if (list === undefined) sentencesWith.set(w, [i])
      else list.push(i)
    }
  })
  return {
    body,
    bodyWords: new Set(body.norm.split(" ")),
    spans: [...src.body.matchAll(/["“]([^"“”\n]{3,400})["”]/g)].map((m) => ({ text: m[1]!, ...padded(normal(m[1]!)) })),
    sentencesWith,
    /** Where the article carries a quote, by the quote's normal form, once asked (see `carrierIn`). */
    carries: new Map<string, Carried>(),
    /** The sentence that paraphrases a quote, by its speaker's surnames and the quote's normal form, once asked (see `paraphraseIn`). */
    paraphrases: new Map<string, Map<string, number>>(),
  }
}

type Span = ReturnType<typeof padded> & { readonly text: string }
/** How an article carries a quote word for word: inside one of its own quoted spans, or in its body; or not at all. */
type Carried = { readonly span: Span } | "body" | null

/**
 * Whether an article carries a quote word for word: a span of its own quotes inside the quote, or (a quote of three
 * words or more) the quote in its body. It depends on the quote's words and the article's text alone, so it is kept
 * with the article: a story's report is rendered again with each new member and asks again.
 */
const carrierIn = (scan: ReturnType<typeof scanOf>, quote: ReturnType<typeof padded>, quoteWords: ReadonlySet<string>): Carried => {
  let known = scan.carries.get(quote.norm)
  if (known === undefined) {
    // A span inside the quote has all its words among the quote's: the test rules most spans out before the string search.
    const part = scan.spans.find((s) => s.long && allWordsIn(quoteWords, s) && containsPadded(quote, s))
    known = part !== undefined ? { span: part } : quote.long && allWordsIn(scan.bodyWords, quote) && containsPadded(scan.body, quote) ? "body" : null
    scan.carries.set(quote.norm, known)
  }
  return known
}

// A sentence's short quoted words depend on its text alone.
const shortQuotedOfSentence = new WeakMap<Sentence, string[]>()
const sentenceShortQuoted = (s: Sentence): string[] => {
  let quoted = shortQuotedOfSentence.get(s)
  if (quoted === undefined) shortQuotedOfSentence.set(s, (quoted = shortQuoted(s.text)))
  return quoted
}

/**
 * The first sentence of an article that names the speaker (one of `surnames`) and says most of the quote's words
 * (`quoteTerms`, a function of `quote`, its normal form), or -1: only sentences naming the speaker are read. It depends
 * on the article's text alone, so it is kept with the article: every render asks again for each quote it does not carry.
 */
const paraphraseIn = (src: Source, scan: ReturnType<typeof scanOf>, surnames: readonly string[], quote: string, quoteTerms: readonly string[]): number => {
  const speaker = surnames.join(" ")
  let bySpeaker = scan.paraphrases.get(speaker)
  if (bySpeaker === undefined) scan.paraphrases.set(speaker, (bySpeaker = new Map()))
  let known = bySpeaker.get(quote)
  if (known === undefined) {
    const naming = [...new Set(surnames.flatMap((n) => scan.sentencesWith.get(n) ?? []))].sort((a, b) => a - b)
    known =
      naming.find((i) => {
        const terms = sentenceTermSet(src.sentences[i]!)
        const hits = quoteTerms.filter((t) => terms.has(t)).length
        return hits >= 2 && hits / quoteTerms.length >= 0.6
      }) ?? -1
    bySpeaker.set(quote, known)
  }
  return known
}

/** A speaker as the story's people list names them ("Biden" becomes "Joe Biden"): the first person with that name or variant. */
const speakerNames = (people: readonly MergedEntity[]): ((speaker: string | null) => string | null) => {
  const nameOf = new Map<string, string>()
  for (const p of people) for (const form of [p.name, ...p.variants]) if (!nameOf.has(form.toLowerCase())) nameOf.set(form.toLowerCase(), p.name)
  return (speaker) => {
    if (speaker === null || speaker.trim().length === 0) return null
    const s = speaker.trim()
    return nameOf.get(s.toLowerCase()) ?? s
  }
}

// Scare quotes and short quoted words ("killer") in a sentence, normalised.
const shortQuoted = (text: string): string[] =>
  [...text.matchAll(/(?<=^|[\s(])["“'‘]([^"“”'’\n]{2,40})["”'’](?=[\s,.;:!?)]|$)/g)].map((m) => normal(m[1]!)).filter((q) => q.length > 0 && q.split(" ").length <= 3)

// "the embassy", "The Russian Foreign Ministry": a body that speaks, named by its common noun.
const INSTITUTION = /\b(?:the|The)\s+(?:[A-Z][\w.'’-]*\s+){0,3}(?:[Ee]mbassy|[Mm]inistry|[Dd]epartment|[Kk]remlin|[Aa]gency|[Oo]ffice|[Gg]overnment|[Cc]ouncil|[Cc]ommittee|[Pp]olice|[Cc]ompany|[Ss]tatement)\b/g
const SAYS = /^(?:\s+(?:in|on)\s+[\w\s]{0,40}?)?\s+(?:said|says|added|stated|announced|wrote)\b/
const PRONOUN_SAYS = /(?:^|[\s,.;:"”’])(?:it|It)\s+(?:said|says|added|stated|noted|wrote)\b/

/** The institution a quote without a speaker belongs to: named as the subject of "said" in its sentence, or, when the sentence says "it said", in one of the three before it. */
const institutionSpeaker = (src: Source, sentence: string): string | null => {
  const subjectOf = (text: string): string | null => {
    const found = [...text.matchAll(INSTITUTION)].filter((m) => !/statement$/i.test(m[0]) && SAYS.test(text.slice(m.index! + m[0].length)))
    return found.length === 0 ? null : found[found.length - 1]![0].replace(/^The\b/, "the")
  }
  const own = subjectOf(sentence)
  if (own !== null || !PRONOUN_SAYS.test(sentence)) return own
  const at = src.sentences.findIndex((s) => s.text.includes(sentence) || sentence.includes(s.text))
  for (let i = at - 1; i >= Math.max(0, at - 3); i--) {
    const named = subjectOf(src.sentences[i]!.text)
    if (named !== null) return named
  }
  return null
}

const surnameOf = (name: string): string => name.split(/\s+/).pop()!.toLowerCase()

/** An article's quotes as storyQuotes compares them, with their terms and the speaker the article gives them: read once per article. */
const articleQuotes = (src: Source) =>
  perArticle(src, "quotes", () =>
    src.quotes.map((q) => {
      const text = q.text.trim()
      return { text, ...padded(normal(q.text)), terms: new Set(contentTerms(text)), speaker: q.speaker ?? institutionSpeaker(src, q.sentence), sentence: q.sentence }
    }),
  )

/** Groups the extracted quotes of all articles and finds the articles that carry them in part or in other words. */
export const storyQuotes = (sources: readonly Source[], people: readonly MergedEntity[], limit = 20): StoryQuote[] => {
  const order = sourceOrder(sources)
  const speakerName = speakerNames(people)
  const items = sources.flatMap((src, si) =>
    articleQuotes(src)
      .map((q, qi) => ({ ...q, articleId: src.articleId, si, qi, speaker: speakerName(q.speaker) }))
      .filter((q) => q.tokens.length >= 2),
  )
  items.sort((a, b) => b.norm.length - a.norm.length || a.si - b.si || a.qi - b.qi)
  type Item = (typeof items)[number]
  const groups: { text: string; norm: string; padded: string; long: boolean; tokens: readonly string[]; terms: ReadonlySet<string>; first: [number, number]; items: Item[]; reworded: Item[] }[] = []
  for (const item of items) {
    const group = groups.find(
      (g) =>
        (g.norm === item.norm || (item.long && containsPadded(g, item))) &&
        !g.items.some((o) => o.speaker !== null && item.speaker !== null && o.speaker !== item.speaker && o.articleId === item.articleId),
    )
    if (group) {
      group.items.push(item)
      if (item.si < group.first[0] || (item.si === group.first[0] && item.qi < group.first[1])) group.first = [item.si, item.qi]
    } else groups.push({ text: item.text, norm: item.norm, padded: item.padded, long: item.long, tokens: item.tokens, terms: item.terms, first: [item.si, item.qi], items: [item], reworded: [] })
  }
  // The same statement quoted in other words (two translations of one embassy statement) is one quote, paraphrased.
  const articlesOf = (g: (typeof groups)[number]): Set<string> => new Set([...g.items, ...g.reworded].map((i) => i.articleId))
  const speakerOf = (g: (typeof groups)[number]): string | null => g.items.find((i) => i.speaker !== null)?.speaker ?? null
  const reach = new Map(groups.map((g) => [g, articlesOf(g).size]))
  const ranked = [...groups].sort((a, b) => reach.get(b)! - reach.get(a)! || a.first[0] - b.first[0] || a.first[1] - b.first[1])
  const merged = new Set<(typeof groups)[number]>()
  for (const [hi, h] of ranked.entries()) {
    const th = h.terms
    if (th.size < 4) continue
    const host = ranked.slice(0, hi).find((g) => {
      if (merged.has(g)) return false
      const tg = g.terms
      let shared = 0
      for (const t of th) if (tg.has(t)) shared++
      const sa = speakerOf(g)
      const sb = speakerOf(h)
      return tg.size >= 4 && shared >= 4 && shared / Math.min(th.size, tg.size) >= 0.6 && (sa === null || sb === null || sa === sb) && ![...articlesOf(h)].some((id) => articlesOf(g).has(id))
    })
    if (host === undefined) continue
    host.reworded.push(...h.items, ...h.reworded)
    merged.add(h)
  }
  const kept = groups.filter((g) => !merged.has(g))
  const scanned = new Map(sources.map((src) => [src.articleId, perArticle(src, "quote scan", () => scanOf(src))]))
  const personSurnames = new Map(people.map((p) => [p.name, [p.name, ...p.variants].map(surnameOf)]))
  const result = kept.map((g) => {
    const speakers = new Map<string, number>()
    for (const i of g.items.some((x) => x.speaker !== null) ? g.items : g.reworded) if (i.speaker !== null) speakers.set(i.speaker, (speakers.get(i.speaker) ?? 0) + 1)
    // A named person beats "the embassy"; then the most frequent attribution.
    const speaker =
      [...speakers].sort(
        (a, b) => Number(personSurnames.has(b[0])) - Number(personSurnames.has(a[0])) || b[1] - a[1] || byString(a[0], b[0]),
      )[0]?.[0] ?? null
    const carriers = new Map<string, { articleId: string; use: QuoteUse; excerpt: string }>()
    for (const i of g.items) {
      const use: QuoteUse = i.norm === g.norm ? "verbatim" : "partial"
      const known = carriers.get(i.articleId)
      if (known === undefined || (known.use !== "verbatim" && use === "verbatim")) carriers.set(i.articleId, { articleId: i.articleId, use, excerpt: i.text })
    }
    const quoteTerms = [...g.terms]
    const groupWords = new Set(g.norm.split(" "))
    const surnames = speaker === null ? [] : (personSurnames.get(speaker) ?? [surnameOf(speaker)])
    for (const src of sources) {
      if (carriers.has(src.articleId)) continue
      const scan = scanned.get(src.articleId)!
      const carried = carrierIn(scan, g, groupWords)
      if (carried === "body") {
        carriers.set(src.articleId, { articleId: src.articleId, use: "verbatim", excerpt: g.text })
        continue
      }
      if (carried !== null) {
        carriers.set(src.articleId, { articleId: src.articleId, use: carried.span.norm === g.norm ? "verbatim" : "partial", excerpt: carried.span.text })
        continue
      }
      const reworded = g.reworded.find((i) => i.articleId === src.articleId)
      if (reworded !== undefined) {
        carriers.set(src.articleId, { articleId: src.articleId, use: "paraphrase", excerpt: reworded.text })
        continue
      }
      if (surnames.length === 0) continue
      if (quoteTerms.length < 2) {
        // An answer ("I do.") means what it answers: a source that quotes the question's key word and names the speaker reports it.
        const keys = new Set(g.items.flatMap((i) => shortQuoted(i.sentence)).filter((k) => k !== g.norm))
        const answer = src.sentences.find((s) => sentenceShortQuoted(s).some((k) => keys.has(k)) && surnames.some((n) => sentenceWordSet(s).has(n)))
        if (answer !== undefined) carriers.set(src.articleId, { articleId: src.articleId, use: "paraphrase", excerpt: answer.text })
        continue
      }
      const paraphrase = paraphraseIn(src, scan, surnames, g.norm, quoteTerms)
      if (paraphrase >= 0) carriers.set(src.articleId, { articleId: src.articleId, use: "paraphrase", excerpt: src.sentences[paraphrase]!.text })
    }
    return {
      quote: {
        text: g.text,
        speaker,
        carriers: [...carriers.values()].sort((a, b) => order.get(a.articleId)! - order.get(b.articleId)!),
      },
      first: g.first,
    }
  })
  return result
    .sort(
      (a, b) =>
        b.quote.carriers.length - a.quote.carriers.length ||
        a.first[0] - b.first[0] ||
        a.first[1] - b.first[1],
    )
    .slice(0, limit)
    .map((r) => r.quote)
}
