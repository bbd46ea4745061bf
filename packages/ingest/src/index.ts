export * from "./ingest.js"
export * from "./submission.js"
export * from "./submit.js"
