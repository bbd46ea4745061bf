// Renders the seed articles' story with the real extract stage to docs/example-report.md.
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { renderStoryReport } from "../packages/report/src/render.js"
import { repoRoot, seedViews } from "../packages/report/src/seeds.testing.js"

const report = renderStoryReport("seeds", seedViews())
mkdirSync(join(repoRoot, "docs"), { recursive: true })
writeFileSync(join(repoRoot, "docs", "example-report.md"), report)
console.log(`docs/example-report.md: ${report.length} characters`)
