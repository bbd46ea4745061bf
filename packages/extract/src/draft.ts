/** What the caller already knows about a document; a hint wins over what a reader finds in it. */
export interface Hints {
  readonly title: string | null
  readonly publishedAt: string | null
  readonly url?: string | null
}

/** What a format-specific reader finds in a document, before entities, quotes and language are added. */
export interface Draft {
  readonly title: string | null
  readonly paragraphs: readonly string[]
  readonly subheadings: readonly string[]
  readonly publishedAt: string | null
  readonly dateline: string | null
  readonly credit: string | null
  readonly byline: string | null
  readonly language: string | null
}
