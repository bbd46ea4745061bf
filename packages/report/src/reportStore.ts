import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises"
import { join, resolve } from "node:path"
import { Context, Effect, Layer } from "effect"
import { ReportStoreFailed, Settings } from "@wiredesk/core"

export interface ReportStoreShape {
  readonly read: (fileName: string) => Effect.Effect<string | null, ReportStoreFailed>
  /** Writes atomically (temp file and rename), so a reader never sees half a report. */
  readonly write: (fileName: string, content: string) => Effect.Effect<void, ReportStoreFailed>
  readonly remove: (fileName: string) => Effect.Effect<void, ReportStoreFailed>
  readonly list: Effect.Effect<string[], ReportStoreFailed>
  readonly location: (fileName: string) => string
}

const safeName = (fileName: string): string => {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*\.md$/.test(fileName)) throw new Error(`unsafe report file name: ${fileName}`)
  return fileName
}

/** The reports folder: a read model on disk. */
export class ReportStore extends Context.Service<ReportStore, ReportStoreShape>()("wiredesk/ReportStore") {
  static readonly layer = Layer.effect(
    ReportStore,
    Effect.gen(function* () {
      return makeFileReportStore((yield* Settings).reportsDir)
    }),
  )
  static readonly memory = Layer.sync(ReportStore, () => makeMemoryReportStore())
}

export const makeFileReportStore = (dir: string): ReportStoreShape => {
  const root = resolve(dir)
  const path = (f: string) => join(root, safeName(f))
  const attempt = <A>(p: string, run: () => Promise<A>) => Effect.tryPromise({ try: run, catch: (cause) => new ReportStoreFailed({ path: p, cause }) })
  return {
    location: path,
    read: (f) =>
      attempt(path(f), () => readFile(path(f), "utf8").catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? null : Promise.reject(e)))),
    write: (f, content) =>
      attempt(path(f), async () => {
        const tmp = `${path(f)}.${process.pid}.tmp`
        // The folder is made when a write finds it missing, not checked before every write.
        await writeFile(tmp, content, "utf8").catch(async (e: NodeJS.ErrnoException) => {
          if (e.code !== "ENOENT") throw e
          await mkdir(root, { recursive: true })
          await writeFile(tmp, content, "utf8")
        })
        await rename(tmp, path(f))
      }),
    remove: (f) => attempt(path(f), () => rm(path(f), { force: true })),
    list: attempt(root, async () => (await readdir(root).catch(() => [] as string[])).filter((f) => f.endsWith(".md")).sort()),
  }
}

export const makeMemoryReportStore = (): ReportStoreShape & { readonly files: Map<string, string> } => {
  const files = new Map<string, string>()
  return {
    files,
    location: (f) => `memory:${safeName(f)}`,
    read: (f) => Effect.sync(() => files.get(safeName(f)) ?? null),
    write: (f, content) => Effect.sync(() => void files.set(safeName(f), content)),
    remove: (f) => Effect.sync(() => void files.delete(safeName(f))),
    list: Effect.sync(() => [...files.keys()].sort()),
  }
}
