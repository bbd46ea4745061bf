/** Scripts written without spaces between words (Chinese, Japanese). */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u
const UNSPACED_RUNS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu

/** A loop, not a regex: for a word of a few letters the call of a regex costs more than reading them. */
export const isAscii = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false
  return true
}

/**
 * A word as terms are made of it: itself; in Chinese or Japanese text, where a "word" of a Unicode word rule is a
 * whole run of characters, each overlapping pair of ideographs or kana (the bigrams CJK search engines index without
 * a dictionary; a lone character stays one), and the runs of other letters and digits in it whole.
 */
export const unspacedPieces = (word: string): string[] => {
  if (isAscii(word) || !UNSPACED.test(word)) return [word]
  const pieces: string[] = []
  for (const run of word.match(UNSPACED_RUNS) ?? []) {
    const chars = [...run]
    if (chars.length === 1 || !UNSPACED.test(run)) pieces.push(run)
    else for (let i = 0; i + 1 < chars.length; i++) pieces.push(`${chars[i]!}${chars[i + 1]!}`)
  }
  return pieces
}
