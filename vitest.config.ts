import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: [
            'tests/unit/**/*.test.{ts,tsx}',
            'utils/**/*.test.ts',
            'components/**/*.test.tsx',
          ],
          environment: 'node',
          setupFiles: ['tests/unit/setup.ts'],
          // Worker threads start faster than forked processes, and 119 files each start one:
          // on two cores the unit run took 125 s instead of 162 s (CPU time 111 s instead of 130 s).
          pool: 'threads',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // The gallery's measurements run apart (npm run gallery): they take ten minutes and
          // their targets (issue 17) are not met yet; their figures are in docs/ehr-gallery.md.
          // The bench smoke test (two minutes) runs apart too: npm run test:bench-smoke, in CI.
          exclude: ['tests/e2e/gallery-*.test.ts', 'tests/e2e/bench-smoke.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          // One Chromium at a time: the machine has two cores and the tests measure real behaviour.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          // `npm run bench` in miniature (every figure produced once): off npm test's critical
          // path, since it alone takes about two minutes; CI runs it (npm run test:bench-smoke).
          name: 'bench-smoke',
          include: ['tests/e2e/bench-smoke.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'gallery',
          include: ['tests/e2e/gallery-*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 900_000,
          hookTimeout: 240_000,
          globalSetup: ['tests/e2e/global-setup.ts'],
        },
      },
      {
        test: {
          // Tests that write a browser's enterprise policy into a system folder, which every
          // browser on the machine reads: root only (npm run test:managed; CI runs them).
          name: 'managed',
          include: ['tests/managed/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
