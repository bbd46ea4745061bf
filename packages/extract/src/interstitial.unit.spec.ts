import { describe, expect, it } from "vitest"
import { wordCount } from "./boilerplate.js"
import { extractArticle } from "./extract.js"
import { interstitialOf } from "./interstitial.js"

const judge = (text: string) => interstitialOf(text, wordCount(text))
const filler = (words: number) => Array.from({ length: words }, (_, i) => ["the", "council", "said", "on", "Tuesday", "that", "ferry", "repairs", "would", "finish"][i % 10]).join(" ")

describe("a page a crawler got instead of the article", () => {
  it("is a bot check when it asks the reader to prove they are not a robot and shows their address", () => {
    expect(judge("Sorry, we have detected a large number of requests from your network. To continue, tick the box \"I'm not a robot\". Your IP address: 198.51.100.23")).toMatch(/bot check/)
    expect(judge("Wykryliśmy wiele połączeń z Twojej sieci. Aby kontynuować, zaznacz \"Nie jestem robotem\". Twój adres IP: 203.0.113.9")).toMatch(/bot check/)
  })

  it("is a login form when it holds a form's labels", () => {
    expect(judge("Welcome back to the Harbour Herald community. E-mail or Username: Password: Remember me. Forgot your password? New user? Create an account")).toMatch(/login or registration form/)
  })

  it("is a paywall's sign-up form when it offers a trial over a form", () => {
    expect(judge(`Markets outlook for the quarter. Take a free trial: registered users can read up to three reports. First name Last name Organisation Job title Country. ${filler(40)}`)).toMatch(/not an article/)
  })

  it("is rejected by extraction with the reason, as no article text", () => {
    const outcome = extractArticle({
      articleId: "bot-check",
      contentHash: "",
      input: "bot-check.txt",
      format: "text",
      content: "Access check\n\nPlease tick the box \"I'm not a robot\" to continue to the page you asked for.\n\nYour IP address: 198.51.100.23. Reference number 4471-2209.",
      hints: { title: null, publishedAt: null, source: null, url: null },
    })
    expect(outcome).toEqual({ kind: "rejected", code: "no-text", reason: "the page is a bot check, not an article" })
  })
})

describe("an article about the same things", () => {
  it("is kept when it reports on captchas", () =>
    expect(judge(`Google is retiring its "I'm not a robot" checkbox. The reCAPTCHA test will be replaced by checks that run unseen, the company said on Monday. ${filler(90)}`)).toBeNull())

  it("is kept when it reports a leak of usernames and passwords", () =>
    expect(judge(`Hackers leaked two million usernames and passwords from the ferry operator's booking site. Customers should log in and change their password, and register for alerts, the company said. ${filler(60)}`)).toBeNull())

  it("is kept when it says access was denied or requests were too many", () =>
    expect(judge(`Journalists were told "access denied" at the harbour gate on Tuesday, as the port authority said it had received too many requests for visits. ${filler(60)}`)).toBeNull())

  it("is kept when it ends with a press contact and asks readers to sign up", () =>
    expect(judge(`The harbour festival returns in June with forty stalls. Visitors can sign up for guided tours and register for the boat race online. Contact: Mia Berg, Email: press@harbour.example, Tel: 555 0100. ${filler(50)}`)).toBeNull())

  it("is kept when the article is long, whatever chrome came with it", () =>
    expect(judge(`Remember me. Forgot your password? New user? Create an account. ${filler(400)}`)).toBeNull())
})
