import { Event } from "./events.js"

/**
 * Raw events read from the log are upcast to the newest shape before parsing. No event has a second
 * version yet; when one does (say `ArticleExtracted.v2`), add `"ArticleExtracted.v1": (data) => ({ type: "ArticleExtracted.v2", data: ... })`.
 */
const upcasters: Record<string, (data: unknown) => { type: string; data: unknown }> = {}

/** Parses a stored event, upcasting older versions; throws a zod error when it matches no schema. */
export const upcastAndParse = (raw: { type: string; data: unknown }): Event => {
  let current = raw
  for (let hop = 0; hop < 10; hop++) {
    const up = upcasters[current.type]
    if (up === undefined) break
    current = up(current.data)
  }
  return Event.parse(current)
}
