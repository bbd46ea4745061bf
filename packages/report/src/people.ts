import { isAscii, type Entity } from "@wiredesk/core"
import { perArticle, type Source, sourceOrder } from "./sources.js"
import { byString, editDistance, plainText, STOPWORDS } from "./text.js"

/** Two spellings of one name across a story's articles, with who writes which. */
export interface SpellingVariant {
  readonly forms: readonly { readonly form: string; readonly sources: readonly string[] }[]
  /** A neighbouring word both spellings share ("Anatoly" for Antonov and Antanov). */
  readonly context: string
}

/** A person or organisation of the story, its spellings merged. */
export interface MergedEntity {
  readonly name: string
  readonly variants: readonly string[]
  readonly sources: readonly string[]
  readonly mentions: number
}

const NOT_NAMES = new Set(
  "the a an in on at for and but or if as this that these those he she it we they his her its our their there here when while after before with from by of to".split(" "),
)

const listIn = <V>(map: Map<string, V[]>, key: string): V[] => {
  let list = map.get(key)
  if (list === undefined) map.set(key, (list = []))
  return list
}

/** A word as British and American English, with or without accents, both write it: "defence" and "defense", "Süddeutsche" and "Suddeutsche". */
const spelledAlike = (word: string): string =>
  (isAscii(word) ? word : word.normalize("NFD").replace(/\p{M}/gu, ""))
    .replace(/ence(?=$|[-\s])/g, "ense")
    .replace(/is(?=(e|ed|es|ing|ation|ations)(?:$|[-\s]))/g, "iz")
    .replace(/tre(?=$|[-\s])/g, "ter")

const sameLetterClose = (a: string, b: string): boolean =>
  a !== b && a.length >= 4 && a.length === b.length && a[0] === b[0] && editDistance(a, b) <= (a.length >= 9 ? 2 : 1)

// A token without an apostrophe or a hyphen (most) has nothing to strip; a plain text's letters are A to Z.
const nameTokens = (body: string): string[] =>
  (body.match(plainText(body) ? /[A-Za-z][A-Za-z'’-]*/g : /[\p{L}][\p{L}'’-]*/gu) ?? []).map((t) =>
    t.includes("'") || t.includes("’") || t.includes("-") ? t.replace(/’/g, "'").replace(/'s$/u, "").replace(/['-]+$/u, "") : t,
  )

/** Whether a word opens with a capital: a letter A to Z needs no Unicode lookup. */
const capitalised = (word: string): boolean => {
  const c = word.charCodeAt(0)
  return c < 0x80 ? c >= 0x41 && c <= 0x5a : /^\p{Lu}/u.test(word)
}

/** How one article writes a capitalised word: its spellings, how often each, and the words next to it. */
interface NameUse {
  readonly spellings: ReadonlyMap<string, number>
  readonly neighbours: ReadonlySet<string>
}

/** One article's words as spelling variants see them: its lowercase words, and each capitalised word's use. */
interface ArticleNames {
  readonly lowerWords: ReadonlySet<string>
  readonly names: ReadonlyMap<string, NameUse>
}

/** Whether a source of the story writes the word (lower case) in lower case: a common word, then, not a name. */
const writtenInLowerCase = (sources: readonly Source[], word: string): boolean =>
  sources.some((s) => perArticle(s, "names", () => articleNames(s.body)).lowerWords.has(word))

const articleNames = (body: string): ArticleNames => {
  const tokens = nameTokens(body)
  const lowers = tokens.map((t) => t.toLowerCase())
  const lowerWords = new Set<string>()
  const names = new Map<string, { spellings: Map<string, number>; neighbours: Set<string> }>()
  tokens.forEach((token, i) => {
    const lower = lowers[i]!
    if (!capitalised(token)) {
      lowerWords.add(lower)
      return
    }
    if (token.length < 4 || NOT_NAMES.has(lower) || STOPWORDS.has(lower)) return
    const use = names.get(lower) ?? { spellings: new Map(), neighbours: new Set() }
    use.spellings.set(token, (use.spellings.get(token) ?? 0) + 1)
    for (const at of [i - 1, i + 1]) {
      const n = tokens[at]
      const nl = lowers[at]
      if (n !== undefined && nl !== undefined && nl.length > 2 && !STOPWORDS.has(nl) && !NOT_NAMES.has(nl)) use.neighbours.add(n)
    }
    names.set(lower, use)
  })
  return { lowerWords, names }
}

