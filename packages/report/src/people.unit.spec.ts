import { describe, expect, it } from "vitest"
import { describedPeople, listedPeople, mergeEntities, spellingVariants } from "./people.js"
import { describeSources } from "./sources.js"
import { articleView } from "./views.testing.js"

const entity = (name: string, ...forms: string[]) => ({ name, forms: [name, ...forms], count: 1 })

describe("two sources spelling the ambassador's name differently", () => {
  const sources = describeSources([
    articleView("a", { body: "Russian Ambassador Anatoly Antonov will leave Washington on Saturday. Antonov will hold talks." }),
    articleView("b", { body: "Russia's ambassador Anatoly Antanov arrived in Moscow. Antanov landed at Sheremetyevo." }),
  ])

  it("finds the variant, the shared first name and who writes which", () =>
    expect(spellingVariants(sources)).toEqual([
      {
        forms: [
          { form: "Antanov", sources: ["b"] },
          { form: "Antonov", sources: ["a"] },
        ],
        context: "Anatoly",
      },
    ]))
})

describe("a story rendered again after the article that wrote a name in lower case left it", () => {
  // The story's lower-case words are kept from one render to the next and grown by new members: one that leaves must
  // take its words with it.
  const a = articleView("a", { body: "Russian Ambassador Anatoly Antonov will leave Washington on Saturday. Antonov will hold talks." })
  const b = articleView("b", { body: "Russia's ambassador Anatoly Antanov arrived in Moscow. Antanov landed at Sheremetyevo." })
  const c = articleView("c", { body: "Analysts said the antanov and the antonov are both aircraft of the Anatoly class." })

  it("finds the variant once that article is gone, as in a first render of the rest", () => {
    expect(spellingVariants(describeSources([a, b, c]))).toEqual([])
    const again = spellingVariants(describeSources([a, b]))
    expect(again.map((v) => v.forms.map((f) => f.form))).toEqual([["Antanov", "Antonov"]])
    expect(again).toEqual(spellingVariants(describeSources([articleView("a", a.extracted!), articleView("b", b.extracted!)])))
  })

  it("and none once it is back", () => expect(spellingVariants(describeSources([c, a, b]))).toEqual([]))
})

describe("names one letter apart with nothing around them in common", () => {
  const sources = describeSources([
    articleView("a", { body: "The coach praised Mark Hughes after the match in Leeds." }),
    articleView("b", { body: "The singer Mary Jones performed in Cardiff on Sunday." }),
  ])

  it("are not taken for one name", () => expect(spellingVariants(sources)).toEqual([]))
})

describe("an article that writes both acronyms, next to others that write one each", () => {
  const sources = describeSources([
    articleView("a", { body: "The IRBM flew over Japan, unlike the ICBM tested in July." }),
    articleView("b", { body: "Analysts said the ICBM test in July was the larger threat." }),
    articleView("c", { body: "Officials said the IRBM test was a warning to Guam." }),
  ])

  it("finds no disagreement between them", () => expect(spellingVariants(sources)).toEqual([]))
})

describe("an article and its copy", () => {
  const sources = describeSources([
    articleView("a", { body: "Opposition figure Alexei Navalny was jailed." }),
    articleView("b", { body: "Opposition figure Alexey Navalny was jailed." }, { articleId: "b", originalId: "a", similarity: 0.9, added: [], removed: [] }),
  ])

  it("are one source: a spelling change between them is not a discrepancy", () => expect(spellingVariants(sources)).toEqual([]))
})

describe("people extracted from several articles", () => {
  const sources = describeSources([
    articleView("a", { body: "Opposition figure Alexei Navalny was jailed.", entities: { people: [entity("Alexei Navalny", "Navalny"), { ...entity("Joe Biden", "Biden"), count: 5 }], organisations: [entity("ABC News")], places: [] } }),
    articleView("b", { body: "Kremlin critic Alexey Navalny was jailed.", entities: { people: [entity("Alexey Navalny"), entity("Biden"), entity("Mary Smith")], organisations: [entity("ABC")], places: [] } }),
    articleView("c", { body: "x", entities: { people: [entity("Hunter Biden"), entity("Mark Smith")], organisations: [], places: [] } }),
  ])
  const people = mergeEntities(sources, (s) => s.people, spellingVariants(sources))

  it("merges first-name spellings and bare surnames into the fullest name", () => {
    expect(people.find((p) => p.name === "Alexei Navalny")).toMatchObject({ variants: ["Alexey Navalny", "Navalny"], sources: ["a", "b"] })
  })

  it("keeps two people who share a surname apart, giving the bare surname to the one more sources name", () => {
    expect(people.map((p) => p.name).sort()).toEqual(["Alexei Navalny", "Hunter Biden", "Joe Biden", "Mark Smith", "Mary Smith"])
    expect(people.find((p) => p.name === "Joe Biden")?.variants).toEqual(["Biden"])
  })

  it("joins an acronym to the fuller name it opens", () =>
    expect(mergeEntities(sources, (s) => s.organisations, [])).toEqual([{ name: "ABC News", variants: ["ABC"], sources: ["a", "b"], mentions: 2 }]))
})

