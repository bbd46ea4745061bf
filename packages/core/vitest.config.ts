import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "core",
    include: ["src/**/*.spec.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
