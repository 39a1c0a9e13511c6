import { defineConfig } from "vitest/config";

// The fault tests start and kill their own Redis, Postgres and server processes; they run after
// everything else, alone, so their timings don't depend on what else shares the 2 cores.
const RELIABILITY = "test/reliability/**/*.test.ts";

export default defineConfig({
  test: {
    globalSetup: ["test/support/global-setup.ts"],
    reporters: ["default", "./test/support/summary-reporter.ts"],
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "main",
          include: ["packages/*/src/**/*.test.ts", "apps/*/src/**/*.test.ts", "test/**/*.test.ts", "docs/**/*.test.ts"],
          exclude: ["**/node_modules/**", RELIABILITY],
        },
      },
      {
        extends: true,
        test: {
          name: "reliability",
          include: [RELIABILITY],
          sequence: { groupOrder: 1 },
          fileParallelism: false,
        },
      },
    ],
  },
});
