import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { packUint16, packUint8, upcastAndParse, type RecordedEvent, type StoryAssigned } from "@wiredesk/core"
import { decideDedupe, evolveDedupe, initialDedupeState, type DedupeEvent } from "./dedupe.js"
import { desk, extracted, fixtureArticle, recorded, seedArticles, snapshot } from "./dedupe.fixtures.js"
import { analyze, copySignatureOf, decodeFeatures, encodeFeatures, featuresOf, recordedSignature, sentencesFor } from "./features.js"
import { compactSignature, estimateJaccard, minhash, shingleHashes } from "./minhash.js"
import { foldedWords, sentencesOf, tokenize } from "./text.js"

const assigned = (events: readonly DedupeEvent[]) => events.find((e): e is StoryAssigned => e.type === "StoryAssigned.v3")
const unrelated = ["rihanna-cousin", "angola-satellite", "israel-teen-indicted", "erie-snow-abc"]

describe("when the five seed articles arrive with nothing before them", () => {
  const stage = desk()
  const decisions = seedArticles().map((a) => stage.process(a))

  it("puts them in one story", () => {
    expect(new Set(stage.state.storyOf.values()).size).toBe(1)
    expect(decisions.map((d) => assigned(d)?.data.opened)).toEqual([true, false, false, false, false])
  })

  it("finds no copies among these rewrites", () => {
    expect(decisions.flat().filter((e) => e.type === "CopyDetected.v1")).toEqual([])
  })
})

describe("when an outlet republishes an agency story with a new headline and a paragraph dropped", () => {
  const original = fixtureArticle("erie-snow-abc")
  const copy = fixtureArticle("erie-snow-edited-copy")
  const stage = desk()
  stage.process(original)
  const events = stage.process(copy)

  it("records CopyDetected first, naming the original and the changed sentences", () => {
    const dropped = sentencesOf(original.body.split("\n\n")[3] ?? "")
    expect(dropped.length).toBeGreaterThan(0)
    expect(events[0]).toMatchObject({
      type: "CopyDetected.v1",
      data: { articleId: copy.articleId, originalId: original.articleId, added: [copy.title], removed: [original.title, ...dropped] },
    })
    expect(events[0]?.type === "CopyDetected.v1" && events[0].data.similarity).toBeGreaterThan(0.5)
  })

  it("puts the copy in the original's story", () => {
    expect(assigned(events)?.data).toMatchObject({ storyId: stage.state.storyOf.get(original.articleId), opened: false })
  })
})

describe("when another outlet carries the same agency story with its own edits", () => {
  it("is a copy of the first", () => {
    const stage = desk()
    stage.process(fixtureArticle("erie-snow-abc"))
    const events = stage.process(fixtureArticle("erie-snow-nytimes"))
    expect(events[0]).toMatchObject({ type: "CopyDetected.v1", data: { originalId: fixtureArticle("erie-snow-abc").articleId } })
  })
})

describe("when a report arrives whose saved page is mostly the site's menus, under the story's headline", () => {
  // What a crawler often saves of a page: the headline right, the text a site's navigation and course listings, in its
  // header, sidebar and footer, repeated down the page.
  const menu = [
    "Free test series: subscribe to updates. Insights prelims test series, offline classroom programme and monthly magazines.",
    "Categories: mains self study guide, integrated strategy, prelims answer key, revision plan, essay writing, ethics case studies.",
    "Current affairs quiz, editorial analysis, daily mains answer writing, optional subjects: geography, sociology, anthropology, philosophy.",
    "Toppers' interviews, motivation, mentorship programme, previous papers, syllabus, downloads, contact, careers, privacy, disclaimer.",
  ]
  const chrome = Array.from({ length: 8 }, () => menu).flat().join("\n\n")

  it("joins the story its headline names", () => {
    const stage = desk()
    const report = fixtureArticle("angola-satellite")
    stage.process(report)
    const page = { ...report, articleId: "menu-page", title: "Russian experts regain control of Angola's first satellite", body: chrome, wordCount: chrome.split(/\s+/).length }
    expect(assigned(stage.process(page))?.data).toMatchObject({ storyId: stage.state.storyOf.get(report.articleId), opened: false })
  })
})

