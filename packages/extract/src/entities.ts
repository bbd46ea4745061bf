import nlp from "compromise"
import type { Entity } from "@wiredesk/core"

// compromise's lexicon is used as a dictionary, not its tagger: looking names up is a thousand times cheaper than tagging.
const model = (nlp as unknown as { model: () => { one: { lexicon: Record<string, string | string[]> }; two: { orgWords: Record<string, boolean>; placeWords: Record<string, boolean> } } }).model()
const LEXICON = model.one.lexicon
const ORG_WORDS = new Set([
  ...Object.keys(model.two.orgWords),
  "ministry", "embassy", "parliament", "party", "news", "agency", "office", "court", "senate", "congress", "house",
  "police", "navy", "force", "forces", "times", "post", "journal", "tribune", "institute", "university", "union",
  "nations", "organisation", "organization", "inc", "ltd", "llc", "plc", "sa", "ag", "gmbh", "foundation", "network",
  "service", "services", "television", "tv", "radio", "press", "media", "cabinet", "kremlin", "pentagon",
].filter((w) => !["care", "data", "design", "development", "education", "energy", "gas", "capital", "estate"].includes(w)))
const INSTITUTIONS = new Set(["kremlin", "pentagon", "congress", "senate", "parliament", "duma", "knesset", "bundestag", "interpol", "europol"])
const PLACE_WORDS = new Set(Object.keys(model.two.placeWords))
/**
 * The lexicon's entries in a Map: an object of 24,612 keys is looked up by interning the key first, which cost more
 * than the rest of `has`. Only its own entries: a word named like what every object inherits ("Constructor",
 * "__proto__") is not in the lexicon (looked up on the object, it crashed the extraction of any text holding one).
 */
const ENTRIES = new Map(Object.entries(LEXICON))
const entryOf = (word: string): string | string[] | undefined => ENTRIES.get(word.toLowerCase())
const tagsOf = (word: string): string[] => {
  const t = entryOf(word)
  return t === undefined ? [] : Array.isArray(t) ? t : t.split(",")
}
// Asked several times for every capitalised word: a single tag, the usual entry, is compared without splitting it.
const has = (word: string, ...tags: string[]): boolean => {
  const t = entryOf(word)
  if (t === undefined) return false
  if (typeof t === "string" && !t.includes(",")) return tags.includes(t)
  return tagsOf(word).some((x) => tags.includes(x))
}

const TITLES = new Set([
  "president", "vice", "prime", "minister", "ambassador", "attorney", "solicitor", "auditor", "inspector", "surgeon", "senator", "sen", "rep", "representative", "governor", "gov",
  "mayor", "secretary", "chancellor", "king", "queen", "prince", "princess", "pope", "general", "gen", "colonel", "col",
  "lieutenant", "lt", "captain", "capt", "sergeant", "sgt", "admiral", "judge", "justice", "mr", "mrs", "ms", "miss",
  "dr", "prof", "professor", "sir", "dame", "lord", "lady", "spokesman", "spokeswoman", "spokesperson", "chairman",
  "chairwoman", "chief", "director", "commissioner", "envoy", "speaker", "leader", "premier", "sheikh", "emir",
  "deputy", "foreign", "defence", "defense", "interior", "finance", "state", "former", "acting", "chief executive", "ceo",
])
const COMMON_ACRONYMS = new Set([
  "TV", "CEO", "CFO", "COO", "CTO", "PM", "AM", "GDP", "COVID", "OK", "FAQ", "PDF", "URL", "IST", "GMT", "UTC", "EST",
  "PST", "EDT", "PDT", "II", "III", "IV", "VI", "SUV", "EV", "ID", "GT", "MP", "MPS", "VP", "PR", "IT", "AI", "DNA",
  "PC", "USB", "HD", "GPS", "LED", "VR", "AR", "ATM", "CCTV", "DIY", "ETA", "FYI", "HIV", "AIDS", "IQ", "IPO", "LGBT",
  "LGBTQ", "MVP", "NGO", "PhD", "RIP", "RSVP", "SMS", "SOS", "TBA", "VIP", "WIFI", "PS", "NB", "ET", "PT", "CT", "MT",
])
const PLACE_ACRONYMS = new Set(["US", "USA", "UK", "UAE", "DRC", "PRC", "DPRK", "ROK", "NYC", "LA"])
const NOT_NAMES = new Set([
  "i", "the", "a", "an", "this", "that", "these", "those", "it", "he", "she", "they", "we", "you", "his", "her", "their",
  "our", "its", "in", "on", "at", "for", "but", "and", "or", "if", "when", "while", "after", "before", "as", "so",
  "however", "meanwhile", "further", "earlier", "later", "also", "then", "there", "here", "what", "who", "why", "how",
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
  "may", "june", "july", "august", "september", "october", "november", "december", "mar", "feb", "jan", "apr", "jun",
  "jul", "aug", "sep", "sept", "oct", "nov", "dec", "read", "more", "photo", "image", "video", "watch",
])
/** Agencies whose name stands alone as a photo's credit ("Brynjar Gunnarsson/AP", "Photo: Getty"). */
const PHOTO_CREDITS = new Set(["AP", "AFP", "Reuters", "Getty", "EPA", "PA", "Bloomberg", "Shutterstock", "Alamy", "Xinhua"])
const CONNECTORS = new Set(["of", "the", "for", "and", "de", "del", "da", "di", "du", "la", "le", "van", "von", "der", "al", "bin", "el"])

