import type { MergedEntity } from "./people.js"
import { type Source, sourceOrder } from "./sources.js"
import { byString, contentTerms, words } from "./text.js"

/** How an article carries a quote. */
export type QuoteUse = "verbatim" | "partial" | "paraphrase"

/** One direct quote of the story, once, with every article that carries it and how. */
export interface StoryQuote {
  readonly text: string
  readonly speaker: string | null
  readonly carriers: readonly { readonly articleId: string; readonly use: QuoteUse; readonly excerpt: string }[]
}

const normal = (text: string): string => words(text).join(" ")
const containsWords = (haystack: string, needle: string): boolean => needle.length > 0 && ` ${haystack} `.includes(` ${needle} `)

/** A speaker as the story's people list names them ("Biden" becomes "Joe Biden"). */
const speakerName = (speaker: string | null, people: readonly MergedEntity[]): string | null => {
  if (speaker === null || speaker.trim().length === 0) return null
  const s = speaker.trim()
  const lower = s.toLowerCase()
  const person = people.find((p) => p.name.toLowerCase() === lower || p.variants.some((v) => v.toLowerCase() === lower))
  return person?.name ?? s
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

/** Groups the extracted quotes of all articles and finds the articles that carry them in part or in other words. */
export const storyQuotes = (sources: readonly Source[], people: readonly MergedEntity[], limit = 20): StoryQuote[] => {
  const order = sourceOrder(sources)
  const items = sources.flatMap((src, si) =>
    src.quotes
      .map((q, qi) => ({ articleId: src.articleId, si, qi, text: q.text.trim(), norm: normal(q.text), speaker: speakerName(q.speaker ?? institutionSpeaker(src, q.sentence), people), sentence: q.sentence }))
      .filter((q) => q.norm.split(" ").length >= 2),
  )
  items.sort((a, b) => b.norm.length - a.norm.length || a.si - b.si || a.qi - b.qi)
  type Item = (typeof items)[number]
  const groups: { text: string; norm: string; first: [number, number]; items: Item[]; reworded: Item[] }[] = []
  for (const item of items) {
    const group = groups.find(
      (g) =>
        (g.norm === item.norm || (item.norm.split(" ").length >= 3 && containsWords(g.norm, item.norm))) &&
        !g.items.some((o) => o.speaker !== null && item.speaker !== null && o.speaker !== item.speaker && o.articleId === item.articleId),
    )
    if (group) {
      group.items.push(item)
      if (item.si < group.first[0] || (item.si === group.first[0] && item.qi < group.first[1])) group.first = [item.si, item.qi]
    } else groups.push({ text: item.text, norm: item.norm, first: [item.si, item.qi], items: [item], reworded: [] })
  }
  // The same statement quoted in other words (two translations of one embassy statement) is one quote, paraphrased.
  const articlesOf = (g: (typeof groups)[number]): Set<string> => new Set([...g.items, ...g.reworded].map((i) => i.articleId))
  const speakerOf = (g: (typeof groups)[number]): string | null => g.items.find((i) => i.speaker !== null)?.speaker ?? null
  const ranked = [...groups].sort((a, b) => articlesOf(b).size - articlesOf(a).size || a.first[0] - b.first[0] || a.first[1] - b.first[1])
  const merged = new Set<(typeof groups)[number]>()
  for (const [hi, h] of ranked.entries()) {
    const th = new Set(contentTerms(h.text))
    if (th.size < 4) continue
    const host = ranked.slice(0, hi).find((g) => {
      if (merged.has(g)) return false
      const tg = new Set(contentTerms(g.text))
      const shared = [...th].filter((t) => tg.has(t)).length
      const sa = speakerOf(g)
      const sb = speakerOf(h)
      return tg.size >= 4 && shared >= 4 && shared / Math.min(th.size, tg.size) >= 0.6 && (sa === null || sb === null || sa === sb) && ![...articlesOf(h)].some((id) => articlesOf(g).has(id))
    })
    if (host === undefined) continue
    host.reworded.push(...h.items, ...h.reworded)
    merged.add(h)
  }
  const kept = groups.filter((g) => !merged.has(g))
  const scanned = new Map(
    sources.map((src) => [
      src.articleId,
      {
        body: normal(src.body),
        spans: [...src.body.matchAll(/["“]([^"“”\n]{3,400})["”]/g)].map((m) => ({ text: m[1]!, norm: normal(m[1]!) })),
        sentences: src.sentences.map((s) => ({ sentence: s, terms: new Set(contentTerms(s.text)), words: new Set(words(s.text)), quoted: shortQuoted(s.text) })),
      },
    ]),
  )
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
    const quoteTerms = [...new Set(contentTerms(g.text))]
    const surnames = speaker === null ? [] : (personSurnames.get(speaker) ?? [surnameOf(speaker)])
    for (const src of sources) {
      if (carriers.has(src.articleId)) continue
      const scan = scanned.get(src.articleId)!
      const part = scan.spans.find((s) => s.norm.split(" ").length >= 3 && containsWords(g.norm, s.norm))
      if (part !== undefined) {
        carriers.set(src.articleId, { articleId: src.articleId, use: part.norm === g.norm ? "verbatim" : "partial", excerpt: part.text })
        continue
      }
      if (g.norm.split(" ").length >= 3 && containsWords(scan.body, g.norm)) {
        carriers.set(src.articleId, { articleId: src.articleId, use: "verbatim", excerpt: g.text })
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
        const answer = scan.sentences.find((s) => s.quoted.some((k) => keys.has(k)) && surnames.some((n) => s.words.has(n)))
        if (answer !== undefined) carriers.set(src.articleId, { articleId: src.articleId, use: "paraphrase", excerpt: answer.sentence.text })
        continue
      }
      const paraphrase = scan.sentences.find((s) => {
        const hits = quoteTerms.filter((t) => s.terms.has(t)).length
        return hits >= 2 && hits / quoteTerms.length >= 0.6 && surnames.some((n) => s.words.has(n))
      })
      if (paraphrase !== undefined) carriers.set(src.articleId, { articleId: src.articleId, use: "paraphrase", excerpt: paraphrase.sentence.text })
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