/** A capitalised word's uses across a story: spellings, neighbours, and the articles and groups that write it. */
interface StoryNameUse {
  readonly spellings: Map<string, number>
  readonly sources: Set<string>
  readonly groups: Set<string>
  readonly neighbours: Set<string>
}

const mergedUses = (uses: readonly { readonly src: Source; readonly named: NameUse }[]): StoryNameUse => {
  const merged: StoryNameUse = { spellings: new Map(), sources: new Set(), groups: new Set(), neighbours: new Set() }
  for (const { src, named } of uses) {
    for (const [spelling, count] of named.spellings) merged.spellings.set(spelling, (merged.spellings.get(spelling) ?? 0) + count)
    merged.sources.add(src.articleId)
    merged.groups.add(src.group)
    for (const n of named.neighbours) merged.neighbours.add(n)
  }
  return merged
}

/** The lower-case words of some articles: the union of their `lowerWords`. */
interface LowerWords {
  readonly of: Set<ArticleNames>
  readonly words: Set<string>
}

// A story's report is rendered again with each new member, and the union of its articles' lower-case words (thousands)
// was gathered again each time: it is kept with its articles and grown by the new ones. A union is only ever grown, so
// it serves any render whose articles include all of its own; a story that lost a member starts one of its own.
const lowerWordsOf = new WeakMap<ArticleNames, LowerWords>()

const storyLowerWords = (own: readonly ArticleNames[]): ReadonlySet<string> => {
  const members = new Set(own)
  let union: LowerWords | undefined
  for (const names of own) {
    const known = lowerWordsOf.get(names)
    if (known !== undefined && known.of.size <= members.size && [...known.of].every((n) => members.has(n))) {
      union = known
      break
    }
  }
  if (union === undefined) union = { of: new Set(), words: new Set() }
  for (const names of own)
    if (!union.of.has(names)) {
      union.of.add(names)
      for (const word of names.lowerWords) union.words.add(word)
    }
  for (const names of own) lowerWordsOf.set(names, union)
  return union.words
}

/** Capitalised words that two sources spell differently (same first letter and length, one edit apart) next to a shared word. */
export const spellingVariants = (sources: readonly Source[]): SpellingVariant[] => {
  // Each article's words are gathered once (a report is rendered again with every new member); a name's uses are
  // gathered (in source order) and merged only when it has a close spelling, which few have.
  const own = sources.map((src) => perArticle(src, "names", () => articleNames(src.body)))
  const named = new Set<string>()
  for (const article of own) for (const lower of article.names.keys()) named.add(lower)
  const lowerWords = storyLowerWords(own)
  const merged = new Map<string, StoryNameUse>()
  const usesOf = (name: string): StoryNameUse => {
    let use = merged.get(name)
    if (use === undefined) {
      const uses: { readonly src: Source; readonly named: NameUse }[] = []
      sources.forEach((src, i) => {
        const found = own[i]!.names.get(name)
        if (found !== undefined) uses.push({ src, named: found })
      })
      merged.set(name, (use = mergedUses(uses)))
    }
    return use
  }
  const order = sourceOrder(sources)
  const names = [...named].filter((w) => !lowerWords.has(w)).sort(byString)
  // Only names of one length and first letter can be close: each is compared with the names after it in its bucket, in
  // the same order as before.
  const buckets = new Map<string, number[]>()
  const bucketOf = names.map((name) => listIn(buckets, `${name.length}:${name[0]}`))
  const placeIn = bucketOf.map((bucket, i) => bucket.push(i))
  const out: SpellingVariant[] = []
  for (let i = 0; i < names.length; i++) {
    const bucket = bucketOf[i]!
    for (let at = placeIn[i]!; at < bucket.length; at++) {
      const j = bucket[at]!
      const a = names[i]!
      const b = names[j]!
      if (!sameLetterClose(a, b)) continue
      // "Self-Defence" and "Self-Defense" are one spelling to a reader: no source disagrees with another.
      if (spelledAlike(a) === spelledAlike(b)) continue
      const ua = usesOf(a)
      const ub = usesOf(b)
      // An article that writes both knows both words (IRBM and ICBM) or made a slip: no source disagrees with another.
      if ([...ua.sources].some((id) => ub.sources.has(id))) continue
      // Copies of one article are one source: a variant needs two independent writers.
      if ([...ua.groups].every((g) => ub.groups.has(g)) && [...ub.groups].every((g) => ua.groups.has(g))) continue
      // A shared name ("Anatoly", "Navalny") is the best witness that the two spellings mean one thing.
      const lowerB = new Set([...ub.neighbours].map((n) => n.toLowerCase()))
      const shared = [...ua.neighbours]
        .filter((n) => lowerB.has(n.toLowerCase()) && n.toLowerCase() !== a && n.toLowerCase() !== b)
        .sort((x, y) => Number(/^\p{Lu}/u.test(y)) - Number(/^\p{Lu}/u.test(x)) || byString(x, y))
      if (shared.length === 0) continue
      const display = (u: typeof ua): string => [...u.spellings].sort((x, y) => y[1] - x[1] || byString(x[0], y[0]))[0]![0]
      const forms = [
        { form: display(ua), sources: [...ua.sources].sort((x, y) => order.get(x)! - order.get(y)!) },
        { form: display(ub), sources: [...ub.sources].sort((x, y) => order.get(x)! - order.get(y)!) },
      ].sort((x, y) => y.sources.length - x.sources.length || byString(x.form, y.form))
      out.push({ forms, context: shared[0]! })
    }
  }
  return out.sort((x, y) => byString(x.forms[0]!.form, y.forms[0]!.form))
}

