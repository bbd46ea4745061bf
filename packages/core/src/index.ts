export * from "./events.js"
export * from "./ids.js"
