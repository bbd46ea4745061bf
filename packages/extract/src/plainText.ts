import {
  agencyInputsCredit,
  hasEmailAddress,
  isBareDate,
  isContactOrBio,
  isCopyrightNotice,
  isCreditedCaption,
  isDateStamp,
  isEndMarker,
  isNewsletterPrompt,
  isNotProse,
  isReaderPrompt,
  endsLikeSentence,
  isCaptionBlock,
  isChromeLine,
  isCookieOrPaywall,
  isDonationAppeal,
  isPipeJoinedList,
  isUpdateStamp,
  sameText,
  stripTrailingPromo,
  wordCount,
} from "./boilerplate.js"
import { findDate, isClockLine } from "./dates.js"
import { citedAgency, readDateline } from "./dateline.js"
import type { Draft, Hints } from "./draft.js"

const DATE_HEADER = /^\s*date\s+((?:19|20)\d{2}-\d{2}-\d{2})\b\s*/i
// Case matters: "By comparison, the engines..." opens a sentence, "By Jane Doe" a byline.
const BYLINE = /^(?:[Bb]y|[Ww]ritten by|[Pp]osted by|[Rr]eported by)\s+((?:@[\w]+|[\p{Lu}][\p{L}'’.-]*)(?:\s+(?:[\p{Lu}][\p{L}'’.-]*|and|&|de|van|von|bin|al))*)\s*(?:[|,–—-].*)?$/u
const HANDLE = /(^|\s)(@[A-Za-z0-9_]{2,30})\b/

const isHeadingLike = (line: string): boolean => {
  const t = line.trim()
  return (
    wordCount(t, 0) > 0 &&
    wordCount(t, 14) <= 14 &&
    t.length <= 120 &&
    !endsLikeSentence(t) &&
    !/[,;:]$/.test(t) &&
    /^["'‘“]?[\p{Lu}\p{N}]/u.test(t)
  )
}

const normaliseLine = (line: string): string => line.replace(/[\u00a0\u2000-\u200b\t]+/g, " ").replace(/ {2,}/g, " ").trim()

/** Lines that are a hard-wrapped paragraph join up again; lines that each end a sentence stay separate paragraphs. */
const unitsOf = (lines: readonly string[]): string[] => {
  const units: string[] = []
  for (const line of lines) {
    const last = units[units.length - 1]
    if (last !== undefined && !endsLikeSentence(last) && wordCount(last, 14) > 14 && /^[\p{Ll}\d(“"'‘]/u.test(line)) units[units.length - 1] = `${last} ${line}`
    else units.push(line)
  }
  return units
}

/** A saved page as plain text, chrome and all: the article's paragraphs and what its header and footer say about it. */
export const readPlainText = (content: string, hints: Hints): Draft => {
  let publishedAt: string | null = null
  let byline: string | null = null
  let credit: string | null = null
  let dateline: string | null = null

  const blocks = content
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t\u00a0]*\n/)
    .map((b) => b.split("\n").map(normaliseLine).filter((l) => l.length > 0))
    .filter((b) => b.length > 0)

  const units: { text: string; block: number }[] = []
  let bodySeen = 0
  blocks.forEach((lines, blockIndex) => {
    if (bodySeen < 0) return
    if (isCaptionBlock(lines)) return
    const kept: string[] = []
    for (let line of lines) {
      line = stripTrailingPromo(line)
      if (line.length === 0) continue
      const header = DATE_HEADER.exec(line)
      if (header && units.length === 0 && kept.length === 0) {
        publishedAt ??= header[1]!
        line = line.slice(header[0].length).trim()
        if (line.length === 0) continue
      }
      if (units.length === 0 && kept.length === 0 && isClockLine(line)) continue
      if (isChromeLine(line)) continue
      const inputs = agencyInputsCredit(line)
      if (inputs) {
        credit ??= inputs
        continue
      }
      const by = BYLINE.exec(line)
      if (by && wordCount(line, 14) <= 14) {
        byline ??= by[1]!.trim()
        publishedAt ??= findDate(line)?.date ?? null
        continue
      }
      if (isPipeJoinedList(line)) {
        const date = findDate(line)
        if (date && wordCount(line, 14) <= 14) {
          publishedAt ??= date.date
          byline ??= HANDLE.exec(line)?.[2] ?? null
        }
        continue
      }
      if (isDateStamp(line) || isBareDate(line)) {
        // A stamp above the article dates it; one below it ("Updated ...") does not.
        if (bodySeen === 0 && !isUpdateStamp(line)) publishedAt ??= findDate(line)?.date ?? null
        continue
      }
      // After a donation appeal or a "Related stories" heading in the second half, nothing is article any more.
      const inSecondHalf = blockIndex >= blocks.length * 0.5
      if ((bodySeen >= 2 && inSecondHalf && isDonationAppeal(line)) || (bodySeen >= 3 && inSecondHalf && isEndMarker(line))) {
        bodySeen = -1
        break
      }
      // An appeal boxed in the middle of the article goes, and the article goes on after it.
      if (isDonationAppeal(line) && wordCount(line, 40) < 40) continue
      if (isCookieOrPaywall(line) && wordCount(line, 40) < 40) continue
      if (isReaderPrompt(line) || isNewsletterPrompt(line) || isCopyrightNotice(line) || isCreditedCaption(line) || isNotProse(line)) continue
      if (isContactOrBio(line) && (!endsLikeSentence(line) || hasEmailAddress(line))) continue
      kept.push(line)
    }
    if (bodySeen < 0) return
    for (const unit of unitsOf(kept)) {
      const text = stripTrailingPromo(unit)
      if (text.length === 0) continue
      units.push({ text, block: blockIndex })
      if (!isHeadingLike(text)) bodySeen++
    }
  })

  let title: string | null = null
  const first = units[0]
  if (first && hints.title && sameText(first.text, hints.title)) units.shift()
  else if (first && units.length > 1 && isHeadingLike(first.text) && wordCount(first.text, 3) >= 3) {
    title = first.text
    units.shift()
  }

  // Short non-sentence lines trailing the article are tags and links, not text.
  while (units.length > 1 && !endsLikeSentence(units[units.length - 1]!.text) && wordCount(units[units.length - 1]!.text, 14) <= 14) units.pop()

  const paragraphs = units.map((u) => u.text)
  const lead = paragraphs[0]
  if (lead !== undefined) {
    const found = readDateline(lead)
    if (found && found.rest.length > 0) {
      dateline = found.city
      credit ??= found.credit
      publishedAt ??= found.publishedAt
      paragraphs[0] = found.rest
    }
  }

  const subheadings = paragraphs.filter(
    (p, i) => i > 0 && i < paragraphs.length - 1 && isHeadingLike(p) && !isHeadingLike(paragraphs[i + 1]!),
  )
  credit ??= citedAgency(paragraphs.join("\n"))

  return {
    title: hints.title ?? title,
    paragraphs,
    subheadings,
    publishedAt: hints.publishedAt ?? publishedAt,
    dateline,
    credit,
    byline,
    language: null,
  }
}
