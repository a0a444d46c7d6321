import { defineConfig } from 'vitest/config';

// One project per top-level part. Projects that touch storage get their own in-memory DynamoDB Local
// from the global setup; each test file then creates its own table, so files never share data.
const dynamoSetup = './test/support/dynamo-global-setup.ts';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'dsl', include: ['test/dsl/**/*.test.ts'] } },
      {
        test: {
          name: 'functions',
          include: ['test/functions/**/*.test.ts'],
          globalSetup: [dynamoSetup],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      { test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 60_000 } },
      { test: { name: 'web', include: ['test/web/**/*.test.ts'] } },
      {
        // The console in Debian's Chromium against the real server (built and started by the global setup).
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['./test/e2e/support/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
