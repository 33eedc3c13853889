import { defineConfig } from 'vitest/config';
import solid from 'vite-plugin-solid';

// Three suites, each runnable alone: `npm run test:unit`, `test:db`, `test:e2e`.
export default defineConfig({
  test: {
    reporters: ['default', './tests/closing-line-reporter.ts'],
    projects: [
      {
        plugins: [solid()],
        resolve: { conditions: ['browser', 'development'] },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/unit/setup.ts'],
        },
      },
      {
        test: { name: 'db', include: ['tests/db/**/*.test.ts'], environment: 'node' },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
