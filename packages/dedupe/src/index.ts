export * from "./dedupe.js"
