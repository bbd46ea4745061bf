import type { WiredeskSettings } from "@wiredesk/core"

/** The HTTP API (placeholder until the operations work lands). */
export const serve = async (_settings: WiredeskSettings, _options: { readonly port: number }): Promise<number> => {
  process.stderr.write("wiredesk serve: not built yet\n")
  return 1
}
