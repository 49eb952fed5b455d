import { configDefaults, defineConfig } from 'vitest/config'

const shared = { hookTimeout: 180_000, testTimeout: 120_000 }

// Vitest runs cores − 1 files at once: one on this 2-core machine, while most of a spec's time is
// spent waiting on SQLite, PostgreSQL or SMTP. Two at a time cut the run (measured in docs/testing.md#run-time).
const maxWorkers = Number(process.env.VITEST_MAX_WORKERS ?? 2)

export default defineConfig({
  // The workspace packages resolve to their TypeScript sources here (exports condition), not to a build.
  resolve: { conditions: ['kontorwerk-source'] },
  ssr: { resolve: { conditions: ['kontorwerk-source'], externalConditions: ['kontorwerk-source'] } },
  test: {
    maxWorkers,
    projects: [
      {
        extends: true,
        // Pure modules and the Local API on throwaway databases (no HTTP server).
        test: {
          ...shared,
          globalSetup: ['tests/setup/report.ts', 'tests/setup/demoTemplates.ts'],
          include: ['src/**/*.spec.ts', 'collections/**/*.spec.ts', 'plugins/*/src/**/*.spec.ts'],
          name: 'unit',
        },
      },
      {
        extends: true,
        // The built product served by its express server, over HTTP and in Chromium.
        test: {
          ...shared,
          // One file at a time: the files share the servers, and "nothing was stored" counts must not see another file's writes.
          fileParallelism: false,
          // Pages re-render after navigation and data loads; poll long enough for a busy CI machine.
          expect: { poll: { timeout: 15_000 } },
          globalSetup: ['tests/setup/servers.ts', 'tests/setup/demoTemplates.ts'],
          include: ['tests/**/*.spec.ts'],
          exclude: [...configDefaults.exclude, 'tests/fixture-host/**'],
          name: 'integration',
        },
      },
      {
        extends: true,
        // A stranger's Payload app with the packed plugins installed, booted with `next start`
        // (scripts/fixture-host.sh prepares it; `npm test` does that before the run).
        test: { ...shared, include: ['tests/fixture-host/**/*.spec.ts'], name: 'fixture-host' },
      },
    ],
  },
})
