export * from "./extract.js"
export * from "./decode.js"
