import { describe, expect, it } from "vitest"
import { isAscii, unspacedPieces } from "@wiredesk/core"
import { eventClusters } from "./dataset.testing.js"
import { bodyWords, contentTerms, splitSentences, words } from "./text.js"
import { renderStoryReport } from "./render.js"
import { articleView } from "./views.testing.js"

const texts = (body: string) => splitSentences("a", body).map((s) => s.text)

describe("the sentences of a body", () => {
  it("end where the next begins with a capital of any alphabet, not only A to Z", () => {
    expect(texts("Rząd przyjął budżet. Ścisłe kierownictwo partii milczy.")).toEqual(["Rząd przyjął budżet.", "Ścisłe kierownictwo partii milczy."])
    expect(texts("Die Regierung tagte. Ärzte warnten vor Engpässen.")).toEqual(["Die Regierung tagte.", "Ärzte warnten vor Engpässen."])
    expect(texts("Hükümet toplandı. İstanbul'da protesto vardı.")).toEqual(["Hükümet toplandı.", "İstanbul'da protesto vardı."])
  })

  it("end at a Chinese or Japanese full stop, which takes no space after it", () =>
    expect(texts("国家航天局宣布着陆成功。探测器将采集样品！“这是首次。”他说。")).toEqual(["国家航天局宣布着陆成功。", "探测器将采集样品！", "“这是首次。”他说。"]))

  it("keep an English abbreviation inside its sentence", () => expect(texts("Mr. Smith arrived. He left.")).toEqual(["Mr. Smith arrived.", "He left."]))

  it("keep a time of day with its time zone, and end after a time of day otherwise", () => {
    expect(texts("The council will meet at 3 p.m. ET Friday, the mission said. Others disagreed.")).toEqual(["The council will meet at 3 p.m. ET Friday, the mission said.", "Others disagreed."])
    expect(texts("The meeting ended at 5 p.m. The council then voted.")).toEqual(["The meeting ended at 5 p.m.", "The council then voted."])
  })
})

describe("the content terms of Chinese text", () => {
  it("are its overlapping character pairs", () => expect(contentTerms("月球背面")).toEqual(["月球", "球背", "背面"]))
})

describe("a story of two Chinese write-ups of one event", () => {
  const report = renderStoryReport("zh", [
    articleView("zh1", {
      language: "zh",
      publishedAt: "2024-06-02",
      source: "a.example",
      body: "国家航天局宣布，嫦娥六号探测器成功着陆月球背面南极艾特肯盆地。探测器将在两天内完成月球背面样品采集工作。",
    }),
    articleView("zh2", {
      language: "zh",
      publishedAt: "2024-06-02",
      source: "b.example",
      body: "据国家航天局消息，嫦娥六号探测器成功着陆月球背面南极艾特肯盆地。分析人士认为这是中国航天的又一里程碑。",
    }),
  ])

  it("finds the fact both report", () => {
    const agreed = report.slice(report.indexOf("## What the sources agree on"), report.indexOf("## What only one source reports"))
    expect(agreed).toMatch(/嫦娥六号探测器成功着陆月球背面南极艾特肯盆地。 \[zh1\]\[zh2\]/)
  })
})

/** `words` as the rule says it, with the Unicode classes on every text (its fast path must give the same). */
const wordsPlainly = (text: string): string[] => {
  const lower = text.toLowerCase()
  const found: string[] = []
  for (const match of (isAscii(lower) ? lower : lower.normalize("NFKC")).match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? []) {
    const word = match.includes("'") || match.includes("’") ? match.replace(/['’](s|t|re|ve|ll|d)?$/u, "").replace(/['’]/g, "") : match
    if (isAscii(word)) found.push(word)
    else found.push(...unspacedPieces(word))
  }
  return found
}

describe("the words of a text", () => {
  it("are the same on ASCII with typographic quotes, dashes, an ellipsis and a no-break space as by the Unicode rule", () => {
    for (const text of ["Don’t stop — it’s “great”… right?", "O’Neil’s – ‘quote’\u00a0here", "x’’y ’s a’ 12’ab ab’12", "l’état, café’s Σ…", "Rock'n'roll isn't dead"])
      expect(words(text)).toEqual(wordsPlainly(text))
  })

  it("of a text, a space and a body are the text's words, then the body's (the headline reads them so)", () => {
    for (const [x, y] of [["ΟΔΟΣ", "ΣΟΦΙΑ λέει"], ["é", "\u0301a"], ["İstanbul", "İzmir"], ["東京", "大阪"], ["don", "’t"], ["", "Body"]] as const)
      expect(words(`${x} ${y}`)).toEqual([...words(x), ...bodyWords(y)])
  })

  const clusters = eventClusters()
  it.skipIf(clusters === null)("of a title, a space and a body are the title's words, then the body's, for every Giveme5W1H dev event", () => {
    for (const views of clusters?.values() ?? [])
      for (const { extracted } of views) {
        const [title, body] = [extracted?.title ?? "", extracted?.body ?? ""]
        expect(words(`${title} ${body}`)).toEqual([...words(title), ...bodyWords(body)])
      }
  })

  it.skipIf(clusters === null)("are the same by the Unicode rule over every sentence of the Giveme5W1H dev events", () => {
    for (const views of clusters?.values() ?? [])
      for (const view of views)
        for (const s of splitSentences(view.articleId, view.extracted?.body ?? "")) expect(words(s.text)).toEqual(wordsPlainly(s.text))
  })
})
