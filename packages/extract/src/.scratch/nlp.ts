import nlp from "compromise"
import { readFileSync } from "node:fs"
const text = readFileSync("/work/main/fixtures/seeds/000_16e3b0c8dca4eb08.txt", "utf8")
const t = performance.now()
const doc = nlp(text)
const p = doc.people().json({ normal: true })
const o = doc.organizations().out("array")
const pl = doc.places().out("array")
console.log(performance.now() - t)
console.log(p.map((x: any) => x.text), o, pl)
const t2 = performance.now(); nlp(text).people().out("array"); console.log(performance.now() - t2)
