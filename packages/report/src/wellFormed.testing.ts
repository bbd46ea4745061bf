// What a reader of a report can rely on, whatever the articles said: used by the specs.

export const SECTIONS = [
  "Sources",
  "Timeline",
  "Quotes",
  "People",
  "Organisations",
  "What the sources agree on",
  "What only one source reports",
  "Discrepancies",
]

/** Splits a table row on the pipes that are not escaped. */
export const cellsOf = (row: string): string[] =>
  row
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim())

const OWN_LINK = /\]\(<(articles\/[A-Za-z0-9%._-]+|[A-Za-z0-9_-]+\.md)>\)/g
const MARKER = /(?<!\\)\[[A-Za-z0-9]+\](?!\()/g
const REFERENCE = /^\[[A-Za-z0-9]+\]: <articles\/[A-Za-z0-9%._-]+>$/

/** Problems with a report's structure; empty when the report is well-formed. */
export const structureProblems = (report: string, articleCount: number): string[] => {
  const problems: string[] = []
  const lines = report.split("\n")
  if (!/^# \S/.test(lines[0] ?? "")) problems.push("the report does not open with a headline")
  if (!report.endsWith("\n") || report.endsWith("\n\n")) problems.push("the report does not end with exactly one newline")
  const headings = lines.filter((l) => l.startsWith("#"))
  if (headings.filter((h) => h.startsWith("# ")).length !== 1) problems.push("more than one top-level heading")
  for (const h of headings.slice(1)) if (!SECTIONS.some((s) => h === `## ${s}`)) problems.push(`unexpected heading: ${h.slice(0, 80)}`)
  // Once escape pairs are gone, every remaining bracket, angle bracket or backtick must be the report's own.
  for (const line of lines) {
    if (REFERENCE.test(line)) continue
    const unescaped = line.replace(/\\[\s\S]/g, "").replace(MARKER, "")
    const links = (unescaped.match(OWN_LINK) ?? []).length
    const bare = unescaped.replace(OWN_LINK, "")
    if ((bare.match(/\[/g) ?? []).length !== links || /\]/.test(bare)) problems.push(`stray bracket: ${line.slice(0, 120)}`)
    if (/[<>]/.test(bare.replace(/^> /, ""))) problems.push(`raw HTML or autolink: ${line.slice(0, 120)}`)
    if (/`/.test(bare)) problems.push(`code span: ${line.slice(0, 120)}`)
    if (/!\[/.test(bare)) problems.push(`image: ${line.slice(0, 120)}`)
    if (/\b(https?|javascript|ftp|mailto):/i.test(line.replace(OWN_LINK, "")) || /\bwww\./i.test(line)) problems.push(`bare link: ${line.slice(0, 120)}`)
  }
  const start = lines.indexOf("## Sources")
  if (start < 0) problems.push("no sources table")
  else {
    const rows: string[] = []
    for (let i = start + 2; i < lines.length && lines[i]!.startsWith("|"); i++) rows.push(lines[i]!)
    const header = rows[0] === undefined ? 0 : cellsOf(rows[0]).length
    const body = rows.slice(2)
    if (body.length !== articleCount) problems.push(`sources table has ${body.length} rows for ${articleCount} articles`)
    for (const r of body) if (cellsOf(r).length !== header) problems.push(`sources row with ${cellsOf(r).length} cells: ${r.slice(0, 120)}`)
  }
  for (const l of lines) if (/[\u0000-\u0008\u000B-\u001F\u007F]/.test(l)) problems.push("control characters")
  return [...new Set(problems)]
}
