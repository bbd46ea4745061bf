import nlp from "compromise"
const m: any = (nlp as any).model()
for (const k of Object.keys(m)) for (const j of Object.keys(m[k])) if (/org|place|person|honor/i.test(j)) console.log(k, j, JSON.stringify(m[k][j]).slice(0, 1500))
const lex = m.one.lexicon
console.log(Object.entries(lex).filter(([k,v]) => String(v).includes("Honorific")).map(([k])=>k).join(" "))
console.log(Object.entries(lex).filter(([k,v]) => String(v)==="Person").map(([k])=>k).slice(0,80).join(" "))
console.log(Object.entries(lex).filter(([k,v]) => String(v)==="Actor").map(([k])=>k).slice(0,80).join(" "))
console.log(["white house","kremlin","u.s.","uk","eu","un","ukrainian","russian","european union","united nations","congress","senate","pentagon","white"].map(w=>w+":"+lex[w]).join(" "))