const tokensOf = (name: string): string[] => name.split(/\s+/).filter((t) => t.length > 0)

/** Country qualifiers an organisation's name is written with or without ("US Commerce Department"), lower case. */
const QUALIFIERS = new Set(["us", "u.s.", "u.s", "uk", "u.k.", "eu", "un", "u.n."])

/** Qualifiers of two words, first word to second: "United States", "United Kingdom", "United Nations", "European Union". */
const TWO_WORD_QUALIFIERS: Readonly<Record<string, ReadonlySet<string>>> = { united: new Set(["states", "kingdom", "nations"]), european: new Set(["union"]) }

/** An organisation's name without a leading country qualifier: "US Office of the Director of National Intelligence", "United Nations Security Council". */
const unqualified = (tokens: readonly string[]): readonly string[] =>
  TWO_WORD_QUALIFIERS[tokens[0] ?? ""]?.has(tokens[1] ?? "") ? tokens.slice(2) : QUALIFIERS.has(tokens[0] ?? "") ? tokens.slice(1) : tokens

/** Whether two names can be the same entity, given the story's known spelling variants. */
const compatible = (
  a: string,
  b: string,
  variantOf: (x: string, y: string) => boolean,
  lowerTokens: (name: string) => readonly string[] = (name) => tokensOf(name.toLowerCase()),
  /** Organisations: a name of two words or more is the same with or without a country qualifier before it. */
  qualified = false,
): boolean => {
  const ta = lowerTokens(a)
  const tb = lowerTokens(b)
  if (qualified) {
    const [ua, ub] = [unqualified(ta), unqualified(tb)]
    if ((ua !== ta || ub !== tb) && ua.length >= 2 && ua.length === ub.length && ua.every((t, i) => t === ub[i])) return true
  }
  // Two spellings are one only with a witness: the body scan found them next to a shared word.
  const same = (x: string, y: string): boolean => x === y || variantOf(x, y)
  const la = ta[ta.length - 1]
  const lb = tb[tb.length - 1]
  if (la === undefined || lb === undefined) return false
  if (ta.length === 1 && tb.length === 1) return same(la, lb)
  // "ABC" with "ABC News", "Vladimir" with "Vladimir Putin": a lone word that opens the fuller name.
  if (ta.length === 1 && same(ta[0]!, tb[0]!)) return true
  if (tb.length === 1 && same(tb[0]!, ta[0]!)) return true
  if (ta.length === 1 || tb.length === 1) return same(la, lb)
  const fa = ta[0]!
  const fb = tb[0]!
  const firstSame = same(fa, fb) || (fa[0] === fb[0] && (fa.length <= 2 || fb.length <= 2))
  if (same(la, lb)) return firstSame
  // The same first name is the shared context for a surname one letter off (Anatoly Antonov, Anatoly Antanov).
  return fa === fb && ta.length === tb.length && sameLetterClose(la, lb)
}