describe("organisations written with and without a country qualifier", () => {
  const sources = describeSources([
    articleView("a", { body: "x", entities: { people: [], organisations: [entity("US Office of the Director of National Intelligence")], places: [] } }),
    articleView("b", { body: "y", entities: { people: [], organisations: [entity("Office of the Director of National Intelligence"), entity("Security Council")], places: [] } }),
    articleView("c", { body: "z", entities: { people: [], organisations: [entity("Office of the Director of National Intelligence"), entity("UN Security Council")], places: [] } }),
  ])
  const organisations = mergeEntities(sources, (s) => s.organisations, [], "commonest")

  it("are one organisation, named as most sources write it", () => {
    expect(organisations.find((o) => o.name === "Office of the Director of National Intelligence")).toMatchObject({
      variants: ["US Office of the Director of National Intelligence"],
      sources: ["a", "b", "c"],
    })
    expect(organisations.find((o) => o.name === "Security Council" || o.name === "UN Security Council")?.variants).toHaveLength(1)
  })

  it("are one organisation with the qualifier written out: United Nations, European Union", () => {
    const spelled = describeSources([
      articleView("a", { body: "x", entities: { people: [], organisations: [entity("United Nations Security Council"), entity("European Union Court of Auditors")], places: [] } }),
      articleView("b", { body: "y", entities: { people: [], organisations: [entity("Security Council"), entity("Court of Auditors")], places: [] } }),
      articleView("c", { body: "z", entities: { people: [], organisations: [entity("Security Council"), entity("Court of Auditors")], places: [] } }),
    ])
    const merged = mergeEntities(spelled, (s) => s.organisations, [], "commonest")
    expect(merged).toEqual([
      { name: "Court of Auditors", variants: ["European Union Court of Auditors"], sources: ["a", "b", "c"], mentions: 3 },
      { name: "Security Council", variants: ["United Nations Security Council"], sources: ["a", "b", "c"], mentions: 3 },
    ])
  })

  it("while people keep their initials apart", () => {
    const people = describeSources([
      articleView("a", { body: "x", entities: { people: [entity("UN Smith Jones")], organisations: [], places: [] } }),
      articleView("b", { body: "y", entities: { people: [entity("Smith Jones")], organisations: [], places: [] } }),
    ])
    expect(mergeEntities(people, (s) => s.people, []).map((p) => p.name).sort()).toEqual(["Smith Jones", "UN Smith Jones"])
  })
})

describe("a lone capitalised word that extraction took for a person", () => {
  const sources = describeSources([
    articleView("a", { body: "x", entities: { people: [entity("Elon Musk"), entity("Kennedy"), entity("Obama")], organisations: [entity("Kennedy Space Center")], places: [] } }),
    articleView("b", { body: "y", entities: { people: [entity("Tesla"), entity("Vance")], organisations: [], places: [entity("Vance Air Force Base")] } }),
  ])
  const listed = listedPeople(mergeEntities(sources, (s) => s.people, []), sources).map((p) => p.name)

  it("is left out of the people when it is a word of an organisation's or a place's name in the story", () => {
    expect(listed).not.toContain("Kennedy")
    expect(listed).not.toContain("Vance")
  })

  it("stays when nothing in the story names it otherwise, as does every name of two words", () =>
    expect(listed.sort()).toEqual(["Elon Musk", "Obama", "Tesla"]))
})

describe("a lone capitalised word the sources also write in lower case", () => {
  const sources = describeSources([
    articleView("a", { body: "Moon rises tonight, and Obama watched it.", entities: { people: [entity("Moon"), entity("Obama")], organisations: [], places: [] } }),
    articleView("b", { body: "The moon will be full; Obama said so.", entities: { people: [entity("Obama")], organisations: [], places: [] } }),
  ])

  it("is a common word, not a person: left out of the people", () =>
    expect(listedPeople(mergeEntities(sources, (s) => s.people, []), sources).map((p) => p.name)).toEqual(["Obama"]))
})

