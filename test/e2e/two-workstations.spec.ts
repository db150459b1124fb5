import { spawnSync } from 'node:child_process';
import { test, expect, type Browser, type Page } from '@playwright/test';
import { E2E_LOGIN, E2E_PASSWORD } from '../../playwright.config.js';

// Two dispatchers at two desks: a second user is created with the CLI on the running station's
// data folder, each signs in from their own browser context, and what one sends — the
// broadcast, its progress and the replies — appears on the other desk live, without a reload.

const SECOND = { login: `e2e-second-${Date.now().toString(36)}`, password: 'second-desk-password-1' };

async function signIn(browser: Browser, login: string, password: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  await page.getByTestId('login-login').fill(login);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('feed-panel')).toBeVisible();
  return page;
}

test('a broadcast sent at one desk and its replies show up live at another desk', async ({ browser }) => {
  test.setTimeout(90_000);
  const add = spawnSync(
    process.execPath,
    ['main/bin/switchboard.js', 'user', 'add', '--data', process.env.SWITCHBOARD_E2E_DATA!, '--login', SECOND.login, '--role', 'dispatcher', '--password', SECOND.password, '--all'],
    { encoding: 'utf8' },
  );
  expect(add.status, add.stderr).toBe(0);

  const first = await signIn(browser, E2E_LOGIN, E2E_PASSWORD);
  const second = await signIn(browser, SECOND.login, SECOND.password);
  await expect(second.getByTestId('current-user')).toContainText(SECOND.login);

  // Desk one sends to the reserve: no other spec leaves a question open to these people, so
  // their replies answer this broadcast (an open confirmation would take them first, DESIGN §4).
  const crew = first.locator('[data-testid^="group-row-"]', { hasText: 'Резерв' });
  await crew.locator('[data-testid^="group-pick-"]').click();
  await first.getByTestId('compose-text').fill('Вторая смена: проверка связи, ответьте 1');
  await expect(first.getByTestId('compose-recipients')).not.toHaveAttribute('data-count', '0');
  await first.getByTestId('compose-send').click();
  await first.keyboard.press('Enter'); // The second-chance confirmation.
  const result = first.getByTestId('compose-result');
  await expect(result).toHaveAttribute('data-broadcast-id', /\d+/);
  const id = await result.getAttribute('data-broadcast-id');

  // Desk two sees the broadcast appear and fill up, and the replies arrive, without reloading.
  const row = second.getByTestId(`board-row-${id}`);
  await expect(row).toBeVisible({ timeout: 10_000 });
  await expect(second.getByTestId(`board-count-${id}-delivered`)).not.toHaveAttribute('data-count', '0', { timeout: 20_000 });
  await expect(second.getByTestId(`board-count-${id}-replied`)).not.toHaveAttribute('data-count', '0', { timeout: 30_000 });
  await second.getByTestId(`board-show-in-feed-${id}`).click();
  await expect(second.locator(`[data-testid^="feed-item-"][data-broadcast-id="${id}"][data-direction="in"]`).first()).toBeVisible();

  // Both desks agree on the figures.
  for (const key of ['delivered', 'replied'] as const) {
    const a = first.getByTestId(`board-count-${id}-${key}`);
    const b = second.getByTestId(`board-count-${id}-${key}`);
    await expect(async () => expect(await b.getAttribute('data-count')).toBe(await a.getAttribute('data-count'))).toPass({ timeout: 15_000 });
  }
  await first.context().close();
  await second.context().close();
});
