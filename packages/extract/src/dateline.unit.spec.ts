import { describe, expect, it } from "vitest"
import { agencyInByline, citedAgency, readDateline } from "./dateline.js"
import { findDate, isClockLine } from "./dates.js"

// Lines as they stand in the seeds and the benchmark pages.
describe("the opening of a wire story", () => {
  it("gives city, credit and date from a parenthesised dateline", () =>
    expect(readDateline("WASHINGTON (UrduPoint News / Sputnik - 20th March, 2021) Russian Ambassador to the United States Anatoly Antonov will leave")).toMatchObject({
      city: "WASHINGTON",
      credit: "UrduPoint News / Sputnik",
      publishedAt: "2021-03-20",
      rest: "Russian Ambassador to the United States Anatoly Antonov will leave",
    }))
  it('gives city and credit from "City/AGENCY:"', () =>
    expect(readDateline("Moscow/UNI/IBNS: The Russian government announced on Thursday")).toMatchObject({ city: "Moscow", credit: "UNI/IBNS" }))
  it("gives the city alone from a dash dateline", () =>
    expect(readDateline("MADRID — Rafael Nadal kept Spain’s hopes alive")).toMatchObject({ city: "MADRID", credit: null }))
  it("finds nothing in an ordinary sentence that opens with a name", () =>
    expect(readDateline("Biden (pictured) said he is certain he and Putin will talk at some point.")).toBeNull())
})

describe("a byline or a text that names an agency", () => {
  it("credits the agency a byline names", () => {
    expect(agencyInByline("TOM KRISHER, AP Auto Writer")).toBe("AP")
    expect(agencyInByline("Associated Press")).toBe("Associated Press")
  })
  it("does not mistake a reporter's name for an agency", () => expect(agencyInByline("Ani Sanders")).toBeNull())
  it('credits the agency cited as "according to Russia\'s TAAS news agency"', () =>
    expect(citedAgency('the embassy said, according to Russia\'s TAAS news agency.')).toBe("TAAS"))
})

describe("dates written in a page", () => {
  it("reads a complete date in any common order", () => {
    expect(findDate("| @indiablooms | Mar 19, 2021, at 12:47 am")?.date).toBe("2021-03-19")
    expect(findDate("20th March, 2021")?.date).toBe("2021-03-20")
    expect(findDate("date 2021-03-18")?.date).toBe("2021-03-18")
  })
  it("leaves a date without a year unknown", () => expect(findDate("On March 20, Ambassador of Russia")).toBeNull())
  it("knows a page clock: a date with a time and a zone, nothing else", () => {
    expect(isClockLine("February 17, 2026 12:03 am (IST)")).toBe(true)
    expect(isClockLine("| @indiablooms | Mar 19, 2021, at 12:47 am")).toBe(false)
  })
})
