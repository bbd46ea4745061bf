import { readdir, readFile, stat } from "node:fs/promises"
import { join } from "node:path"
import { SUPPORTED_INPUT, submissionsFromFile, type Submission } from "@wiredesk/ingest"

/** A problem with the command line itself: reported in one line, exit code 2. */
export class UsageError extends Error {}

export interface LoadedInputs {
  readonly submissions: Submission[]
  readonly skipped: string[]
}

const walk = async (path: string, explicit: boolean, out: string[], skipped: string[]): Promise<void> => {
  const info = await stat(path).catch(() => null)
  if (info === null) throw new UsageError(`no such file or folder: ${path}`)
  if (info.isDirectory()) {
    for (const entry of (await readdir(path)).sort()) await walk(join(path, entry), false, out, skipped)
  } else if (SUPPORTED_INPUT.test(path)) out.push(path)
  else if (explicit) throw new UsageError(`unsupported input ${path}: use .txt, .md, .html, .htm, .json or .jsonl (optionally .gz)`)
  else skipped.push(path)
}

/** Reads files and folders (recursively) into submissions; unsupported files inside folders are listed, not dropped silently. */
export const loadInputs = async (paths: readonly string[], maxBytes: number): Promise<LoadedInputs> => {
  if (paths.length === 0) throw new UsageError("give at least one file or folder")
  const files: string[] = []
  const skipped: string[] = []
  for (const p of paths) await walk(p, true, files, skipped)
  const submissions: Submission[] = []
  for (const file of files) submissions.push(...submissionsFromFile(file, await readFile(file), maxBytes))
  return { submissions, skipped }
}
