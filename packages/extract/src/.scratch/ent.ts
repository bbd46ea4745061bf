import { readFileSync, readdirSync } from "node:fs"
import { readPlainText } from "../plainText.ts"
import { findEntities } from "../entities.ts"
const dir = "/work/main/fixtures/seeds/"
for (const f of readdirSync(dir)) {
  const d = readPlainText(readFileSync(dir + f, "utf8"), { title: null, publishedAt: null })
  const t = performance.now()
  const e = findEntities(d.paragraphs)
  console.log("=====", f, (performance.now() - t).toFixed(1))
  for (const k of ["people", "organisations", "places"] as const) console.log(k, e[k].map((x) => `${x.name}(${x.count})${x.forms.length > 1 ? "[" + x.forms.join("|") + "]" : ""}`).join(", "))
}
