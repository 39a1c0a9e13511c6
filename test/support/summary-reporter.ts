import type { Reporter, TestModule } from "vitest/node";

/** Ends the run with the plain closing line CI reads: `N passed, N failed[, N skipped]`. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const module of testModules) {
      const tests = [...module.children.allTests()];
      // A file that fails before any test runs (an import error) still counts as a failure.
      if (tests.length === 0 && module.state() === "failed") failed++;
      for (const test of tests) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
    }
    const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`;
    // Printed as the very last line, after the default reporter's summary.
    process.once("exit", () => process.stdout.write(`\n${line}\n`));
  }
}
