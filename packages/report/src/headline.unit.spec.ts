import { describe, expect, it } from "vitest"
import { headlineText, shorten } from "./headline.js"

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
