export * from "./dedupe.js"
export { analyze, decodeFeatures, encodeFeatures, featuresOf, sentencesFor, type ArticleFeatures } from "./features.js"
export { estimateJaccard, minhash, shingleHashes } from "./minhash.js"
export { sentencesOf, tokenize } from "./text.js"
