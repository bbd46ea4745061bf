/** A word of a web address's path that can be a headline's: two characters or more, letters with at most two digits ("1st", "g20"); not an id. */
const isHeadlineWord = (word: string): boolean => word.length >= 2 && /\p{L}/u.test(word) && (word.match(/\p{N}/gu)?.length ?? 0) <= 2

/**
 * The headline a web address spells, or null: the path segment of most words, without its file extension and the ids
 * around the words (".../wireStory/russian-space-experts-regain-control-1st-angola-satellite-52044233" spells "russian
 * space experts regain control 1st angola satellite"). Outlets write that segment from the headline, so a page whose
 * headline was lost (a title that was only the outlet's name) still names its story. At least three words:
 * "/world/europe-12345678" or "/news/12345.html" spell none.
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
  for (const segment of path.split("/")) {
    const words = segment
      .replace(/\.[a-z0-9]{2,5}$/i, "")
      .split(/[-_+.,\s]+/)
      .filter(isHeadlineWord)
    if (words.length > best.length) best = words
  }
  return best.length >= 3 ? best.join(" ") : null
}