/**
 * Words a news story puts before a person's name to say what they are, not who: an office, a rank, an honorific, a
 * trade ("President", "Sheriff", "Mallam", "Billionaire", "Manager"). Royal and noble titles are not among them:
 * "Queen Elizabeth" and "Prince Harry" are how those people are named.
 */
const DESCRIPTORS = new Set(
  `president vice prime minister senator sen rep representative congressman congresswoman governor gov mayor sheriff
secretary chancellor general gen colonel col lieutenant lt captain capt sergeant sgt admiral commander judge justice mr
mrs ms dr prof professor spokesman spokeswoman spokesperson chairman chairwoman chief director commissioner ambassador
envoy speaker premier deputy former acting ceo president-elect billionaire tycoon magnate mogul manager coach officer
detective inspector superintendent pastor reverend rev cardinal bishop rabbi imam mallam alhaji attorney lawyer
analyst reporter correspondent photographer actor actress singer rapper`.split(/\s+/),
)

/** A name's words, lower case, without accents or hyphens, spelled alike: "François Hollande", "Francois Hollande" are one key. */
const nameKey = (name: string): string => {
  let key = nameKeys.get(name)
  if (key === undefined) {
    // Every render of a story asks for the keys of its names again: they are kept, up to a bound.
    if (nameKeys.size >= 50_000) nameKeys.clear()
    nameKeys.set(name, (key = spelledAlike(name.toLowerCase()).replace(/[-‐\s]+/g, " ").trim()))
  }
  return key
}
const nameKeys = new Map<string, string>()

const plainWord = (word: string): string => (word.endsWith(".") ? word.slice(0, -1) : word).toLowerCase()

/** A name of one word, or of two of which the first is no title, is a name as written: most names are. */
const asWritten = (form: string): boolean => {
  const space = form.indexOf(" ")
  return space < 0 || (form.indexOf(" ", space + 1) < 0 && !DESCRIPTORS.has(plainWord(form.slice(0, space))))
}

/**
 * The people of a story named without the words around a name that describe them ("Billionaire Elon Musk",
 * "Manager Bob Quinn", "Sheriff Lombardo" when the story names Joseph Lombardo, "Steve Mollenkopf Photographer").
 * A listed descriptor before a name of two words or more is dropped, and before a lone word only when the story
 * names someone of that surname. Any other word before or after a name is dropped only when the story writes it in
 * lower case too (a common word, not a first name) and what is left is a name the story gives someone. A function word
 * ("With Edvard Pettersson") or an organisation of the story before a name of two words or more is dropped too.
 */
