import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Three suites split by where they run (DESIGN §2): pure unit tests, integration tests against
// real peers (SQLite file, pty, SMTP, HTTP), and renderer component tests in jsdom.
export default defineConfig({
  plugins: [react()],
  test: {
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'renderer',
          include: ['test/unit/**/*.test.tsx'],
          environment: 'jsdom',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Integration tests open ports, ptys and SQLite files: keep them from fighting for 2 cores.
          pool: 'forks',
        },
      },
    ],
  },
});
