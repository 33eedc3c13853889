import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends each suite's output with one plain line, "unit: 288 passed, 0 failed", which CI
 * tools read without knowing Vitest's own summary format.
 */
export default class ClosingLineReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const projects = new Set<string>();
    for (const module of testModules) {
      projects.add(module.project.name || 'tests');
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed += 1;
        else if (state === 'failed') counts.failed += 1;
        else counts.skipped += 1;
      }
    }
    if (testModules.length === 0) return; // a suite with no test files yet (db) says nothing
    const label = projects.size === 1 ? [...projects][0] : 'tests';
    const skipped = counts.skipped > 0 ? `, ${counts.skipped} skipped` : '';
    process.stdout.write(`\n${label}: ${counts.passed} passed, ${counts.failed} failed${skipped}\n`);
  }
}
