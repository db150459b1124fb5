import AxeBuilder from '@axe-core/playwright';
import { test, expect, type Page } from '@playwright/test';
import { E2E_LOGIN, E2E_PASSWORD, E2E_PORT } from '../../playwright.config.js';
import { ControlRoomClient } from '../tools/control-room-client.js';

// axe-core over the login form and the control room, in both themes: nothing serious or
// critical (names, contrast, roles, landmarks). The feed has live data in it, so rows, badges
// and reply buttons are checked too; the filters and settings popovers are checked open.

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

// Something on the board and in the feed: a confirmation alert to a crew, answered by the
// simulator's people within seconds.
test.beforeAll(async () => {
  const url = `http://127.0.0.1:${E2E_PORT}`;
  const c = await ControlRoomClient.login(url, E2E_LOGIN, E2E_PASSWORD);
  const { groups } = await c.request('snapshot', {});
  const crew = groups.find((g) => g.name === 'Бригада 3')!;
  const sent = await c.request('send', {
    text: '#авария Проверка: ответьте 1',
    groups: [crew.id],
    kind: 'confirm',
    confirm: { afterMinutes: 30, resends: 0, escalateTo: [] },
  });
  await c.waitFor('message.created', (m) => m.direction === 'in' && m.broadcastId === sent.broadcastId, 30_000);
  c.close();
});

for (const theme of ['dark', 'light'] as const) {
  test(`the login form and the control room have no serious accessibility violations (${theme})`, async ({ page }) => {
    await page.addInitScript((t) => localStorage.setItem('switchboard.theme', t), theme);
    await page.goto('/');
    await expect(page.getByTestId('login-submit')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId('login-login').fill(E2E_LOGIN);
    await page.getByTestId('login-password').fill(E2E_PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('feed-panel')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(page.locator('[data-testid^="feed-item-"][data-direction="in"]').first()).toBeVisible();
    await expect(page.locator('[data-testid^="board-silent-toggle-"]').first()).toBeEnabled();
    await page.locator('[data-testid^="board-silent-toggle-"]').first().click();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId('feed-filters').click();
    await expect(page.getByTestId('feed-filters-panel')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('feed-filters-panel')).toHaveCount(0);

    await page.getByTestId('desk-settings').click();
    await expect(page.getByTestId('desk-settings-panel')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('focus order runs header, groups, compose, board, feed; the splitters and stream tabs are reachable by keyboard', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('login-login').fill(E2E_LOGIN);
  await page.getByTestId('login-password').fill(E2E_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('feed-panel')).toBeVisible();
  // Tab through the page and note which region each stop is in.
  const regions: string[] = [];
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    const region = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return 'body';
      if (el.closest('.app-header')) return 'header';
      if (el.matches('[role="separator"]')) return `splitter:${el.getAttribute('data-testid')}`;
      if (el.closest('#column-left')) return 'left';
      if (el.closest('.column-middle')) return 'middle';
      if (el.closest('#column-right')) return 'right';
      if (el.closest('[data-testid="dock"]')) return 'dock';
      return 'other';
    });
    if (regions[regions.length - 1] !== region) regions.push(region);
    if (region === 'dock') break;
  }
  const firstOf = (r: string) => regions.indexOf(r);
  expect(firstOf('header')).toBeGreaterThanOrEqual(0);
  expect(firstOf('header')).toBeLessThan(firstOf('left'));
  expect(firstOf('left')).toBeLessThan(firstOf('splitter:splitter-groups'));
  expect(firstOf('splitter:splitter-groups')).toBeLessThan(firstOf('middle'));
  expect(firstOf('middle')).toBeLessThan(firstOf('splitter:splitter-feed'));
  expect(firstOf('splitter:splitter-feed')).toBeLessThan(firstOf('right'));
  expect(firstOf('right')).toBeLessThan(firstOf('dock'));
  // The stream tabs are one tab stop, and arrows move along them.
  const all = page.getByTestId('feed-filter-all');
  await all.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('feed-filter-replies')).toBeFocused();
  await expect(page.getByTestId('feed-filter-replies')).toHaveAttribute('aria-selected', 'true');
});