describe("a word for a body of state standing alone and capitalised", () => {
  const sources = describeSources([
    articleView("a", { body: "The Cabinet approved the plan, and Central Command said Obama agreed.", entities: { people: [entity("Cabinet"), entity("Command"), entity("Obama")], organisations: [], places: [] } }),
    articleView("b", { body: "Obama said the Cabinet backed him.", entities: { people: [entity("Obama"), entity("Cabinet")], organisations: [], places: [] } }),
  ])

  it("is no person, whether or not the sources write it in lower case too", () =>
    expect(listedPeople(mergeEntities(sources, (s) => s.people, []), sources).map((p) => p.name)).toEqual(["Obama"]))
})

describe("a person named with a word that says what they are", () => {
  const sources = describeSources([
    articleView("a", {
      body: "Billionaire Elon Musk said the rocket was ready. The billionaire founder of SpaceX was pleased. Mallam Garba Shehu spoke. Sheriff Lombardo spoke too.",
      entities: { people: [entity("Billionaire Elon Musk"), entity("Mallam Garba Shehu", "Shehu"), entity("Sheriff Lombardo"), entity("Manager Bob Quinn")], organisations: [], places: [] },
    }),
    articleView("b", {
      body: "Elon Musk tweeted a photo. Garba Shehu, a spokesman, confirmed it. The sheriff, Joseph Lombardo, spoke. Qualcomm chief Steve Mollenkopf declined. Photographer Jane Doe took the photo.",
      entities: { people: [entity("Elon Musk", "Musk"), entity("Garba Shehu"), entity("Joseph Lombardo"), entity("Steve Mollenkopf Photographer"), entity("Steve Mollenkopf")], organisations: [], places: [] },
    }),
  ])
  const people = mergeEntities(sources, describedPeople(sources), spellingVariants(sources))

  it("is one person with the name alone, not a second row beside them", () => {
    expect(people.find((p) => p.name === "Elon Musk")).toMatchObject({ variants: ["Musk"], sources: ["a", "b"] })
    expect(people.find((p) => p.name === "Garba Shehu")).toMatchObject({ variants: ["Shehu"], sources: ["a", "b"] })
    expect(people.map((p) => p.name)).not.toContain("Billionaire Elon Musk")
  })

  it("drops a title before a bare surname only when the story names someone of that surname", () =>
    expect(people.find((p) => p.name === "Joseph Lombardo")).toMatchObject({ variants: ["Lombardo"], sources: ["a", "b"] }))

  it("drops a descriptive word after a name the story gives", () =>
    expect(people.find((p) => p.name === "Steve Mollenkopf")).toMatchObject({ variants: [], sources: ["b"] }))

  it("drops a listed title before a name of two words even when the story gives the name nowhere else", () =>
    expect(people.map((p) => p.name)).toContain("Bob Quinn"))
})

describe("a royal title or a first name before a name", () => {
  const sources = describeSources([
    articleView("a", {
      body: "Prince Harry met Lady Gaga. Lisa Marie Presley sang.",
      entities: { people: [entity("Prince Harry"), entity("Lady Gaga"), entity("Lisa Marie Presley")], organisations: [], places: [] },
    }),
    articleView("b", { body: "Harry Kane scored. Marie Presley was not there.", entities: { people: [entity("Harry Kane"), entity("Marie Presley")], organisations: [], places: [] } }),
  ])

  it("stays part of the name", () =>
    expect(mergeEntities(sources, describedPeople(sources), []).map((p) => p.name).sort()).toEqual(["Harry Kane", "Lady Gaga", "Lisa Marie Presley", "Marie Presley", "Prince Harry"]))
})

describe("names written alike but for accents, hyphens and capitals", () => {
  const sources = describeSources([
    articleView("a", { body: "x", entities: { people: [entity("François Hollande"), entity("Kim Jong Un", "Kim"), entity("Mohamed Lahouaiej-Bouhlel")], organisations: [], places: [] } }),
    articleView("b", { body: "y", entities: { people: [entity("Francois Hollande"), entity("Kim Jong-Un"), entity("Mohamed Lahouaiej Bouhlel")], organisations: [], places: [] } }),
    articleView("c", { body: "z", entities: { people: [entity("Francois Hollande", "Hollande"), entity("Kim Jong-un")], organisations: [], places: [] } }),
  ])
  const people = mergeEntities(sources, (s) => s.people, [])

  it("are one person, with each writing among the variants", () =>
    expect(people.map((p) => [p.name, p.variants])).toEqual([
      ["Francois Hollande", ["François Hollande", "Hollande"]],
      ["Kim Jong Un", ["Kim", "Kim Jong-Un", "Kim Jong-un"]],
      ["Mohamed Lahouaiej Bouhlel", ["Mohamed Lahouaiej-Bouhlel"]],
    ]))
})

