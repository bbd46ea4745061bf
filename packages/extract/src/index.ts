export * from "./extract.js"
export * from "./decode.js"
export * from "./document.js"
export { comparePage, scorePage, summarise, type PageCounts, type PageScore } from "./shingleScore.js"
