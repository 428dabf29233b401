import { configDefaults, defineConfig } from 'vitest/config';
import { havePostgres } from './test/pg-cluster.js';

// The page-level forms tests run twice: on SQLite (the `site` project, with everything else) and on a
// real PostgreSQL (`forms-postgresql`: FORMS_STORE=postgres, one throw-away cluster from
// test/pg-global-setup.ts). The store contract and the database-fault tests cover both stores themselves.
// Without PostgreSQL installed the second project is left out, except in CI (CI=true), where that fails.
const postgres = havePostgres();
if (!postgres) console.warn('PostgreSQL is not installed: the forms suite runs on SQLite only');

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      { extends: true as const, test: { name: 'site', include: ['test/**/*.test.ts'] } },
      ...(postgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'forms-postgresql',
                include: ['test/forms-*.test.ts'],
                exclude: [...configDefaults.exclude, 'test/forms-store.test.ts', 'test/forms-database-faults.test.ts'],
                env: { FORMS_STORE: 'postgres' },
                globalSetup: ['test/pg-global-setup.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