describe("when unrelated real articles arrive", () => {
  it("opens a story for each and finds no copies", () => {
    const stage = desk()
    const events = unrelated.map((name) => stage.process(fixtureArticle(name)))
    expect(events.map((e) => e.map((x) => x.type))).toEqual(unrelated.map(() => ["StoryAssigned.v3"]))
    expect(events.every((e) => assigned(e)?.data.opened)).toBe(true)
    expect(new Set(stage.state.storyOf.values()).size).toBe(unrelated.length)
  })
})

describe("when the index holds only a window of the most recent articles", () => {
  // Window 4: the seed story, then four unrelated articles push the seeds out; a sixth seed report comes late.
  const [first, ...later] = seedArticles()
  const late = later.pop()!
  const others = unrelated.map((name) => fixtureArticle(name))

  it("holds at most the window, the most recently decided, and closes a story with none of them", () => {
    const stage = desk(initialDedupeState(4))
    for (const a of [first!, ...later]) stage.process(a)
    const seedStory = stage.state.storyOf.get(first!.articleId)!
    for (const a of others) stage.process(a)
    expect([...stage.state.articles.keys()]).toEqual(others.map((a) => a.articleId))
    expect(stage.state.stories.has(seedStory)).toBe(false)
    expect(stage.state.documents).toBe(4)
    // What the window forgot, a late report of the seed story no longer finds: it opens a story.
    expect(assigned(stage.process(late))?.data.opened).toBe(true)
  })

  it("keeps nothing of the articles that left it but a story number: what it holds does not grow with what it has seen", () => {
    const stage = desk(initialDedupeState(4))
    for (const a of [first!, ...later]) stage.process(a)
    const seedStory = stage.state.storyOf.get(first!.articleId)!
    for (const a of others) stage.process(a)
    expect(stage.state.processed.size).toBe(4)
    expect([...stage.state.storyOf.keys()].sort()).toEqual(others.map((a) => a.articleId).sort())
    expect(stage.state.storyNumbers.has(seedStory)).toBe(false)
    expect(stage.state.storyNames).not.toContain(seedStory)
  })

  it("decides within the window as an unbounded index does", () => {
    const bounded = desk(initialDedupeState(4))
    const unbounded = desk(initialDedupeState(Number.POSITIVE_INFINITY))
    for (const a of [first!, ...later, late]) expect(bounded.process(a)).toEqual(unbounded.process(a))
  })

  it("folds back from its events to the state it was built into", () => {
    const stage = desk(initialDedupeState(4))
    for (const a of [first!, ...later, ...others, late]) stage.process(a)
    expect(snapshot(stage.log.reduce(evolveDedupe, initialDedupeState(4)))).toEqual(snapshot(stage.state))
  })
})

describe("when the same extraction is decided twice", () => {
  it("records nothing the second time", () => {
    const stage = desk()
    const article = fixtureArticle("rihanna-cousin")
    stage.process(article, "extracted-1")
    expect(decideDedupe(stage.state, { causationId: "extracted-1", article })).toEqual([])
  })
})

describe("when an article is extracted again", () => {
  it("is decided again and replaces its old features instead of counting twice", () => {
    const stage = desk()
    stage.process(fixtureArticle("angola-satellite"))
    const article = fixtureArticle("rihanna-cousin")
    stage.process(article, "extracted-1")
    const before = snapshot(stage.state)
    const events = stage.process(article, "extracted-2")
    expect(assigned(events)?.data).toMatchObject({ articleId: article.articleId, storyId: before.storyOf.find(([id]) => id === article.articleId)?.[1] })
    expect(events.some((e) => e.type === "CopyDetected.v1")).toBe(false)
    const after = snapshot(stage.state)
    expect(after.documents).toBe(before.documents)
    const termsKept = [...stage.state.articles.values()].reduce((n, a) => n + a.terms.length, 0)
    expect(after.df.reduce((n, [, df]) => n + df, 0)).toBe(termsKept)
    expect(after.stories.flatMap((s) => s.members).sort()).toEqual(before.stories.flatMap((s) => s.members).sort())
  })
})

describe("when the same articles arrive in the same order", () => {
  it("decides the same events", () => {
    const articles = [...seedArticles(), ...unrelated.map(fixtureArticle), fixtureArticle("erie-snow-edited-copy")]
    const first = desk()
    const second = desk()
    expect(articles.map((a) => first.process(a))).toEqual(articles.map((a) => second.process(a)))
  })
})

