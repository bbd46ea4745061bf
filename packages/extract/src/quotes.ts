import type { Entity, Quote } from "@wiredesk/core"

const VERBS =
  "said|says|say|told|tells|wrote|writes|added|adds|asked|asks|stated|states|declared|noted|notes|tweeted|posted|explained|insisted|warned|claimed|replied|responded|remarked|continued|argued|announced|acknowledged|recalled|quipped|mocked|stressed|emphasised|emphasized|underlined|concluded|admitted|conceded|urged|vowed|pointed out"
const NAME = String.raw`[\p{Lu}][\p{L}\p{M}'’.-]*`
const LOWER_WORD = String.raw`(?!(?:he|she|they|it|who|that|which)\b)[\p{Ll}][\p{L}-]*`
// "the embassy", "the Russian Foreign Ministry", "Joe Biden", a pronoun; "the video he" is "he".
const SUBJECT = String.raw`(?:(?:the |The |a |A )?(?:${NAME}\s+){0,4}${NAME}|[Tt]he (?:${LOWER_WORD}\s+){0,2}${LOWER_WORD}|[Hh]e|[Ss]he|[Tt]hey|[Ii]t)`
const ADVERB = String.raw`(?:(?:[\p{L}]+ly|also|then|later|again|further|once|had|has|have)\s+)?`
const AFTER_QUOTE = new RegExp(
  String.raw`^\s*,?\s*(?:(${SUBJECT})\s+${ADVERB}(?:${VERBS})\b|(?:${VERBS})\s+(${SUBJECT})\b)`,
  "u",
)
const BEFORE_QUOTE = new RegExp(
  String.raw`(${SUBJECT})(?:,[^",“”]{1,50},)?\s+${ADVERB}(?:${VERBS})(?:\s+(?:that|in a statement|on [\p{L}]+|to [\p{L}\s]{1,30}?))?\s*[,:]?\s*$`,
  "u",
)
const PARTICIPLE = /\b(?:saying|adding|writing|telling [\p{L}\s]{1,30}?|declaring|insisting|warning|noting)\s*[,:]?\s*$/u
const PRONOUNS = new Set(["he", "she"])
const TITLE_WORDS = /\b(president|minister|ambassador|spokesman|spokeswoman|spokesperson|leader|chancellor|secretary|senator|governor|mayor|envoy|diplomat|chief|official)\b/i

interface Span {
  readonly start: number
  readonly end: number
  readonly text: string
}

/** Quoted spans in a paragraph: straight or curly double quotes. */
const quotedSpans = (p: string): Span[] => {
  const spans: Span[] = []
  const re = /"([^"\n]{2,1200}?)"|“([^“”\n]{2,1200}?)”/g
  let lastEnd = 0
  for (let m = re.exec(p); m; m = re.exec(p)) {
    spans.push({ start: m.index, end: m.index + m[0].length, text: (m[1] ?? m[2])! })
    lastEnd = m.index + m[0].length
  }
  // A quote still open when the paragraph ends runs to its end, as in print where the next paragraph reopens it.
  const open = /["“]([^"“”]{10,})$/.exec(p.slice(lastEnd))
  if (open) spans.push({ start: lastEnd + open.index, end: p.length, text: open[1]! })
  return spans
}

