import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "cli",
    include: ["src/**/*.spec.ts"],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Worker processes the tests spawn run the extract core inline (threads are covered by threads.int.spec.ts).
    env: { WIREDESK_EXTRACT_THREADS: "0" },
  },
})
