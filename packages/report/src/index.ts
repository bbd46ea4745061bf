export * from "./stories.js"
export * from "./render.js"
export * from "./reportStore.js"
export * from "./markdown.js"
