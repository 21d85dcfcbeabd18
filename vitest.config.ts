import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "packages/*/test/**/*.test.ts"],
    setupFiles: ["packages/local-discord/test/failOnSpecViolations.ts"],
    // The tests share no global state, and importing discord.js once per worker instead of once
    // per file saves about a third of the run on two cores.
    isolate: false,
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
