import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// One station for the whole run, on a fresh data folder with the demo organisation and a known
// admin. The env var carries the folder to the workers, which load this file again.
process.env.SWITCHBOARD_E2E_DATA ??= mkdtempSync(join(tmpdir(), 'switchboard-e2e-'));
const data = process.env.SWITCHBOARD_E2E_DATA;
// SWITCHBOARD_E2E_PORT lets two checkouts on one machine run their end-to-end suites side by side.
export const E2E_PORT = Number(process.env.SWITCHBOARD_E2E_PORT ?? 4958);
export const E2E_LOGIN = 'e2e-admin';
export const E2E_PASSWORD = 'e2e-password-4938';

const cli = 'node main/bin/switchboard.js';

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  outputDir: 'test-results/artifacts',
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    viewport: { width: 1366, height: 768 },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--no-first-run',
        '--disable-quic',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command:
      `${cli} user add --data ${data} --login ${E2E_LOGIN} --role admin --password ${E2E_PASSWORD} && ` +
      `${cli} start --data ${data} --port ${E2E_PORT} --demo`,
    url: `http://127.0.0.1:${E2E_PORT}/api/v1/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
  },
});
