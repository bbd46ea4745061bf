export * from "./dedupe.js"
export { analyze, featuresOf } from "./features.js"
export { estimateJaccard, minhash, shingleHashes } from "./minhash.js"
export { sentencesOf, tokenize } from "./text.js"
