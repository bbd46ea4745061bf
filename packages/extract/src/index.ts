export * from "./extract.js"
export * from "./decode.js"
export { comparePage, summarise, type PageCounts } from "./shingleScore.js"
