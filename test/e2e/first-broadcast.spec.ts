import { test, expect } from '@playwright/test';
import { E2E_LOGIN, E2E_PASSWORD } from '../../playwright.config.js';

// The newcomer's first minute: log in, send to a demo group, watch it get delivered and answered.
test('a dispatcher sends to a group and sees delivered statuses and a reply', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.getByTestId('login-login').fill(E2E_LOGIN);
  await page.getByTestId('login-password').fill(E2E_PASSWORD);
  await page.getByTestId('login-submit').click();

  // A district (its two crews, 12 people): the simulated people each answer with some chance,
  // and with a dozen of them the spec never waits on a broadcast nobody answers.
  const crew = page.locator('[data-testid^="group-row-"]', { hasText: 'Северный РЭС' });
  await expect(crew).toBeVisible();
  await crew.locator('[data-testid^="group-pick-"]').click();

  await page.getByTestId('compose-text').fill('Отключение на ПС-12, ответьте 1 если на связи');
  await expect(page.getByTestId('compose-recipients')).toHaveAttribute('data-count', '12');
  await page.getByTestId('compose-send').click();
  // The second chance names the count; Enter sends.
  await expect(page.getByTestId('compose-check-people')).toHaveAttribute('data-count', '12');
  await page.keyboard.press('Enter');

  const result = page.getByTestId('compose-result');
  await expect(result).toHaveAttribute('data-recipients', '12');
  const broadcastId = await result.getAttribute('data-broadcast-id');
  expect(broadcastId).toBeTruthy();

  // Delivery reports come within a second or two; replies a few seconds later.
  await expect(page.getByTestId(`board-count-${broadcastId}-delivered`)).not.toHaveAttribute('data-count', '0', { timeout: 20_000 });
  // Other specs share this station: wait for a reply to this broadcast, not just any reply.
  await expect(page.locator(`[data-testid^="feed-item-"][data-broadcast-id="${broadcastId}"][data-direction="in"]`).first()).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByTestId(`board-count-${broadcastId}-replied`)).not.toHaveAttribute('data-count', '0');

  await page.screenshot({ path: testInfo.outputPath('control-room.png'), fullPage: true });
});
