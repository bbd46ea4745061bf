import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { FIXTURE } from "./pipeline.js"

/** Hostile inputs, as files: each must end in a clear rejection or a safe report, and leave the good article alone. */
export const writeBadInputs = (dir: string) => {
  const good = readFileSync(FIXTURE, "utf8").split("\n")[0]!
  writeFileSync(join(dir, "good.json"), good)
  writeFileSync(join(dir, "empty.txt"), "")
  writeFileSync(join(dir, "binary.txt"), Buffer.concat(Array.from({ length: 40 }, () => Buffer.from(Array.from({ length: 256 }, (_, i) => i)))))
  writeFileSync(join(dir, "invalid.json"), '{"title": "x", "text": ')
  writeFileSync(join(dir, "wrongtypes.json"), JSON.stringify({ title: 5, text: ["a"] }))
  writeFileSync(
    join(dir, "invalid-utf8.txt"),
    Buffer.concat([Buffer.from("PARIS (Reuters) - The minister said "), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from(" the talks would resume on Monday after a week of protests.\n")]),
  )
  writeFileSync(
    join(dir, "scripts.html"),
    '<html><head><title>Council approves budget</title><script>alert("x")</script></head><body><article><h1>Council approves budget</h1>' +
      "<p>LONDON (AP) — The city council approved the budget on Tuesday after a long debate, officials said.</p>" +
      '<script>document.write("<p>injected</p>")</script><p>The mayor, Anna Berg, said the plan would fund new schools and roads over the next five years.</p>' +
      '<img src=x onerror="alert(1)"></article></body></html>',
  )
  writeFileSync(
    join(dir, "markdown.txt"),
    "# Injected heading\n\n```\nunclosed fence\n\n| a | b |\n|---|---|\n| <script>alert(1)</script> | [click](javascript:alert(1)) |\n\n" +
      "BERLIN (dpa) - The parliament voted on Thursday to extend the mission, the speaker [said](http://evil) </details> <!-- comment --> ***bold***.\n\n---\n\n## Sources\n\n" +
      'The defence minister, Karl Weber, said the vote was "a clear signal" to allies.\n',
  )
  // 50 MB: over the document limit by far; ingest must say so, not run out of memory.
  writeFileSync(join(dir, "big.txt"), Buffer.alloc(50 * 1024 * 1024, "a"))
}

/** A report is still one document: one title, the fixed sections once each, no live HTML, links or code fences from the article. */
export const markdownProblems = (markdown: string, name: string): string[] => {
  const problems: string[] = []
  const lines = markdown.split("\n")
  if (lines.filter((l) => /^# /.test(l)).length !== 1) problems.push(`${name}: not exactly one title`)
  if (lines.filter((l) => l === "## Sources").length !== 1) problems.push(`${name}: "## Sources" not exactly once`)
  if (lines.some((l) => /^(```|~~~)/.test(l))) problems.push(`${name}: a code fence`)
  // An escaped `\<` renders as a literal "<": only an unescaped tag is live HTML.
  if (/(?<!\\)<(script|img|details|\/details|!--)/i.test(markdown)) problems.push(`${name}: raw HTML`)
  if (/\]\((javascript|http:\/\/evil)/i.test(markdown)) problems.push(`${name}: a link from the article`)
  return problems
}