describe("when a report of the same event arrives fourteen months after the story's last one", () => {
  const [first, , , close, loose] = seedArticles()
  if (first === undefined || close === undefined || loose === undefined) throw new Error("seed fixtures missing")
  const late = (a: typeof first) => ({ ...a, publishedAt: "2021-03-01" })
  const decide = (later: typeof first) => {
    const stage = desk()
    stage.process({ ...first, publishedAt: "2020-01-01" })
    return { stage, events: stage.process(late(later)) }
  }

  it("continues the story when it reads like one of the story's reports, whatever the gap", () => {
    const { stage, events } = decide(close)
    expect(assigned(events)?.data.opened).toBe(false)
    expect(new Set(stage.state.storyOf.values()).size).toBe(1)
  })

  it("opens a story of its own when it is only a looser rewrite: the gap counts against it", () => {
    const { stage, events } = decide(loose)
    expect(assigned(events)?.data.opened).toBe(true)
    // The same two articles a day apart are one story.
    const near = desk()
    near.process({ ...first, publishedAt: "2020-01-01" })
    expect(assigned(near.process({ ...loose, publishedAt: "2020-01-02" }))?.data.opened).toBe(false)
    expect(new Set(stage.state.storyOf.values()).size).toBe(2)
  })
})

describe("when a German report follows an English one of the same election", () => {
  const english = fixtureArticle("orban-election-en")
  const german = fixtureArticle("orban-election-de")

  it("joins the English report's story, though they share only names, numbers and places", () => {
    const stage = desk()
    stage.process(english)
    expect(assigned(stage.process(german))?.data).toMatchObject({ opened: false, storyId: stage.state.storyOf.get(english.articleId) })
  })

  it("stays apart from unrelated English articles", () => {
    const stage = desk()
    for (const name of unrelated) stage.process({ ...fixtureArticle(name), language: "en" })
    expect(assigned(stage.process(german))?.data.opened).toBe(true)
  })
})

describe("when a short report shares one word and nothing else with an earlier one", () => {
  it("opens a story of its own, in another language as in its own (a German prison and an Australian contractor, both NRW)", () => {
    for (const language of ["en", "de"]) {
      const stage = desk()
      stage.process(fixtureArticle("nrw-prison-rules-de"))
      expect(assigned(stage.process({ ...fixtureArticle("nrw-holdings-en"), language }))?.data.opened).toBe(true)
    }
  })
})

describe("when an article links two stories strongly", () => {
  const [a, b, c] = seedArticles()
  if (a === undefined || b === undefined || c === undefined) throw new Error("seed fixtures missing")
  // Given two seeds recorded in separate stories (decided each on its own),
  const stage = desk()
  for (const [article, n] of [[a, 1], [b, 2]] as const) {
    const causationId = `extracted-${article.articleId}`
    for (const e of recorded(decideDedupe(initialDedupeState(), { causationId, article }), causationId, stage.log.length)) {
      stage.log.push(e)
      evolveDedupe(stage.state, e)
    }
    expect(stage.state.stories.size).toBe(n)
  }
  const older = stage.state.storyOf.get(a.articleId)
  const newer = stage.state.storyOf.get(b.articleId)
  const events = stage.process(c)

  it("merges the newer story into the older one", () => {
    expect(events.filter((e) => e.type === "StoriesMerged.v1")).toEqual([
      { type: "StoriesMerged.v1", data: { from: newer, into: older, articleId: c.articleId, score: expect.any(Number) } },
    ])
    expect(new Set(stage.state.storyOf.values())).toEqual(new Set([older]))
  })
})

describe("when the recorded events are folded again from zero", () => {
  const pool = [...seedArticles(), ...unrelated.map(fixtureArticle), fixtureArticle("erie-snow-edited-copy"), fixtureArticle("erie-snow-nytimes")]

  it("gives the state that was built incrementally, whatever the order", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(pool, { minLength: 1 }), fc.array(fc.nat(pool.length - 1), { maxLength: 2 }), (order, again) => {
        const stage = desk()
        order.forEach((article) => stage.process(article))
        again.forEach((i, n) => {
          const article = order[i % order.length]
          if (article !== undefined) stage.process(article, `re-extracted-${n}-${article.articleId}`)
        })
        const rebuilt = stage.log.reduce(evolveDedupe, initialDedupeState())
        expect(snapshot(rebuilt)).toEqual(snapshot(stage.state))
        const next = fixtureArticle("erie-snow-abc")
        expect(decideDedupe(rebuilt, { causationId: "next", article: next })).toEqual(decideDedupe(stage.state, { causationId: "next", article: next }))
      }),
      { numRuns: 25, seed: 42 },
    )
  })

  it("ignores events at or below the checkpoint", () => {
    const stage = desk()
    pool.slice(0, 3).forEach((a) => stage.process(a))
    const before = snapshot(stage.state)
    stage.log.forEach((e) => evolveDedupe(stage.state, e))
    expect(snapshot(stage.state)).toEqual(before)
  })
})