type Kind = "person" | "organisation" | "place"
interface Mention {
  readonly form: string
  readonly kind: Kind | null
}

// "Bronx-based" or "U.S.-backed" describe something; they do not name it.
// Most words open with an ASCII character other than A-Z, which no \p{Lu} is: they are answered without the regexes.
const isCapitalised = (w: string) => {
  const first = w.charCodeAt(0)
  if (first < 128 && (first < 65 || first > 90)) return false
  return /^[\p{Lu}][\p{L}\p{M}'’.-]*$/u.test(w) && !/-[\p{Ll}]+$/u.test(w)
}
/** "of the" may join capitalised words ("Office of the Director"); "the" alone may not ("Polygraph.info the Ministry"). */
const connectorRunOk = (words: readonly string[]): boolean =>
  words.length === 1 ? words[0] !== "the" : words.length === 2 && (words[0] === "of" || words[0] === "for" || words[0] === "de") && ["the", "la", "los", "las", "el"].includes(words[1]!)
const isAcronym = (w: string) => /^[\p{Lu}]{2,6}$/u.test(w)

const stripPossessive = (w: string) => w.replace(/['’]s?$/u, "")

/** Runs of capitalised words in a sentence, with the word before each run (for "spokeswoman Jen Psaki"). */
interface Run {
  readonly words: string[]
  readonly before: string
  readonly after: string
  /** The words around the run, lower-cased, for appositions such as "Konstantin Kosachev, a deputy head". */
  readonly context: { readonly before: readonly string[]; readonly after: readonly string[] }
  readonly initial: boolean
}

/** What follows a hyphen in a word that describes ("Bronx-based", "Kremlin-backed"), never a syllable of a given name. */
const DESCRIBING_SUFFIXES = new Set([
  "based", "backed", "led", "owned", "born", "made", "style", "like", "era", "wide", "run", "free", "linked", "funded",
  "held", "bound", "related", "type", "sized", "class", "level", "area", "only", "first", "specific", "friendly",
])

/**
 * "Kim Jong-un", "Moon Jae-in", "Ban Ki-moon": a Korean given name, two syllables joined by a hyphen with the second in
 * lower case, after a short family name. Not "New York-based": what describes has a word of its own after the hyphen.
 */
const isHyphenedGivenName = (family: string, word: string): boolean => {
  const syllables = /^\p{Lu}\p{Ll}{1,4}-(\p{Ll}{1,5})$/u.exec(word)
  return syllables !== null && /^\p{Lu}\p{Ll}{1,4}$/u.test(family) && !DESCRIBING_SUFFIXES.has(syllables[1]!)
}

/**
 * A capital letter after a first name, followed by a full stop and a capitalised word that can go on a name ("George W.
 * Bush", "Henry A. Kissinger", "Mary J. Blige"): a middle initial, not the end of a sentence.
 */
const isMiddleInitial = (words: readonly string[], next: string | undefined): boolean =>
  words.length >= 2 &&
  /^\p{Lu}$/u.test(words[words.length - 1]!) &&
  has(words[words.length - 2]!, "MaleName", "FemaleName", "FirstName") &&
  next !== undefined &&
  isCapitalised(next) &&
  !NOT_NAMES.has(next.toLowerCase())

const runsOf = (sentence: string): Run[] => {
  const tokens = sentence.match(/[\p{L}\p{M}][\p{L}\p{M}\p{N}'’.-]*[\p{L}\p{M}\p{N}]|[\p{L}\p{M}]|[^\s\p{L}\p{M}]/gu) ?? []
  const runs: Run[] = []
  let i = 0
  while (i < tokens.length) {
    const token = tokens[i]!
    if (!isCapitalised(token)) {
      i++
      continue
    }
    const start = i
    const words = [token]
    i++
    while (i < tokens.length) {
      const t = tokens[i]!
      const prev = words[words.length - 1]!
      if (/['’]s$/.test(prev)) break
      if (t === "." && isMiddleInitial(words, tokens[i + 1])) {
        // "George W. Bush": the initial keeps its full stop and the name goes on.
        words[words.length - 1] = `${prev}.`
        i++
        continue
      }
      if (isCapitalised(t) || isHyphenedGivenName(prev, t)) {
        words.push(t)
        i++
      } else if (CONNECTORS.has(t)) {
        let j = i
        while (j < tokens.length && CONNECTORS.has(tokens[j]!)) j++
        if (!(j < tokens.length && isCapitalised(tokens[j]!) && connectorRunOk(tokens.slice(i, j)))) break
        words.push(...tokens.slice(i, j))
        i = j
      } else break
    }
    const initial = start === 0 || /^[.!?:;"“”'‘’(\[—–-]$/.test(tokens[start - 1]!)
    const context = {
      before: tokens.slice(Math.max(0, start - 3), start).map((t) => t.toLowerCase()),
      after: tokens.slice(i, i + 6).map((t) => t.toLowerCase()),
    }
    runs.push({ words, before: tokens[start - 1] ?? "", after: tokens[i] ?? "", context, initial })
  }
  return runs
}

const ROLE_NOUNS = new Set([
  "predecessor", "successor", "counterpart", "deputy", "aide", "adviser", "advisor", "colleague", "rival", "critic",
  "head", "founder", "co-founder", "partner", "wife", "husband", "son", "daughter", "brother", "sister", "mother",
  "father", "lawyer", "attorney", "spokesman", "spokeswoman", "spokesperson", "official", "analyst", "economist",
  "professor", "researcher", "scientist", "author", "activist", "candidate", "lawmaker", "legislator", "coach",
  "striker", "captain", "manager", "owner", "victim", "suspect", "witness", "resident", "figure", "dissident",
])
const isRole = (word: string) => TITLES.has(word) || ROLE_NOUNS.has(word) || has(word, "Actor", "Honorific")

/** "X, a deputy head at ...", "his predecessor, X", "spokeswoman X": the words around a name that say it is a person. */
const inApposition = (context: Run["context"] | undefined): boolean => {
  if (!context) return false
  const [a0, a1, a2, a3] = context.after
  const appositionAfter = a0 === "," && (a1 === "a" || a1 === "an" || a1 === "the" || a1 === "who") && [a2, a3].some((w) => w !== undefined && (isRole(w) || w === "who"))
  const b = context.before
  const appositionBefore = b[b.length - 1] === "," && b[b.length - 2] !== undefined && isRole(b[b.length - 2]!)
  return appositionAfter || appositionBefore
}

const classify = (words: string[], before: string, context?: Run["context"]): Kind | null => {
  const phrase = words.join(" ")
  const last = words[words.length - 1]!
  const first = words[0]!
  // A first name, a middle initial and one more word is a person's name, even when that word is a place word ("Christopher R. Hill").
  if (words.length === 3 && /^\p{Lu}\.$/u.test(words[1]!) && has(first, "MaleName", "FemaleName", "FirstName")) return "person"
  if (words.length >= 2 && words.some((w, i) => ORG_WORDS.has(w.toLowerCase()) && (i === words.length - 1 || i === 0 || CONNECTORS.has(words[i + 1]!))))
    return "organisation"
  // Short names in the lexicon are acronyms ("EU"): "Eu" or "Dvd" written in lower case is something else.
  const acronymWrittenLower = words.length === 1 && first.length <= 4 && first !== first.toUpperCase()
  if ((has(phrase, "Organization", "SportsTeam") && !acronymWrittenLower) || (words.length === 1 && INSTITUTIONS.has(first.toLowerCase()))) return "organisation"
  if (has(phrase, "Country", "City", "Region", "Place")) return "place"
  // An acronym is an organisation unless it is a place or an ordinary word in capitals ("WINS", "PRIME").
  if (words.length === 1 && isAcronym(first))
    return PLACE_ACRONYMS.has(first) ? "place" : COMMON_ACRONYMS.has(first) || tagsOf(first).length > 0 ? null : "organisation"
  if (PLACE_WORDS.has(last.toLowerCase()) && words.length > 1) return "place"
  const beforeLower = before.toLowerCase()
  const roleBefore = isRole(beforeLower)
  if (words.length >= 2 && words.length <= 4 && has(first, "MaleName", "FemaleName", "FirstName")) return "person"
  if (words.length <= 4 && (has(last, "LastName") || has(phrase, "Person"))) return "person"
  const plainWords = words.every((w) => !NOT_NAMES.has(w.toLowerCase()) && !has(w, "Adjective", "Demonym", "Plural", "Verb", "PastTense", "Gerund"))
  if (words.length <= 3 && roleBefore && plainWords && !COMMON_ACRONYMS.has(first)) return "person"
  if (words.length >= 2 && words.length <= 3 && plainWords && inApposition(context)) return "person"
  return null
}

/** Splits "US President Joe Biden" into "US" and "Joe Biden" at the title, so each part is classified on its own. */
const splitAtTitles = (words: string[], before: string): { words: string[]; before: string }[] => {
  const parts: { words: string[]; before: string }[] = []
  let current: string[] = []
  let lastWord = before
  for (const w of words) {
    const lw = w.toLowerCase().replace(/\.$/, "")
    if (TITLES.has(lw) || has(lw, "Honorific") || (has(lw, "Demonym") && current.length === 0)) {
      if (current.length > 0) parts.push({ words: current, before: lastWord })
      current = []
      lastWord = lw
      continue
    }
    current.push(w)
  }
  if (current.length > 0) parts.push({ words: current, before: lastWord })
  return parts
}

const trimConnectors = (words: string[]): string[] => {
  let start = 0
  let end = words.length
  while (start < end && CONNECTORS.has(words[start]!)) start++
  while (end > start && CONNECTORS.has(words[end - 1]!)) end--
  return words.slice(start, end)
}

/** "United States Anatoly Antonov": a known place or organisation run straight into a name. */
const splitKnownPrefix = (words: string[], before: string, run: Run): Mention[] | null => {
  for (let i = words.length - 1; i >= 1; i--) {
    const left = trimConnectors(words.slice(0, i))
    const right = trimConnectors(words.slice(i))
    if (left.length === 0 || right.length === 0) continue
    const leftKind = classify(left, before, undefined)
    const rightKind = classify(right, left[left.length - 1]!, run.context)
    if (leftKind && rightKind) return [{ form: left.join(" "), kind: leftKind }, { form: right.join(" "), kind: rightKind }]
  }
  return null
}

const splitAtAnd = (words: string[]): string[][] => {
  const parts: string[][] = [[]]
  for (const w of words) {
    if (w === "and") parts.push([])
    else parts[parts.length - 1]!.push(w)
  }
  return parts.filter((p) => p.length > 0)
}

/** "MADRID" in a dateline is Madrid; "NATO" stays an acronym. */
const caseOf = (word: string): string => {
  if (!/^[\p{Lu}]{3,}$/u.test(word)) return word
  const known = has(word, "Country", "City", "Region", "Place", "MaleName", "FemaleName", "FirstName", "LastName")
  return known && word.length > 4 ? word[0] + word.slice(1).toLowerCase() : word
}

const mentionsIn = (sentence: string): Mention[] => {
  const mentions: Mention[] = []
  for (const run of runsOf(sentence)) {
    let words = run.words.map((w, i) => caseOf(i === run.words.length - 1 || /['’]s$/.test(w) ? stripPossessive(w) : w))
    while (words.length > 0 && CONNECTORS.has(words[words.length - 1]!)) words.pop()
    if (run.initial && classify(words, run.before, run.context) === null) {
      while (words.length > 0 && (NOT_NAMES.has(words[0]!.toLowerCase()) || (tagsOf(words[0]!).length > 0 && !has(words[0]!, "MaleName", "FemaleName", "FirstName", "LastName", "Person", "Country", "City", "Region", "Place", "Organization", "ProperNoun", "Demonym")))) words = words.slice(1)
    }
    words = words.filter((w, i) => i > 0 || !NOT_NAMES.has(w.toLowerCase()))
    // "Getty Donald Trump has been criticised", "Reuters Equifax claimed": a photo's credit run into the name that opens
    // the caption or paragraph after it names no one ("Reuters Institute" is a body and keeps it).
    if (words.length >= 2 && PHOTO_CREDITS.has(words[0]!) && classify(words, run.before, run.context) !== "organisation") words = words.slice(1)
    if (words.length === 0) continue
    // "Russia-US" names two places.
    if (words.length === 1 && words[0]!.includes("-")) {
      const parts = words[0]!.split("-")
      if (parts.every((p) => has(p, "Country", "City", "Region") || PLACE_ACRONYMS.has(p))) {
        for (const p of parts) mentions.push({ form: p, kind: "place" })
        continue
      }
    }
    const isOrgPhrase = classify(words, run.before, run.context) === "organisation"
    // "Granollers and Lopez" are two people; "Securities and Exchange Commission" is one body.
    const parts = isOrgPhrase ? [{ words, before: run.before }] : splitAtAnd(words).flatMap((ws) => splitAtTitles(ws, run.before))
    for (const part of parts) {
      const trimmed = trimConnectors(part.words)
      if (trimmed.length === 0) continue
      const kind = classify(trimmed, part.before, run.context)
      if (kind === null && trimmed.length >= 2) {
        const split = splitKnownPrefix(trimmed, part.before, run)
        if (split) {
          mentions.push(...split)
          continue
        }
      }
      const form = trimmed.join(" ")
      if (form.length < 2) continue
      mentions.push({ form, kind })
    }
  }
  return mentions
}

/** Sentences, not cut after the middle initial of a name ("George W. Bush": a capitalised word, a capital, a full stop). */
const splitSentences = (text: string): string[] => text.split(/(?<=[.!?]["'”’)]?)(?<!(?:^|[\s("“])\p{Lu}\p{Ll}+ \p{Lu}\.)\s+(?=["'“‘(]?[\p{Lu}\d])|\n+/u)

const NAME_TAGS = new Set(["MaleName", "FemaleName", "FirstName", "LastName", "Person", "ProperNoun"])
const SPEECH_SUBJECT = /(?<![\p{L}])([\p{Lu}][\p{Ll}'’-]+) (?:said|says|told|added|wrote|asked|explained|insisted|warned|argued|recalled)\b/gu
const speechSubjects = (paragraphs: readonly string[]): Set<string> => {
  const found = new Set<string>()
  for (const p of paragraphs) for (const m of p.matchAll(SPEECH_SUBJECT)) found.add(m[1]!)
  return found
}

const byName = (a: Entity, b: Entity) => b.count - a.count || a.name.localeCompare(b.name)

/** People, organisations and places named in the text; a surname alone joins the one full name that ends with it. */
export const findEntities = (paragraphs: readonly string[]): { people: Entity[]; organisations: Entity[]; places: Entity[] } => {
  const raw = paragraphs.flatMap((p) => splitSentences(p).flatMap(mentionsIn))
  // "TOYOTA" in a shouted heading is the Toyota of the text.
  const usual = new Map<string, string>()
  for (const m of raw) if (m.form !== m.form.toUpperCase()) usual.set(m.form.toLowerCase(), usual.get(m.form.toLowerCase()) ?? m.form)
  const mentions = raw.map((m) => {
    const form = m.form === m.form.toUpperCase() ? usual.get(m.form.toLowerCase()) : undefined
    return form ? { form, kind: m.kind ?? null } : m
  })
  const kindOf = new Map<string, Map<Kind, number>>()
  for (const m of mentions) {
    if (!m.kind) continue
    const votes = kindOf.get(m.form) ?? new Map<Kind, number>()
    votes.set(m.kind, (votes.get(m.kind) ?? 0) + 1)
    kindOf.set(m.form, votes)
  }
  const decided = new Map<string, Kind>()
  for (const [form, votes] of [...kindOf].sort(([a], [b]) => a.localeCompare(b))) {
    const best = [...votes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!
    decided.set(form, best[0])
  }
  // "Ahed Tamimi ... Tamimi said": a name no dictionary knows is a person's when its surname alone speaks.
  // The scan for speakers runs only when such a name turns up.
  let speakers: Set<string> | undefined
  for (const m of mentions) {
    if (m.kind !== null || decided.has(m.form)) continue
    const words = m.form.split(" ")
    const plainName = words.every((w) => /^[\p{Lu}][\p{Ll}'’-]+$/u.test(w) && tagsOf(w).every((t) => NAME_TAGS.has(t)))
    if (words.length >= 2 && words.length <= 3 && plainName && (speakers ??= speechSubjects(paragraphs)).has(words[words.length - 1]!)) decided.set(m.form, "person")
  }
  const people = [...decided].filter(([, k]) => k === "person").map(([f]) => f)
  const fullNames = people.filter((f) => f.includes(" "))
  const canonical = (form: string, kind: Kind): string => {
    if (kind !== "person" && kind !== null) return form
    const tail = form.split(" ")
    const longer = fullNames.filter((n) => n !== form && n.endsWith(` ${form}`) && n.split(" ").length > tail.length)
    if (longer.length === 1) return longer[0]!
    // "Michael" after "Michael Sheen": a first name alone is the one person in the article who has it.
    if (longer.length === 0 && tail.length === 1 && has(form, "MaleName", "FemaleName", "FirstName")) {
      const byFirst = fullNames.filter((n) => n.startsWith(`${form} `))
      if (byFirst.length === 1) return byFirst[0]!
    }
    return form
  }
  const groups = new Map<string, { kind: Kind; forms: Set<string>; count: number }>()
  for (const m of mentions) {
    let kind = decided.get(m.form) ?? null
    let name = m.form
    if (kind === null || kind === "person") {
      const c = canonical(m.form, kind ?? "person")
      if (c !== m.form) {
        name = c
        kind = "person"
      }
    }
    if (kind === null) continue
    const key = `${kind}\u0000${name}`
    const group = groups.get(key) ?? { kind, forms: new Set<string>(), count: 0 }
    group.forms.add(m.form)
    group.count++
    groups.set(key, group)
  }
  const of = (kind: Kind): Entity[] =>
    [...groups]
      .filter(([, g]) => g.kind === kind)
      .map(([key, g]) => ({ name: key.split("\u0000")[1]!, forms: [...g.forms].sort(), count: g.count }))
      .sort(byName)
  return { people: of("person"), organisations: of("organisation"), places: of("place") }
}
