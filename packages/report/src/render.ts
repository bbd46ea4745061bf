import type { ArticleView } from "./stories.js"

export interface StorySummary {
  readonly storyId: string
  readonly title: string
  readonly articleCount: number
  readonly sourceCount: number
  readonly firstDate: string | null
  readonly lastDate: string | null
  readonly fileName: string
}

/** The report's file name inside the reports folder: a safe slug, never a path. */
export const reportFileName = (storyId: string): string => `${storyId.replace(/[^A-Za-z0-9._-]/g, "-")}.md`

/** Pure: one story's Markdown report. (Stub: replaced by the report work.) */
export const renderStoryReport = (storyId: string, articles: readonly ArticleView[]): string => {
  const lines = [`# ${articles[0]?.extracted?.title ?? storyId}`, "", "## Sources", ""]
  for (const a of articles) lines.push(`- ${a.articleId} (${a.extracted?.publishedAt ?? "date unknown"})`)
  return `${lines.join("\n")}\n`
}

export const summarizeStory = (storyId: string, articles: readonly ArticleView[]): StorySummary => {
  const dates = articles.map((a) => a.extracted?.publishedAt?.slice(0, 10)).filter((d): d is string => !!d).sort()
  return {
    storyId,
    title: articles[0]?.extracted?.title ?? storyId,
    articleCount: articles.length,
    sourceCount: new Set(articles.map((a) => a.extracted?.source ?? a.articleId)).size,
    firstDate: dates[0] ?? null,
    lastDate: dates[dates.length - 1] ?? null,
    fileName: reportFileName(storyId),
  }
}

/** Pure: index.md, newest story first. (Stub: replaced by the report work.) */
export const renderIndex = (stories: readonly StorySummary[]): string => {
  const sorted = [...stories].sort((a, b) => ((b.lastDate ?? "") < (a.lastDate ?? "") ? -1 : (b.lastDate ?? "") > (a.lastDate ?? "") ? 1 : a.storyId < b.storyId ? -1 : 1))
  const lines = ["# Stories", ""]
  for (const s of sorted) lines.push(`- [${s.title}](${s.fileName}): ${s.articleCount} articles`)
  return `${lines.join("\n")}\n`
}