describe("the features an article leaves in the index", () => {
  const names = ["erie-snow-abc", "rihanna-cousin", "angola-satellite", "israel-teen-indicted"]

  it("take under a kilobyte of JSON with the rest of StoryAssigned", () => {
    const stage = desk()
    for (const name of names) expect(JSON.stringify(assigned(stage.process(fixtureArticle(name)))?.data).length).toBeLessThan(1024)
  })

  it("record no copy signature: neither MinHash nor sentence hashes", () => {
    const stage = desk()
    for (const name of names) expect(Object.keys(assigned(stage.process(fixtureArticle(name)))?.data.features ?? {}).sort()).toEqual(["language", "publishedOn", "terms", "titleTerms"])
  })

  it("decode, with the signature derived from the article's headline and body, to exactly what the decision used", () => {
    for (const name of [...names, "orban-election-de"]) {
      const article = fixtureArticle(name)
      const analysis = analyze(article)
      const features = featuresOf(article, analysis, (term, tf) => tf * term.length)
      expect(decodeFeatures(encodeFeatures(features), copySignatureOf(article))).toEqual(features)
    }
  })

  it("read every recorded term entry as its grammar says (^ headline, * name, :tf), even entries no encoder writes", () => {
    // The grammar of an entry, as a pattern: an entry it does not match is an empty term of frequency 1.
    const grammar = /^(?<title>\^)?(?<name>\*)?(?<term>[^:]+)(?::(?<tf>\d+))?$/
    const entry = fc.stringMatching(/^[\^*]{0,2}[a-z0-9:^*]{0,6}(:\d{1,3})?$/)
    fc.assert(
      fc.property(fc.array(entry.filter((e) => e.length > 0 && !e.includes(" ")), { maxLength: 8 }), (entries) => {
        const expected = { terms: [] as [string, number][], titleTerms: [] as string[], names: [] as string[] }
        for (const e of entries) {
          const { title, name, term = "", tf } = grammar.exec(e)?.groups ?? {}
          if (title !== undefined) expected.titleTerms.push(term)
          if (name !== undefined) expected.names.push(term)
          expected.terms.push([term, tf === undefined ? 1 : Number(tf)])
        }
        const decoded = decodeFeatures({ terms: entries.join(" "), titleTerms: "", publishedOn: null, language: null }, copySignatureOf({ title: null, body: "" }))
        expect({ terms: decoded.terms, titleTerms: decoded.titleTerms, names: decoded.names }).toEqual(expected)
      }),
      { numRuns: 500, seed: 11 },
    )
  })
})

describe("the copy signature the fold derives from an article's extraction", () => {
  it("is the one its decision was made with, for every article of a decided sequence folded again from zero", () => {
    const stage = desk()
    const articles = ["erie-snow-abc", "erie-snow-edited-copy", "erie-snow-nytimes", "orban-election-de", "orban-election-en", "rihanna-cousin"].map(fixtureArticle)
    articles.forEach((article) => stage.process(article))
    // A fresh state has made no decisions: it derives every signature from the extractions in the log.
    const rebuilt = stage.log.reduce(evolveDedupe, initialDedupeState())
    for (const article of articles) {
      const decided = featuresOf(article, analyze(article), () => 1)
      const entry = rebuilt.articles.get(article.articleId)
      expect(entry?.minhash).toEqual(decided.minhash)
      expect(entry?.sentenceKeys).toEqual(decided.sentences)
      expect(entry?.minhash.length).toBe(128)
    }
  })
})

