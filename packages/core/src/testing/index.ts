export * from "./given.js"
export * from "./redis.js"
