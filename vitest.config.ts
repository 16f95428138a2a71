import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The slow project: real child processes, the synthesized stack, the state machine end to end and the fault
 * sweeps. Everything else (pure code, single emulators, single handlers) is the fast project.
 * `npm test` runs both; `npm run test:fast` only the fast one.
 */
const slow = [
  'test/e2e/**/*.test.ts',
  'test/infra/**/*.test.ts',
  'test/integration/cli/**/*.test.ts',
  'test/integration/pipeline/**/*.test.ts',
  'test/reliability/**/*.test.ts',
  'test/slow/**/*.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: a single worker on the 2-core CI machines, where most
    // test time is spent waiting on emulators and child processes. Three workers run the suite in about 60% of
    // the time with the same results.
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: { name: 'fast', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...slow] },
      },
      { extends: true, test: { name: 'slow', include: slow } },
    ],
  },
});
