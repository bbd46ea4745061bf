export * from "./stories.js"
export * from "./render.js"
