/**
 * Pages whose text is the site's navigation: menus of sections, category and archive lists ("Categories Select
 * Category AGRICULTURE ART BOOK REVIEW ... Archives Select Month January 2018 December 2017 ..."). A crawler gets one
 * when the article did not load; every page of that site reads alike. Navigation is labels one after another: long
 * runs of capitalised words and numbers with no sentence punctuation. An article has sentences, so one with a menu
 * left in it keeps its text. (Scripts without capitals never read as labels here: their menus are left alone.)
 */

/** A run of labels this long is a menu, not a headline or a caption. */
const MIN_MENU_WORDS = 40
/** Labels start with a capital or a digit; prose does so only at its names and its sentences' starts. */
const MIN_LABEL_SHARE = 0.7
/** The page is navigation when its menus hold this share of its words. */
const MIN_PAGE_SHARE = 0.8

const WORD = /[\p{L}\p{N}]+/gu
const SENTENCE_PUNCTUATION = /[.!?…。।؟]/
const LABEL_START = /^[\p{Lu}\p{Lt}\p{N}]/u

const menuWords = (paragraph: string): number => {
  if (SENTENCE_PUNCTUATION.test(paragraph)) return 0
  const words = paragraph.match(WORD) ?? []
  if (words.length < MIN_MENU_WORDS) return 0
  const labels = words.filter((w) => LABEL_START.test(w)).length
  return labels >= words.length * MIN_LABEL_SHARE ? words.length : 0
}

/** Why a page is only the site's navigation, or null when it may be an article. */
export const navigationOf = (paragraphs: readonly string[]): string | null => {
  // Menus first: an article's paragraphs have sentence punctuation, and its words are counted only when there is a menu.
  let menus = 0
  for (const paragraph of paragraphs) menus += menuWords(paragraph)
  if (menus === 0) return null
  let words = 0
  for (const paragraph of paragraphs) words += (paragraph.match(WORD) ?? []).length
  return menus >= words * MIN_PAGE_SHARE ? "the page is the site's navigation (menus and archives), not an article" : null
}