export const describedPeople = (sources: readonly Source[]): ((s: Source) => readonly Entity[]) => {
  // The story's names and surnames are asked about for few names (a title before them, or three words or more):
  // gathered when first asked.
  let known: { readonly forms: ReadonlySet<string>; readonly surnames: ReadonlySet<string> } | null = null
  const story = (): NonNullable<typeof known> => {
    if (known !== null) return known
    const forms = new Set<string>()
    const surnames = new Set<string>()
    for (const s of sources) {
      const own = perArticle(s, "person keys", () => {
        const keys = [...new Set(s.people.flatMap((e) => [e.name, ...e.forms].map(nameKey)))]
        const lastNames = keys.flatMap((key) => {
          const tokens = key.split(" ")
          return tokens.length > 1 && !DESCRIPTORS.has(tokens[0]!.replace(/\.$/, "")) ? [tokens[tokens.length - 1]!] : []
        })
        return { keys, lastNames }
      })
      for (const key of own.keys) forms.add(key)
      for (const name of own.lastNames) surnames.add(name)
    }
    return (known = { forms, surnames })
  }
  const writtenLower = (word: string): boolean => writtenInLowerCase(sources, word)
  // Asked of few names (three words or more, none of them a title): worked out when first asked.
  let organisations: ReadonlySet<string> | null = null
  let organisationWords: ReadonlySet<string> | null = null
  const organisation = (words: readonly string[]): boolean => {
    organisations ??= new Set(sources.flatMap((s) => s.organisations.flatMap((e) => [e.name, ...e.forms].map(nameKey))))
    return organisations.has(nameKey(words.join(" ")))
  }
  const organisationWord = (word: string): boolean => {
    organisationWords ??= new Set(sources.flatMap((s) => s.organisations.flatMap((e) => [e.name, ...e.forms].flatMap((f) => nameKey(f).split(" ")))))
    return organisationWords.has(nameKey(word))
  }
  const named = (words: readonly string[]): boolean => words.length >= 2 && story().forms.has(nameKey(words.join(" ")))
  const renamed = new Map<string, string>()
  const bare = (form: string): string => {
    if (asWritten(form)) return form
    let done = renamed.get(form)
    if (done !== undefined) return done
    let words = form.split(/\s+/).filter((w) => w.length > 0)
    let start = 0
    while (start < words.length - 1 && DESCRIPTORS.has(plainWord(words[start]!))) start++
    const rest = words.slice(start)
    if (start > 0 && (rest.length >= 2 || story().surnames.has(nameKey(rest[0]!)))) words = rest
    else if (words.length >= 3 && (STOPWORDS.has(plainWord(words[0]!)) || (named(words.slice(1)) && writtenLower(plainWord(words[0]!))))) words = words.slice(1)
    // A photo credit or an outlet run into a caption's name: "AP Brynjar Gunnarsson", "Equifax Richard Smith".
    else if (words.length >= 3 && (organisation(words.slice(0, 1)) || (named(words.slice(1)) && organisationWord(words[0]!)))) words = words.slice(1)
    else if (words.length >= 4 && organisation(words.slice(0, 2))) words = words.slice(2)
    if (words.length >= 3 && named(words.slice(0, -1)) && (DESCRIPTORS.has(plainWord(words[words.length - 1]!)) || writtenLower(plainWord(words[words.length - 1]!))))
      words = words.slice(0, -1)
    renamed.set(form, (done = words.join(" ")))
    return done
  }
  const described = (e: Entity): Entity => {
    const name = bare(e.name)
    const forms = e.forms.map(bare)
    return name === e.name && forms.every((f, i) => f === e.forms[i]) ? e : { ...e, name, forms }
  }
  return (s) => (perArticle(s, "people as written", () => s.people.every((e) => asWritten(e.name) && e.forms.every(asWritten))) ? s.people : s.people.map(described))
}

const NOT_INITIALS = new Set(["of", "the", "and", "for", "de", "du", "la", "le", "on", "in", "&"])

/** The initials of a name of two words or more ("Associated Press": AP, "International Committee of the Red Cross": ICRC). */
const initialsOf = (name: string): string | null => {
  if (!name.includes(" ")) return null
  let known = initialsOfName.get(name)
  if (known === undefined) {
    if (initialsOfName.size >= 50_000) initialsOfName.clear()
    const words = tokensOf(name).filter((w) => !NOT_INITIALS.has(w))
    initialsOfName.set(name, (known = words.length < 2 || !words.every((w) => /^\p{Lu}/u.test(w)) ? "" : words.map((w) => w[0]!).join("")))
  }
  return known === "" ? null : known
}
const initialsOfName = new Map<string, string>()

const ACRONYM = /^\p{Lu}{2,6}$/u

/**
 * An organisation's acronym and its name in full are one organisation ("AP" and "Associated Press", "ICIJ" and
 * "International Consortium of Investigative Journalists"), when the story has one full name of those initials.
 * Empties the cluster it joins to another.
 */
const joinAcronyms = (clusters: string[][]): void => {
  const acronyms = new Set<string>()
  for (const forms of clusters) for (const f of forms) if (f.length <= 6 && ACRONYM.test(f)) acronyms.add(f)
  if (acronyms.size === 0) return
  const byInitials = new Map<string, Set<number>>()
  clusters.forEach((forms, i) => {
    for (const f of forms) {
      const initials = initialsOf(f)
      if (initials !== null && acronyms.has(initials)) (byInitials.get(initials) ?? byInitials.set(initials, new Set()).get(initials)!).add(i)
    }
  })
  if (byInitials.size === 0) return
  clusters.forEach((forms, i) => {
    const own = new Set(forms.filter((f) => ACRONYM.test(f)))
    if (own.size !== 1) return
    const full = [...(byInitials.get([...own][0]!) ?? [])].filter((j) => j !== i && clusters[j]!.length > 0)
    if (full.length !== 1) return
    clusters[full[0]!]!.push(...forms)
    clusters[i] = []
  })
}