describe("when more than 20,000 extractions wait undecided before the original's decision is folded", () => {
  const original = fixtureArticle("erie-snow-abc")
  const copy = fixtureArticle("erie-snow-edited-copy")
  // Given the original's extraction, then 20,000 more, so its headline and body leave the fold's text window,
  const stage = desk()
  const causationId = `extracted-${original.articleId}`
  const fold = (e: RecordedEvent) => {
    stage.log.push(e)
    evolveDedupe(stage.state, e)
  }
  fold(extracted(original, causationId, 1))
  for (let i = 0; i < 20_000; i++) fold(extracted({ ...original, articleId: `filler-${i}`, title: null, body: `filler ${i}` }, `extracted-filler-${i}`, stage.log.length + 1))
  for (const e of recorded(decideDedupe(initialDedupeState(), { causationId, article: original }), causationId, stage.log.length)) fold(e)
  const events = stage.process(copy)

  it("indexes the original with the signature derived before its text went", () =>
    expect(stage.state.articles.get(original.articleId)?.minhash).toEqual(copySignatureOf(original).minhash))

  it("still finds the copy, and names the sentences it added from the original's sentence hashes", () =>
    expect(events[0]).toMatchObject({ type: "CopyDetected.v1", data: { originalId: original.articleId, added: [copy.title], removed: [] } }))
})

describe("when a decision is folded without the extraction it was decided on", () => {
  const original = fixtureArticle("erie-snow-abc")
  // Given the original's decision, and no ArticleExtracted event for it in the log,
  const stage = desk()
  const causationId = `extracted-${original.articleId}`
  for (const e of recorded(decideDedupe(initialDedupeState(), { causationId, article: original }), causationId, 0)) {
    stage.log.push(e)
    evolveDedupe(stage.state, e)
  }

  it("indexes the article in its story by its terms, with no copy signature", () => {
    expect(stage.state.storyOf.get(original.articleId)).toBeDefined()
    expect(stage.state.articles.get(original.articleId)?.minhash).toEqual(new Uint8Array(0))
    expect(stage.state.articles.get(original.articleId)?.sentenceKeys).toEqual(new Uint16Array(0))
  })

  it("still puts a later rewrite of it in its story", () => {
    const events = stage.process(fixtureArticle("erie-snow-nytimes"))
    expect(assigned(events)?.data.storyId).toBe(stage.state.storyOf.get(original.articleId))
  })
})

describe("when a decision is recorded again for the same extraction (a replay correction)", () => {
  const original = fixtureArticle("erie-snow-abc")
  const stage = desk()
  stage.process(original)
  const causationId = `extracted-${original.articleId}`
  const first = stage.log.find((e): e is RecordedEvent<StoryAssigned> => e.type === "StoryAssigned.v3")!
  // Given a correction that moves the article to another story, recorded long after its extraction was folded,
  const correction = { ...first, data: { ...first.data, storyId: "corrected-story" }, meta: { ...first.meta, id: "ev-correction", position: stage.log.length + 1, causationId } }
  stage.log.push(correction)
  evolveDedupe(stage.state, correction)

  it("keeps the copy signature and the text it was decided with", () => {
    expect(stage.state.storyOf.get(original.articleId)).toBe("corrected-story")
    expect(stage.state.articles.get(original.articleId)?.minhash).toEqual(copySignatureOf(original).minhash)
    const events = stage.process(fixtureArticle("erie-snow-edited-copy"))
    expect(events[0]).toMatchObject({ type: "CopyDetected.v1", data: { originalId: original.articleId, removed: expect.arrayContaining([original.title]) } })
  })
})

describe("when the log holds StoryAssigned.v1 events recorded by dedupe@0.2", () => {
  const original = fixtureArticle("erie-snow-abc")
  const analysis = analyze(original)
  const features = featuresOf(original, analysis, (_term, tf) => tf)
  // The v1 shape: the full 32-bit MinHash, term tuples, names, and the sentence texts themselves.
  const v1 = {
    type: "StoryAssigned.v1",
    data: {
      articleId: original.articleId,
      storyId: "2024-01-01-lake-effect-snow",
      opened: true,
      score: 0,
      features: {
        minhash: minhash(shingleHashes(tokenize(original.body).map((t) => t.folded))),
        terms: features.terms.map(([term, tf]) => [term, tf]),
        names: features.names,
        titleTerms: features.titleTerms,
        sentences: sentencesFor(original),
        publishedAt: original.publishedAt,
        language: original.language,
        wordCount: original.wordCount,
      },
    },
  }
  const upcast = upcastAndParse(v1)

  it("reads them as StoryAssigned.v3 with the same features, the copy signature they recorded included", () => {
    expect(upcast.type).toBe("StoryAssigned.v3")
    if (upcast.type === "StoryAssigned.v3") expect(decodeFeatures(upcast.data.features, recordedSignature(upcast.data.features)!)).toEqual(features)
  })

  it("finds a later copy of the old article in its story, naming what the copy removed", () => {
    const stage = desk()
    const causationId = `extracted-${original.articleId}`
    const log = [extracted(original, causationId, 1), { ...upcast, meta: { ...extracted(original, "decided", 2).meta, causationId, stage: "dedupe" } } as RecordedEvent]
    for (const e of log) {
      stage.log.push(e)
      evolveDedupe(stage.state, e)
    }
    const copy = fixtureArticle("erie-snow-edited-copy")
    const events = stage.process(copy)
    expect(events[0]).toMatchObject({ type: "CopyDetected.v1", data: { originalId: original.articleId, removed: expect.arrayContaining([original.title]) } })
    expect(assigned(events)?.data.storyId).toBe("2024-01-01-lake-effect-snow")
  })
})

