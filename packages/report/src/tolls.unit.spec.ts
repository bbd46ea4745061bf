import { describe, expect, it } from "vitest"
import { describeSources } from "./sources.js"
import { tollConflicts } from "./tolls.js"
import { articleView } from "./views.testing.js"

describe("sources giving death tolls that cannot both be true", () => {
  const sources = describeSources([
    articleView("nyt", {
      body: "Officials and witnesses in Nice said at least 84 people, including children, were killed by the driver of the rampaging truck. The attack came eight months after the Nov. 13 Paris terrorist attacks that killed 130 people.",
    }),
    articleView("chinadaily", {
      body: "Nearly 80 people were killed on Thursday on Nice's Promenade des Anglais, mowed down by a truck driven through a crowd. The prosecutor of Nice spoke of the assault in which 77 people reportedly died.",
    }),
    articleView("mail", { body: "At least three Tunisians and three Algerians were among the 84 people killed when a Tunisian-born man ploughed a truck into a crowd." }),
  ])

  it("names the dispute, each figure as written and who gives it, and shows the odd one out", () =>
    expect(tollConflicts(sources)).toEqual([
      {
        kind: "number",
        topic: "the number of dead",
        versions: [
          { label: "nearly 80", sources: ["chinadaily"] },
          { label: "84", sources: ["mail"] },
          { label: "at least 84", sources: ["nyt"] },
        ],
        example: sources.find((s) => s.articleId === "chinadaily")!.sentences[0],
      },
    ]))
})

describe("sources whose tolls differ but agree", () => {
  it("finds no dispute between a hedged figure and one it allows: at least 50 dead, and 59 killed", () =>
    expect(
      tollConflicts(
        describeSources([
          articleView("a", { body: "A gunman killed at least 50 people and wounded over 400 at a country music festival on the Las Vegas Strip." }),
          articleView("b", { body: "The Las Vegas shooter, who killed 59 people and injured hundreds more, acted alone, police said." }),
        ]),
      ),
    ).toEqual([]))

  it("finds none where a source gives the other's figure too, as the toll rose", () =>
    expect(
      tollConflicts(
        describeSources([
          articleView("a", { body: "The death toll grew through the night, with Hollande saying 77 people died. By morning the attack had left at least 84 people dead." }),
          articleView("b", { body: "Officials said 84 people were killed in the attack." }),
        ]),
      ),
    ).toEqual([]))

  it("finds none between the story's toll and another event's a source recalls", () =>
    expect(
      tollConflicts(
        describeSources([
          articleView("a", { body: "The attack left at least 84 people dead. Islamic State militants killed 130 people in Paris in November." }),
          articleView("b", { body: "In November, attacks in Paris killed 130 people, and this week 84 people were killed in Nice." }),
        ]),
      ),
    ).toEqual([]))

  it("finds none between copies of one article", () =>
    expect(
      tollConflicts(
        describeSources([
          articleView("a", { body: "Nearly 80 people were killed on Thursday in Nice." }),
          articleView("b", { body: "84 people were killed on Thursday in Nice." }, { articleId: "b", originalId: "a", similarity: 0.9, added: [], removed: [] }),
        ]),
      ),
    ).toEqual([]))
})
