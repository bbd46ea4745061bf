import { describe, expect, it } from "vitest"
import { extractArticle } from "./extract.js"
import { navigationOf } from "./navigation.js"

const sections = "Categories Select Category AGRICULTURE ART BIODIVERSITY BOOK REVIEW BUDGET BUSINESS AND ECONOMY CULTURE CURRENT AFFAIRS DAILY NEWS ANALYSIS EDITORIALS EDUCATION ENVIRONMENT ESSAY ETHICS FOREIGN AFFAIRS GEOGRAPHY HEALTH HISTORY INTERNAL SECURITY LAW Literature MANAGEMENT MEDICAL SCIENCE NEWS Polity PSYCHOLOGY SCIENCE SOCIAL ISSUES SOCIOLOGY TECHNOLOGY UPDATES VIDEOS World History"
const months = ["December", "November", "October", "September", "August", "July", "June", "May", "April", "March", "February", "January"]
const archives = `Archives Select Month ${[2017, 2016, 2015].flatMap((year) => months.map((month) => `${month} ${year}`)).join(" ")}`
const sentences = (n: number) =>
  Array.from({ length: n }, (_, i) => `The council said on Tuesday that repairs to ferry ${i + 1} would finish in March, weeks later than planned.`).join(" ")

describe("a page that holds only the site's navigation", () => {
  it("is navigation when its text is menus of sections and archives", () =>
    expect(navigationOf(["FREE TEST SERIES", "INSIGHTS MONTHLY MAGAZINES", sections, archives])).toMatch(/navigation/))

  it("is extracted as its headline alone: none of the page's text becomes article text", () => {
    const outcome = extractArticle({
      articleId: "menus",
      contentHash: "",
      input: "menus.txt",
      format: "text",
      content: `Astronauts identify microbes in space\n\n${sections}\n\n${archives}`,
      hints: { title: null, publishedAt: null, source: null, url: null },
    })
    expect(outcome.kind).toBe("extracted")
    if (outcome.kind !== "extracted") return
    expect(outcome.data).toMatchObject({ title: "Astronauts identify microbes in space", body: "", wordCount: 0, subheadings: [], quotes: [] })
    expect(outcome.data.entities).toEqual({ people: [], organisations: [], places: [] })
  })
})

describe("an article with navigation or lists in it", () => {
  it("is kept when a menu was left above its text", () => expect(navigationOf([sections, sentences(8)])).toBeNull())

  it("is kept when it lists names without punctuation", () =>
    expect(navigationOf([sentences(2), "Anna Berg Lars Holm Mia Dahl Ole Lund Eva Moen Per Vik Kari Foss Nils Ek Siri Bakke Jon Aas Liv Strand Tor Lie Ida Hauge Leif Ness Ada Berge Odd Sand Tone Rud Arne Myhre Vera Dale Knut Bø"])).toBeNull())

  it("is kept when its text is one long headline-cased run, as some sites give a short report", () =>
    expect(navigationOf(["A Gunman Killed More Than 50 People At An Open-Air Concert In Las Vegas Firing Down On Them From A Hotel Across The Street"])).toBeNull())
})