describe("8-bit MinHash signatures", () => {
  const shingles = (name: string) => shingleHashes(tokenize(fixtureArticle(name).body).map((t) => t.folded))
  const trueJaccard = (a: ArrayLike<number>, b: ArrayLike<number>) => {
    const other = new Set(Array.from(b))
    const shared = new Set(Array.from(a).filter((x) => other.has(x))).size
    return shared / (new Set(Array.from(a)).size + other.size - shared)
  }
  const estimate = (a: ArrayLike<number>, b: ArrayLike<number>) => estimateJaccard(compactSignature(minhash(a)), compactSignature(minhash(b)))

  it("estimate the 5-gram Jaccard of agency copies within 0.1", () => {
    for (const [a, b] of [["erie-snow-abc", "erie-snow-edited-copy"], ["erie-snow-abc", "erie-snow-nytimes"]] as const) {
      const [x, y] = [shingles(a), shingles(b)]
      expect(Math.abs(estimate(x, y) - trueJaccard(x, y))).toBeLessThan(0.1)
    }
  })

  it("put unrelated articles near zero, well below the copy threshold", () => {
    expect(estimate(shingles("rihanna-cousin"), shingles("angola-satellite"))).toBeLessThan(0.1)
    expect(estimate(shingles("erie-snow-abc"), shingles("israel-teen-indicted"))).toBeLessThan(0.1)
  })
})

describe("when the log holds StoryAssigned.v2 events recorded by dedupe@0.4 (with their copy signature)", () => {
  const original = fixtureArticle("erie-snow-abc")
  const causationId = `extracted-${original.articleId}`
  const [v3] = recorded(decideDedupe(initialDedupeState(), { causationId, article: original }).filter((e) => e.type === "StoryAssigned.v3"), causationId, 1) as RecordedEvent<StoryAssigned>[]
  const signature = copySignatureOf(original)
  // The v2 shape: v3's features plus the b-bit MinHash and the sentence hashes, in base64.
  const v2 = { type: "StoryAssigned.v2", data: { ...v3!.data, features: { ...v3!.data.features, minhash: packUint8(signature.minhash), sentences: packUint16(signature.sentences) } } }
  const upcast = { ...upcastAndParse(v2), meta: v3!.meta } as RecordedEvent

  it("reads them as StoryAssigned.v3 keeping the recorded signature", () => {
    expect(upcast.type).toBe("StoryAssigned.v3")
    if (upcast.type === "StoryAssigned.v3") expect(recordedSignature(upcast.data.features)).toEqual(signature)
  })

  it("folds them to the state a v3 log of the same decisions folds to", () => {
    const fromV2 = [extracted(original, causationId, 1), upcast].reduce(evolveDedupe, initialDedupeState())
    const fromV3 = [extracted(original, causationId, 1), v3!].reduce(evolveDedupe, initialDedupeState())
    expect(snapshot(fromV2)).toEqual(snapshot(fromV3))
  })

  it("finds a later copy of the old article from the recorded signature, even with its extraction not folded", () => {
    const stage = desk()
    stage.log.push(upcast)
    evolveDedupe(stage.state, upcast)
    const events = stage.process(fixtureArticle("erie-snow-edited-copy"))
    expect(events[0]).toMatchObject({ type: "CopyDetected.v1", data: { originalId: original.articleId } })
  })
})

describe("the folded words of a body", () => {
  it("are the folded forms of its tokens", () => {
    for (const name of ["erie-snow-abc", "orban-election-de", "rihanna-cousin"]) {
      const { body } = fixtureArticle(name)
      expect(foldedWords(body)).toEqual(tokenize(body).map((t) => t.folded))
    }
  })
})