const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/**
 * Whether the last word of a name is a word the sources put after it rather than part of it: they write it after the
 * name ("Tass News agency", "TASS news agency", "TAAS news agency") in lower case at least as often as capitalised.
 * "ABC News" stays whole: two sources write it so, one writes "ABC news channel".
 */
const describesName = (bareForms: readonly string[], word: string, sources: readonly Source[]): boolean => {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${bareForms.map(escaped).join("|")})\\s+(${escaped(word)})(?![\\p{L}\\p{N}])`, "giu")
  let capitalised = 0
  let lower = 0
  for (const s of sources) {
    // The same name is asked about on every render of its story: each article's count is kept with it.
    const [c, l] = perArticle(s, `writings ${pattern.source}`, () => {
      const counts: [number, number] = [0, 0]
      for (const m of s.body.matchAll(pattern)) counts[/^\p{Lu}/u.test(m[1]!) ? 0 : 1]++
      return counts
    })
    capitalised += c
    lower += l
  }
  return lower > 0 && lower >= capitalised
}

/**
 * An organisation's name as the sources write it: of its writings alike but for capitals, accents and hyphens, the
 * one most sources use (then the most mentions), written as most of them write it ("TASS", not "Tass"). A trailing
 * word the sources use to describe the name ("news" of "TASS news agency") is not part of it when the bare name is
 * written too: "Tass News" is a writing of TASS.
 */
const commonestName = (
  forms: readonly string[],
  found: ReadonlyMap<string, { readonly sources: ReadonlySet<string>; readonly count: number }>,
  sources: readonly Source[],
): string => {
  if (forms.length === 1) return forms[0]!
  const keys = new Set(forms.map(nameKey))
  const writtenAs = new Map<string, string>()
  for (const f of forms) {
    const tokens = tokensOf(f)
    const stem = tokens.slice(0, -1).join(" ")
    if (tokens.length < 2 || !keys.has(nameKey(stem))) continue
    const bare = forms.filter((g) => tokensOf(g).length === tokens.length - 1)
    if (describesName(bare, tokens[tokens.length - 1]!, sources)) writtenAs.set(f, stem)
  }
  const groups = new Map<string, string[]>()
  for (const f of forms) listIn(groups, nameKey(writtenAs.get(f) ?? f)).push(f)
  const ranked = [...groups.values()].map((group) => {
    const attested = group.filter((f) => !writtenAs.has(f))
    const display = (attested.length > 0 ? attested : group).sort(
      // As many write it without its accents as with them: with them, as its own language does.
      (a, b) => found.get(b)!.sources.size - found.get(a)!.sources.size || found.get(b)!.count - found.get(a)!.count || Number(isAscii(a)) - Number(isAscii(b)) || byString(a, b),
    )[0]!
    return {
      display,
      sources: new Set(group.flatMap((f) => [...found.get(f)!.sources])).size,
      count: group.reduce((sum, f) => sum + found.get(f)!.count, 0),
    }
  })
  return ranked.sort(
    (a, b) => b.sources - a.sources || tokensOf(b.display).length - tokensOf(a.display).length || b.count - a.count || byString(a.display, b.display),
  )[0]!.display
}

/** A list's entity forms as `mergeEntities` reads them: each distinct form spaced plainly, with its entity's count if it is the name. */
interface CleanForm {
  readonly clean: string
  readonly count: number | null
  /** The form as a body is searched for it (see `mentionedIn`): its letters and digits, spaced, between spaces. */
  readonly needle: string
}

// An extraction's entity lists are never changed, and a story's report is rendered again with each new member: each
// list's forms are cleaned once, and kept while the list lives.
const cleanFormsOfList = new WeakMap<readonly Entity[], readonly CleanForm[]>()

const cleanForms = (entities: readonly Entity[]): readonly CleanForm[] => {
  let forms = cleanFormsOfList.get(entities)
  if (forms === undefined) {
    const out: CleanForm[] = []
    for (const e of entities)
      for (const form of new Set([e.name, ...e.forms])) {
        const clean = form.replace(/\s+/g, " ").trim()
        if (clean.length >= 2) out.push({ clean, count: form === e.name ? e.count : null, needle: ` ${clean.replace(/[^\p{L}\p{N}]+/gu, " ").trim()} ` })
      }
    cleanFormsOfList.set(entities, (forms = out))
  }
  return forms
}

/** Merges the extracted entities of all articles: spellings, initials and bare surnames join the fullest name. */
export const mergeEntities = (
  sources: readonly Source[],
  pick: (s: Source) => readonly Entity[],
  variants: readonly SpellingVariant[],
  /** People are named by their fullest name; organisations by the name most sources use. */
  prefer: "fullest" | "commonest" = "fullest",
): MergedEntity[] => {
  const pairs = new Set(variants.map((v) => [v.forms[0]!.form.toLowerCase(), v.forms[1]!.form.toLowerCase()].sort(byString).join("|")))
  const variantOf = (x: string, y: string): boolean => pairs.size > 0 && pairs.has(x <= y ? `${x}|${y}` : `${y}|${x}`)
  const found = new Map<string, { sources: Set<string>; count: number; needle: string }>()
  for (const src of sources)
    for (const { clean, count, needle } of cleanForms(pick(src))) {
      let f = found.get(clean)
      if (f === undefined) found.set(clean, (f = { sources: new Set(), count: 0, needle }))
      f.sources.add(src.articleId)
      if (count !== null) f.count += count
    }
  // Each form's words are counted once (the sorts below compare them again and again).
  const tokenCounts = new Map<string, number>()
  const tokenCount = (form: string): number => {
    let count = tokenCounts.get(form)
    if (count === undefined) tokenCounts.set(form, (count = tokensOf(form).length))
    return count
  }
  // Fuller names first, so bare surnames join them rather than the reverse.
  const forms = [...found.keys()].sort((a, b) => tokenCount(b) - tokenCount(a) || found.get(b)!.sources.size - found.get(a)!.sources.size || byString(a, b))
  const clusters: string[][] = []
  // Every form is compared with every cluster: its tokens are split once.
  const tokenCache = new Map<string, readonly string[]>()
  const lowerTokens = (name: string): readonly string[] => {
    let tokens = tokenCache.get(name)
    if (tokens === undefined) tokenCache.set(name, (tokens = tokensOf(name.toLowerCase())))
    return tokens
  }
  // Two names are compatible only when their first or their last words are the same or known variants: clusters are found
  // by those words instead of trying every one.
  const partners = new Map<string, string[]>()
  for (const v of variants) {
    const [a, b] = [v.forms[0]!.form.toLowerCase(), v.forms[1]!.form.toLowerCase()]
    listIn(partners, a).push(b)
    listIn(partners, b).push(a)
  }
  const clustersBy = new Map<string, number[]>()
  // Names written alike but for accents, hyphens and capitals ("Kim Jong Un", "Kim Jong-Un") are one name.
  const clusterOfKey = new Map<string, number>()
  const addCluster = (form: string): void => {
    clusterOfKey.set(nameKey(form), clusters.length)
    const tokens = lowerTokens(form)
    for (const word of new Set([tokens[0], tokens[tokens.length - 1]])) if (word !== undefined) listIn(clustersBy, word).push(clusters.length)
    clusters.push([form])
  }
  const maybeCompatible = (form: string): string[][] => {
    const tokens = lowerTokens(form)
    const words = [tokens[0], tokens[tokens.length - 1]].filter((w) => w !== undefined)
    const indices = new Set(words.flatMap((w) => [w, ...(partners.get(w) ?? [])]).flatMap((w) => clustersBy.get(w) ?? []))
    return [...indices].sort((x, y) => x - y).map((i) => clusters[i]!)
  }
  for (const form of forms) {
    const same = clusterOfKey.get(nameKey(form))
    if (same !== undefined) {
      clusters[same]!.push(form)
      continue
    }
    const candidates = maybeCompatible(form).filter((c) => compatible(c[0]!, form, variantOf, lowerTokens, prefer === "commonest"))
    if (candidates.length === 0 || tokenCount(form) > 1 && candidates.length > 1) addCluster(form)
    else {
      // A bare surname two people share goes to the one more sources name: news says "Biden" for the president.
      const reach = (c: string[]): number => new Set(c.flatMap((f) => [...found.get(f)!.sources])).size
      const weight = (c: string[]): number => c.reduce((sum, f) => sum + found.get(f)!.count, 0)
      candidates.sort((x, y) => reach(y) - reach(x) || weight(y) - weight(x) || byString(x[0]!, y[0]!))[0]!.push(form)
    }
  }
  if (prefer === "commonest") joinAcronyms(clusters)
  const order = sourceOrder(sources)
  // Extraction can miss a mention an article plainly makes: a known spelling in its body counts too.
  const bodies = sources.map((s) =>
    perArticle(s, "body words", () => {
      // On plain text (see `plainText`) the same classes without the Unicode tables.
      const body = ` ${plainText(s.body) ? s.body.replace(/[^A-Za-z0-9]+/g, " ") : s.body.replace(/[^\p{L}\p{N}]+/gu, " ")} `
      // Which names the body holds, as asked: a story's report is rendered again with each new member, asking again.
      return { articleId: s.articleId, body, words: new Set(body.split(" ")), holds: new Map<string, boolean>() }
    }),
  )
  const mentionedIn = (form: string): string[] => {
    const { needle } = found.get(form)!
    // A body holds the name only if it holds its first word as a word: most bodies are ruled out without a scan.
    const first = needle.slice(1, needle.indexOf(" ", 1))
    const holds = (b: (typeof bodies)[number]): boolean => {
      if (!b.words.has(first)) return false
      let known = b.holds.get(needle)
      if (known === undefined) b.holds.set(needle, (known = b.body.includes(needle)))
      return known
    }
    return bodies.filter(holds).map((b) => b.articleId)
  }
  return clusters
    .filter((forms) => forms.length > 0)
    .map((forms) => {
      const sourcesOf = new Set(forms.flatMap((f) => [...found.get(f)!.sources, ...(f.length >= 4 ? mentionedIn(f) : [])]))
      const longest = Math.max(...forms.map(tokenCount))
      const name =
        prefer === "commonest"
          ? commonestName(forms, found, sources)
          : forms
              .filter((f) => tokenCount(f) === longest)
              .sort(
                (a, b) =>
                  found.get(b)!.sources.size - found.get(a)!.sources.size ||
                  tokenCount(b) - tokenCount(a) ||
                  found.get(b)!.count - found.get(a)!.count ||
                  byString(a, b),
              )[0]!
      return {
        name,
        variants: forms.filter((f) => f !== name).sort(byString),
        sources: [...sourcesOf].sort((a, b) => order.get(a)! - order.get(b)!),
        mentions: forms.reduce((sum, f) => sum + found.get(f)!.count, 0),
      }
    })
    .sort((a, b) => b.sources.length - a.sources.length || b.mentions - a.mentions || byString(a.name, b.name))
}

/**
 * The people a report lists: a name of one word that no source writes with a first name, and that is a word of an
 * organisation's or a place's name in the story ("Kennedy" of "Kennedy Space Center", "Tesla" of "Tesla Motors"), is
 * that organisation or place, not a person: extraction reads a lone capitalised word by its lexicon.
 */
export const listedPeople = (people: readonly MergedEntity[], sources: readonly Source[]): MergedEntity[] => {
  // Each article's words of names are gathered once (a report is rendered again with every new member).
  const ownNameWords = sources.map((s) =>
    perArticle(s, "words of names", () =>
      new Set([...s.organisations, ...s.places].flatMap((e) => [e.name, ...e.forms].filter((f) => tokensOf(f).length > 1).flatMap((f) => tokensOf(f.toLowerCase())))),
    ),
  )
  const isNameWord = (word: string): boolean => ownNameWords.some((words) => words.has(word))
  // A word the sources also write in lower case is a common word ("the moon", "under his command"), not a name; nor is
  // a word that names a body of state written alone ("the Cabinet met", "Central Command said").
  return people.filter((p) => {
    if (tokensOf(p.name).length > 1) return true
    const word = p.name.toLowerCase()
    return !INSTITUTIONS.has(word) && !isNameWord(word) && (word === p.name || !writtenInLowerCase(sources, word))
  })
}

/**
 * Words for a body of state or an institution, which extraction's lexicon reads as a person when one stands alone and
 * capitalised ("the Cabinet approved", "Command confirmed the strike"): alone, never a person's name.
 */
const INSTITUTIONS: ReadonlySet<string> = new Set([
  "administration", "agency", "army", "assembly", "bureau", "cabinet", "command", "commission", "committee", "congress",
  "council", "court", "department", "directorate", "embassy", "government", "headquarters", "kremlin", "legislature",
  "military", "ministry", "navy", "parliament", "pentagon", "police", "presidency", "secretariat", "senate", "tribunal",
])
