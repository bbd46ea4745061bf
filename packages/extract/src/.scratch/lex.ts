import nlp from "compromise"
const m: any = (nlp as any).model()
const lex = m.one.lexicon
console.log(Object.keys(m.one), Object.keys(lex).length)
for (const w of ["joe","biden","konstantin","anatoly","vladimir","putin","moscow","washington","russia","us","reuters","facebook","alexei","kosachev","jen","psaki","john","donald","trump","kremlin","tass","john","george","new york","united states","nato","abc","cnn","sheremetyevo","ukraine","kiev","afghanistan","iraq","china","paris","mike","emmanuel","apple","google"]) console.log(w, lex[w])
const tags = new Map<string, number>(); for (const v of Object.values(lex)) { const k = String(v); tags.set(k, (tags.get(k) ?? 0) + 1) }
console.log([...tags].sort((a,b)=>b[1]-a[1]).slice(0,60))
console.log(Object.keys(m.two ?? {}), Object.keys(m.three ?? {}))
