import os from 'node:os'
import { defineConfig } from 'vitest/config'

/** Tests that open the database are named *.db.test.ts, wherever they live (beside a server feature or in tests/). */
const DATABASE_TESTS = ['server/**/*.db.test.ts', 'scripts/**/*.db.test.ts', 'tests/**/*.db.test.ts']
const BROWSER_TESTS = ['tests/e2e/**/*.test.ts']
const ALL_TESTS = ['server/**/*.test.ts', 'client/src/**/*.test.ts', 'tests/**/*.test.ts', 'scripts/**/*.test.ts']

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 300_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ALL_TESTS,
          exclude: [...DATABASE_TESTS, ...BROWSER_TESTS],
          // No global setup: a unit test that reaches for the database fails on a missing inject('databaseUrl').
          // Vitest's default is one worker fewer than the cores, which is one on a two-core machine.
          maxWorkers: Math.max(2, os.availableParallelism()),
          // Pure code: a worker keeps its modules loaded from one file to the next instead of importing them again
          // (about a third off the project's time). Globals a test stubs are unstubbed in its afterEach.
          isolate: false,
          // Its own group, run first: vitest refuses projects of different worker counts in one group.
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'db',
          include: DATABASE_TESTS,
          exclude: BROWSER_TESTS,
          globalSetup: ['tests/support/global-setup.ts'],
          // Database tests reset one shared schema; the embedded database is a single backend. One file at a time.
          fileParallelism: false,
          // One worker runs every file with the server's modules loaded once (each file builds its own app on a
          // fresh schema), instead of importing them again per file: about 20 s less.
          isolate: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: BROWSER_TESTS,
          // The app under the browser uses the same test database and schema as the db project: never both at once
          // (serial projects share vitest's one sequential group, which runs one file at a time).
          globalSetup: ['tests/support/global-setup.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
})
