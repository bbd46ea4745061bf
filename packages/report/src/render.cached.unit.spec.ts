import { describe, expect, it, vi } from "vitest"
import { eventClusters } from "./dataset.testing.js"
import { renderStory } from "./render.js"
import type { ArticleView } from "./stories.js"

const clusters = eventClusters()

/** A render by a fresh copy of the report modules: every cache they keep (per article, per story, per text) empty. */
const uncached = async (storyId: string, views: readonly ArticleView[]) => {
  vi.resetModules()
  const fresh = (await import("./render.js")) as typeof import("./render.js")
  return fresh.renderStory(storyId, views)
}

const copyOf = (copy: ArticleView, original: ArticleView): ArticleView => ({
  ...copy,
  copyOf: { articleId: copy.articleId, originalId: original.articleId, similarity: 0.93, added: [], removed: [] },
})

// A story as a report worker sees it over its life: members arrive one at a time (the caches warm from the renders
// before), one turns out to copy another and is then an original again, one is taken away, another story merges in.
const lifeOf = (views: readonly ArticleView[], merged: readonly ArticleView[]): ArticleView[][] => {
  const steps: ArticleView[][] = []
  for (let n = 1; n <= views.length; n++) steps.push(views.slice(0, n))
  const all = [...views]
  steps.push([copyOf(all[1]!, all[0]!), ...all.filter((_, i) => i !== 1)])
  steps.push(all)
  steps.push(all.filter((_, i) => i !== 0))
  steps.push([...all, ...merged])
  steps.push([...all.filter((_, i) => i !== all.length - 1), ...merged])
  return steps
}

describe.skipIf(clusters === null)("a story rendered again as it changes, with every cache warm", () => {
  const entries = [...(clusters ?? new Map<string, ArticleView[]>())].sort(([a], [b]) => (a < b ? -1 : 1))
  // The three largest events, each merged with the next largest.
  const largest = [...entries].sort(([, a], [, b]) => b.length - a.length).slice(0, 4)
  const cases = largest.slice(0, 3).map(([id, views], i) => ({ id, views, merged: largest[i + 1]![1], n: views.length }))

  it.each(cases)("renders event $id ($n articles) at each step exactly as an uncached render does", async ({ id, views, merged }) => {
    for (const step of lifeOf(views, merged)) {
      const cached = renderStory(id, step)
      expect(cached).toEqual(await uncached(id, step))
    }
  })
})
