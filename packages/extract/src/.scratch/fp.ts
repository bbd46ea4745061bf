import { isChromeLine, isEndMarker } from "../boilerplate.ts"
for (const s of ["Leia também: Governo anuncia novo pacote", "Lesen Sie auch", "Publicidad", "Baca juga: Presiden Jokowi", "Comentários (3)", "Veja também o que o ministro disse ontem sobre a proposta de reforma.", "Anzeige", "Reklama"]) console.log(s, isChromeLine(s), isEndMarker(s))
