import { describe, expect, it } from "vitest"
import { wordCount } from "./boilerplate.js"
import { extractArticle } from "./extract.js"
import { noticeOf } from "./notices.js"

const judge = (...paragraphs: string[]) => noticeOf(paragraphs, wordCount(paragraphs.join("\n\n")))
const filler = (words: number) => Array.from({ length: words }, (_, i) => ["the", "council", "said", "on", "Tuesday", "that", "ferry", "repairs", "would", "finish"][i % 10]).join(" ")

describe("a page that holds only what its site tells every reader", () => {
  it("is a cookie consent notice when, besides the headline, it asks to accept the site's cookies", () => {
    expect(judge("Ferry fares rise in spring", "We use cookies to ensure that we give you the best experience on our website. If you continue without changing your settings, we'll assume that you are happy to receive all cookies. Learn more")).toMatch(/cookie consent notice/)
    expect(judge("OK", "Wir setzen auf unserer Website Cookies und andere Technologien ein, um Ihnen den vollen Funktionsumfang unseres Angebotes anzubieten. Durch die weitere Nutzung unserer Website erklären Sie sich mit dem Einsatz von Cookies einverstanden.")).toMatch(/cookie consent notice/)
    expect(judge("Sizlere daha iyi bir hizmet sunabilmek için sitemizde çerezlerden faydalanıyoruz. Sitemizi kullanmaya devam ederek çerezleri kullanmamıza izin vermiş oluyorsunuz.")).toMatch(/cookie consent notice/)
  })

  it("asks the reader to turn off an ad blocker when that is all it says", () =>
    expect(judge("We noticed you're blocking ads!", "Keep supporting great journalism by turning off your ad blocker. Or purchase a subscription for unlimited access to real news you can count on.")).toMatch(/ad blocker/))

  it("is a subscription offer when it offers subscribers access instead of the story", () => {
    expect(judge("Subscribers, click below to log in or register your subscription to continue receiving unlimited access to the Harbour Herald. Log In Sign Up")).toMatch(/subscription offer/)
    expect(judge("Sorry, this zipcode is not in our deliverable area for this subscription service.", "Re-enter zip code or sign up for digital access.")).toMatch(/subscription offer/)
  })

  it("holds only legal notices when it reserves the site's rights or disclaims what it links to", () => {
    expect(judge("External links are provided for reference purposes. Harbour Herald is not responsible for the content of external Internet sites.")).toMatch(/legal notices/)
    expect(judge("Copyright 1995 - . All rights reserved. The content published in this site belongs to the Harbour Herald. Without written authorization, such content shall not be republished or used in any form.")).toMatch(/legal notices/)
    expect(judge("إغلاق الميناء أسبوعين للصيانة", 'تعمل الشركة على توفير المعلومات "كما هي" دون أي تعهدات أو ضمانات... سواء صريحة أو ضمنية. إذ أن هذا يعد إخلاء لمسؤوليتنا من ممارسات الخصوصية أو المحتوى الخاص بالمواقع المرفقة.')).toMatch(/legal notices/)
  })

  it("is extracted as its headline alone: none of the page's text becomes article text", () => {
    const outcome = extractArticle({
      articleId: "cookie-banner",
      contentHash: "",
      input: "cookie-banner.txt",
      format: "text",
      content: "Ferry fares rise in spring\n\nOK\n\nWir verwenden auf unserer Webseite Cookies und pseudonyme Analysetechniken, um unseren Internetauftritt möglichst benutzerfreundlich zu gestalten. Weitere Informationen, auch zur Deaktivierung von Cookies, finden Sie in unseren Datenschutzhinweisen.\n\nZur Datenschutzerklärung",
      hints: { title: null, publishedAt: null, source: null, url: null },
    })
    expect(outcome.kind).toBe("extracted")
    if (outcome.kind !== "extracted") return
    expect(outcome.data).toMatchObject({ title: "Ferry fares rise in spring", body: "", wordCount: 0, subheadings: [], quotes: [] })
    expect(outcome.data.entities).toEqual({ people: [], organisations: [], places: [] })
  })
})

describe("an article about the same things, or with a notice under it", () => {
  it("is kept when it reports on cookie banners", () =>
    expect(judge(`The regulator fined the ferry operator for setting cookies before visitors agreed. "We use cookies on our website only with consent now," the company said on Monday. ${filler(40)}`)).toBeNull())

  it("is kept when it reports on ad blockers", () =>
    expect(judge("Publishers say one reader in four now runs an ad blocker.", `Some sites ask readers to turn off their ad blocker or buy a subscription for unlimited access, the survey found. ${filler(30)}`)).toBeNull())

  it("is kept when a brief of one sentence stands above the notice", () =>
    expect(judge("The harbour ferry will not run on Sunday because of the storm warning, the port authority said.", "We use cookies to ensure that we give you the best experience on our website.")).toBeNull())

  it("is kept when it ends with the agency's rights notice", () =>
    expect(judge(`The council said on Tuesday that ferry repairs would finish in March. ${filler(60)}. Copyright 2020 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.`)).toBeNull())

  it("is kept when the article is long, whatever notices came with it", () =>
    expect(judge("We use cookies to ensure that we give you the best experience on our website.", filler(400))).toBeNull())
})
