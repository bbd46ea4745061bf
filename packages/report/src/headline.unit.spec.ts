import { describe, expect, it } from "vitest"
import { articleHeadline, headlineText, shorten, storyHeadline } from "./headline.js"
import { renderStoryReport } from "./render.js"
import { describeSources } from "./sources.js"
import { articleView } from "./views.testing.js"

describe("a sentence as a headline", () => {
  it("keeps the closing quote mark of a quotation that ends a title", () => {
    expect(shorten("Top Female Music Execs: Academy 'Woefully Out of Touch'", 120)).toBe("Top Female Music Execs: Academy 'Woefully Out of Touch'")
    expect(headlineText("New Trailer: ‘Avengers: Infinity War’")).toBe("New Trailer: ‘Avengers: Infinity War’")
    expect(headlineText("Russia Recalls Ambassador After Biden Calls Putin a 'Killer'")).toBe("Russia Recalls Ambassador After Biden Calls Putin a 'Killer'")
  })

  it("drops the full stop of a lead sentence, also inside a closing quote, but not an initial's", () => {
    expect(headlineText("Russia recalled its ambassador on Thursday.")).toBe("Russia recalled its ambassador on Thursday")
    expect(headlineText('Biden said: "He will pay a price."')).toBe('Biden said: "He will pay a price"')
    expect(headlineText("Russia recalls its envoy to the U.S.")).toBe("Russia recalls its envoy to the U.S.")
  })

  it("drops the quote marks around a sentence that is one quotation, and only then", () => {
    expect(headlineText("“We always see in another person our own qualities.”")).toBe("We always see in another person our own qualities")
    expect(headlineText('"On March 20, Antonov is leaving for Moscow," the embassy said.')).toBe('"On March 20, Antonov is leaving for Moscow," the embassy said')
    expect(headlineText("'Killer' and 'soul'")).toBe("'Killer' and 'soul'")
  })
})

describe("a page title that names the site or a section of it", () => {
  it("loses the site's name after the article's title", () => {
    expect(articleHeadline("Passengers on a Hawaiian Airlines flight got to ring in 2018 twice - Hawaii News Now - KGMB and KHNL", "hawaiinewsnow.com")).toBe(
      "Passengers on a Hawaiian Airlines flight got to ring in 2018 twice",
    )
    expect(articleHeadline("Israel indicts Palestinian teenage girl who punched soldier | Reuters", "Reuters")).toBe("Israel indicts Palestinian teenage girl who punched soldier")
  })

  it("is no headline when what is left is a section's name", () => {
    expect(articleHeadline("World news - RT International", "rt.com")).toBeNull()
    expect(articleHeadline("Latest News", null)).toBeNull()
  })

  it("keeps a dash that attributes a claim or joins two clauses", () => {
    expect(articleHeadline("N. Korean IRBM put millions of Japanese into ‘duck and cover’ - Mattis", "rt.com")).toBe("N. Korean IRBM put millions of Japanese into ‘duck and cover’ - Mattis")
    expect(articleHeadline("A Chinese space station is falling to Earth next year - but it’s the last thing to worry about", "theverge.com")).toBe(
      "A Chinese space station is falling to Earth next year - but it’s the last thing to worry about",
    )
  })
})

describe("a story whose only title is a section page's", () => {
  const articles = [
    articleView("a54", {
      title: "World news - RT International",
      url: "https://www.rt.com/news/415869-olympic-truce-korea/",
      body: "It is being called the Olympic Truce. After months of over-the-top rhetoric, the two Koreas are talking again – the first time in two years.",
    }),
  ]

  it("is headed by its lead, and the report says why", () => {
    expect(storyHeadline(describeSources(articles), [])).toEqual({ text: "It is being called the Olympic Truce", fromLead: true })
    expect(renderStoryReport("s", articles)).toMatch(/^# It is being called the Olympic Truce\n\n_No source gives an article's title \(only a site's or a section's\)/)
  })

  it("is headed by another source's article title when there is one", () =>
    expect(
      storyHeadline(describeSources([...articles, articleView("b", { title: "Koreas agree to talks ahead of Olympics", body: "The two Koreas agreed to talk. It is being called the Olympic Truce." })]), [])?.text,
    ).toBe("Koreas agree to talks ahead of Olympics"))
})

describe("a story whose sources' titles include one cut short", () => {
  const sources = describeSources([
    articleView("a", { title: "Israel indicts Palestinian teenage girl who punched...", body: "Israel indicted a Palestinian teenage girl who punched a soldier, the army said." }),
    articleView("b", { title: "Israel indicts teenage Palestinian girl who slapped soldiers", body: "Israel indicted a teenage Palestinian girl who slapped soldiers in the West Bank, the army said." }),
  ])

  it("is headed by a whole title", () => expect(storyHeadline(sources, [])?.text).toBe("Israel indicts teenage Palestinian girl who slapped soldiers"))

  it("is headed by the cut one when no source has a whole title", () =>
    expect(storyHeadline(sources.slice(0, 1), [])?.text).toBe("Israel indicts Palestinian teenage girl who punched..."))
})