const sentenceAround = (p: string, start: number, end: number): string => {
  let s = 0
  const boundary = /[.!?]["”’]?\s+/g
  for (let m = boundary.exec(p); m && m.index + m[0].length <= start; m = boundary.exec(p)) s = m.index + m[0].length
  const rest = p.slice(end)
  const m = /^[^.!?]*?[.!?]["”’]?(?=\s|$)/.exec(rest)
  return p.slice(s, end + (m ? m[0].length : rest.length)).trim()
}

const cleanQuote = (text: string): string => text.trim().replace(/[,;:]$/, "").trim()

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/** Direct quotes the text attributes to someone; "he" and "she" go to the nearest person named before the quote. */
export const findQuotes = (paragraphs: readonly string[], people: readonly Entity[]): Quote[] => {
  const body = paragraphs.join("\n\n")
  const nameOf = new Map(people.flatMap((e) => e.forms.map((form) => [form, e.name] as const)))
  // One pattern for every form of every person, longest first, so "Joe Biden" wins over "Biden".
  const alternatives = [...nameOf.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b)).map(escapeRegExp).join("|")
  // The pattern and the scan of the body for it are made on first use: most articles quote no one, or name every speaker.
  let anyPattern: RegExp | null | undefined
  const anyPerson = (): RegExp | null =>
    (anyPattern ??= alternatives.length > 0 ? new RegExp(`(?<![\\p{L}])(?:${alternatives})(?![\\p{L}])`, "gu") : null)
  const personIn = (text: string): string | null => {
    const pattern = anyPerson()
    if (!pattern) return null
    pattern.lastIndex = 0
    const m = pattern.exec(text)
    return m ? (nameOf.get(m[0]) ?? null) : null
  }
  let mentions: { name: string; at: number }[] | undefined
  const mentionsInBody = (): { name: string; at: number }[] => {
    if (mentions === undefined) {
      const pattern = anyPerson()
      mentions = pattern ? [...body.matchAll(pattern)].map((m) => ({ name: nameOf.get(m[0])!, at: m.index })) : []
    }
    return mentions
  }
  const lastMentionBefore = (offset: number): string | null => {
    let found: string | null = null
    for (const m of mentionsInBody()) {
      if (m.at >= offset) break
      found = m.name
    }
    return found
  }
  const titled = new Map<string, { name: string; at: number }[]>()
  /** Where a title stands before a name ("President Joe Biden"), so "the US President" can be resolved. */
  const titledMentions = (title: string) => {
    const key = title.toLowerCase()
    if (!titled.has(key)) {
      const found: { name: string; at: number }[] = []
      if (alternatives.length > 0)
        for (const m of body.matchAll(new RegExp(`\\b${escapeRegExp(key)}\\s+(${alternatives})(?![\\p{L}])`, "giu"))) found.push({ name: nameOf.get(m[1]!)!, at: m.index })
      titled.set(key, found)
    }
    return titled.get(key)!
  }
  const resolve = (subject: string, offset: number): string | null => {
    const s = subject.trim()
    const named = personIn(s)
    if (named) return named
    const lower = s.toLowerCase()
    if (PRONOUNS.has(lower)) return lastMentionBefore(offset)
    if (lower === "it" || lower === "they") return null
    const title = TITLE_WORDS.exec(s)
    if (title) {
      const before = titledMentions(title[1]!).filter((m) => m.at < offset)
      if (before.length > 0) return before[before.length - 1]!.name
    }
    return /^[\p{Lu}]/u.test(s) || /^the /i.test(s) ? s : null
  }

  const quotes: Quote[] = []
  let offset = 0
  for (const p of paragraphs) {
    for (const span of quotedSpans(p)) {
      const text = cleanQuote(span.text)
      if (text.split(/\s+/).length < 2) continue
      const after = AFTER_QUOTE.exec(p.slice(span.end, span.end + 140))
      const before = BEFORE_QUOTE.exec(p.slice(Math.max(0, span.start - 160), span.start))
      const sentence = sentenceAround(p, span.start, span.end)
      const subject = after ? (after[1] ?? after[2]) : before ? before[1] : undefined
      if (subject !== undefined) {
        quotes.push({ text, speaker: resolve(subject, offset + span.start), sentence })
        continue
      }
      // "Putin slammed Biden for his remark, saying "..."": the participle's subject is the clause's first person.
      if (PARTICIPLE.test(p.slice(Math.max(0, span.start - 40), span.start))) {
        const lead = sentence.slice(0, Math.max(0, sentence.indexOf(p.slice(span.start, span.start + 12))))
        const first = personIn(lead)
        quotes.push({ text, speaker: first, sentence })
      }
    }
    offset += p.length + 2
  }
  return quotes
}
