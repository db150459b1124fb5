import { test, expect } from '@playwright/test';
import { E2E_LOGIN, E2E_PASSWORD } from '../../playwright.config.js';

// An administrator opens the carriers panel on the e2e station (simulator carrier): the card is
// up, a probe of a path with no modem says so, and a test SMS goes out and is reported delivered.
test('an administrator sees the carrier card, probes a port and sends a test SMS', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.getByTestId('login-login').fill(E2E_LOGIN);
  await page.getByTestId('login-password').fill(E2E_PASSWORD);
  await page.getByTestId('login-submit').click();

  await page.locator('[data-testid=carriers-panel] > summary').click();
  const card = page.getByTestId('carrier-card-simulator');
  await expect(card).toHaveAttribute('data-state', 'up');

  await page.locator('[data-testid=carrier-tools] > summary').click();
  await page.getByTestId('carrier-port-path').fill('/dev/no-such-modem-port');
  await page.getByTestId('carrier-probe').click();
  await expect(page.getByTestId('carrier-probe-verdict')).toHaveAttribute('data-code', 'unreachable');

  await page.getByTestId('carrier-test-phone').fill('+7 916 555-00-77');
  await page.getByTestId('carrier-test-send').click();
  const result = page.getByTestId('carrier-test-result');
  // The simulated network reports every SMS; a few per hundred as not delivered (phone off), so
  // either report is the answer followed live here.
  await expect(result).toHaveAttribute('data-status', /^(delivered|failed)$/, { timeout: 20_000 });

  await page.getByTestId('carriers-panel').screenshot({ path: testInfo.outputPath('carriers-panel.png') });
});