describe("an agency the sources name with a describing word after it", () => {
  const sources = describeSources([
    articleView("a", {
      body: "Biden told ABC News. Speaking to Tass News agency in New York earlier, the diplomat said he would stay. He was quoted as saying by TASS news agency.",
      entities: { people: [], organisations: [entity("Tass News"), entity("TASS"), entity("ABC News")], places: [] },
    }),
    articleView("b", { body: "He told TAAS news agency. In an interview on ABC news channel, Biden spoke.", entities: { people: [], organisations: [entity("TAAS"), entity("ABC")], places: [] } }),
    articleView("c", { body: "In an interview with ABC News, Biden was asked.", entities: { people: [], organisations: [entity("ABC News")], places: [] } }),
  ])
  const organisations = mergeEntities(sources, (s) => s.organisations, spellingVariants(sources), "commonest")

  it("is named without the word the sources write in lower case too, as most of them write the name", () =>
    expect(organisations.find((o) => o.variants.includes("TAAS"))).toMatchObject({ name: "TASS", variants: ["TAAS", "Tass News"] }))

  it("keeps a last word most of the sources capitalise as part of the name", () =>
    expect(organisations.find((o) => o.variants.includes("ABC"))?.name).toBe("ABC News"))
})

describe("an organisation written as an acronym by some sources and in full by others", () => {
  const sources = describeSources([
    articleView("a", { body: "x", entities: { people: [], organisations: [entity("AP"), entity("ICRC"), entity("UN")], places: [] } }),
    articleView("b", { body: "y", entities: { people: [], organisations: [entity("Associated Press"), entity("International Committee of the Red Cross"), entity("Universal News")], places: [] } }),
    articleView("c", { body: "z", entities: { people: [], organisations: [entity("AP"), entity("United Nations")], places: [] } }),
  ])
  const organisations = mergeEntities(sources, (s) => s.organisations, [], "commonest")

  it("is one organisation when the story has one full name of those initials", () => {
    expect(organisations.find((o) => o.name === "AP")).toMatchObject({ variants: ["Associated Press"], sources: ["a", "b", "c"] })
    expect(organisations.find((o) => o.variants.includes("ICRC"))?.name).toBe("International Committee of the Red Cross")
  })

  it("stays apart from every full name when two of them have its initials", () =>
    expect(organisations.filter((o) => ["UN", "United Nations", "Universal News"].includes(o.name)).map((o) => o.variants)).toEqual([[], [], []]))
})

describe("a name run into the credit or the word before it", () => {
  const sources = describeSources([
    articleView("a", {
      body: "AP Brynjar Gunnarsson took the photo. With Edvard Pettersson in Los Angeles. Equifax Richard Smith apologised.",
      entities: { people: [entity("AP Brynjar Gunnarsson"), entity("With Edvard Pettersson"), entity("Equifax Richard Smith")], organisations: [entity("AP"), entity("Equifax Inc")], places: [] },
    }),
    articleView("b", { body: "Chief executive Richard Smith will testify.", entities: { people: [entity("Richard Smith", "Smith")], organisations: [], places: [] } }),
  ])
  const people = mergeEntities(sources, describedPeople(sources), spellingVariants(sources)).map((p) => p.name)

  it("is the name alone: an organisation of the story or a function word before a name of two words is no part of it", () =>
    expect(people.sort()).toEqual(["Brynjar Gunnarsson", "Edvard Pettersson", "Richard Smith"]))
})

describe("a name written the British and the American way, or with and without its accents", () => {
  const sources = describeSources([
    articleView("a", {
      body: "Japan Self-Defence Forces soldiers take part in a drill. The German newspaper Süddeutsche Zeitung got the data.",
      entities: { people: [], organisations: [entity("Self-Defence Forces"), entity("Süddeutsche Zeitung")], places: [] },
    }),
    articleView("b", {
      body: "Japan's Self-Defense Forces did not shoot down the missile. The leak went to Suddeutsche Zeitung, a German newspaper.",
      entities: { people: [], organisations: [entity("Self-Defense Forces"), entity("Suddeutsche Zeitung")], places: [] },
    }),
  ])

  it("is no discrepancy between the sources", () => expect(spellingVariants(sources)).toEqual([]))

  it("is one organisation", () =>
    expect(mergeEntities(sources, (s) => s.organisations, [], "commonest").map((o) => [o.name, o.variants])).toEqual([
      ["Self-Defence Forces", ["Self-Defense Forces"]],
      ["Süddeutsche Zeitung", ["Suddeutsche Zeitung"]],
    ]))
})
