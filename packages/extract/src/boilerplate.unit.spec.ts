import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { isNewsletterPrompt, wordCount } from "./boilerplate.js"
import { seedFiles, seedText } from "./fixtures.testing.js"

/** What wordCount counts, by its definition: the regex's matches, or limit + 1 once there are more than `limit`. */
const byRegex = (text: string, limit: number): number => Math.min(text.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)?.length ?? 0, limit + 1)

const lines = seedFiles().flatMap((f) => seedText(f).split("\n"))

describe("a line counted", () => {
  it("has as many words as the regex matches", () => {
    for (const line of lines) expect(wordCount(line)).toBe(byRegex(line, Number.POSITIVE_INFINITY))
  })
  it("stops one past the limit", () => expect(wordCount("one two three four five", 2)).toBe(3))
  it("takes an apostrophe followed by letters into its word", () => expect(wordCount("Biden’s aides don't say")).toBe(4))
})

describe("a line asked about again and again, with any limits, between other lines", () => {
  it("gets the count a fresh scan gives every time", () =>
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(fc.constantFrom(...lines), fc.string({ maxLength: 80 }), fc.constant("don't stop me now, Biden’s 𝐀𝐁 ٣٤ words")), fc.array(fc.oneof(fc.nat(60), fc.constant(Number.POSITIVE_INFINITY)), { minLength: 1, maxLength: 6 })), { maxLength: 8 }),
        (questions) => {
          for (const [line, limits] of questions) for (const limit of limits) expect(wordCount(line, limit)).toBe(byRegex(line, limit))
        },
      ),
      { numRuns: 500 },
    ))
})

describe("a short line asking the reader to sign up", () => {
  it.each([
    "Get breaking news alerts on your phone",
    "Meet your inbox's new favourite read",
    "Delivered weekday mornings",
    "SUBSCRIBE TO The Daily Ledger",
    "Subscribers get early access to our reporting",
    "Sign up for our newsletters and more",
    "Newsletters: sign up here",
    "Straight to your inbox",
    "The best stories, in your inbox",
    "Get the Metro Wire app",
    "Download our free news app",
    "ſubſcribe to our daily briefing",
  ])("is a newsletter prompt: %s", (line) => expect(isNewsletterPrompt(line)).toBe(true))
})

describe("a line of news", () => {
  it.each(["The applicant was alerted by mail.", "Officials said the package was delivered on Tuesday.", "Users can download the data from the ministry's site."])(
    "is not a newsletter prompt: %s",
    (line) => expect(isNewsletterPrompt(line)).toBe(false),
  )
})
