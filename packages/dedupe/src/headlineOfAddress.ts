import { fold, isContentWord } from "./text.js"

/** A word of a web address's path that can be a headline's: letters, with at most two digits ("1st", "g20"); not an id. */
const isHeadlineWord = (word: string): boolean => /\p{L}/u.test(word) && (word.match(/\p{N}/gu)?.length ?? 0) <= 2

/** The content words among a segment's words: what tells an article's headline from a section's name. */
const contentWords = (words: readonly string[]): number => words.filter((word) => isContentWord(fold(word))).length

/**
 * The headline a web address spells, or null: the path segment of most content words, without its file extension and
 * the ids around the words (".../wireStory/russian-space-experts-regain-control-1st-angola-satellite-52044233" spells
 * "russian space experts regain control 1st angola satellite"). Outlets write that segment from the headline, so a
 * page whose headline was lost (a title that was only the outlet's name) still names its story. Three content words
 * at least: a section ("/news/world-us-canada-12345678", "/arts-and-entertainment/") or an id spells none, and every
 * headline-less page of a section must not share one.
 */
export const headlineOfAddress = (url: string | null): string | null => {
  if (url === null) return null
  let path: string
  try {
    path = decodeURIComponent(new URL(url).pathname)
  } catch {
    return null
  }
  let best: string[] = []
  let bestContent = 0
  for (const segment of path.split("/")) {
    const words = segment
      .replace(/\.[a-z0-9]{2,5}$/i, "")
      .split(/[-_+.,\s]+/)
      .filter(isHeadlineWord)
    const content = contentWords(words)
    if (content > bestContent) {
      best = words
      bestContent = content
    }
  }
  return bestContent >= 3 ? best.join(" ") : null
}
