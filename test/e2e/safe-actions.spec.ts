import { test, expect, type Page } from '@playwright/test';
import { addUser, adminClient, groupIdOf, logIn, sendFromCompose } from './control-room-helpers.js';

// The dispatcher's mistakes made hard (issue 16 "Done when"): a reply from the feed while groups
// are ticked goes to that one person; cancelling a running broadcast asks first and then stops what
// is still queued; a draft survives F5; a refused action (cancelling someone else's broadcast)
// says why, where it was tried, in the desk's language.
const DISPATCHER = { login: 'disp-safe', password: 'disp-safe-pass-1' };

test.beforeAll(async () => {
  addUser(DISPATCHER.login, 'dispatcher', DISPATCHER.password);
  const c = await adminClient();
  try {
    const { users } = await c.request('users.list', {});
    const disp = users.find((u) => u.login === DISPATCHER.login)!;
    await c.request('rights.set', { userId: disp.id, rights: [{ scope: 'all', targetId: null }] });
  } finally {
    c.close();
  }
});

const outgoingWith = (page: Page, text: string) => page.locator('[data-testid^="feed-item-"][data-direction="out"]', { hasText: text });

test('a dispatcher answers one person from the feed while groups are ticked: only that person gets it', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await logIn(page, DISPATCHER.login, DISPATCHER.password);
  // Something to answer: a crew's replies come back from the simulated network.
  const crew = await groupIdOf(page, 'Бригада 6');
  await page.getByTestId(`group-pick-${crew}`).check();
  const first = await sendFromCompose(page, 'Проверка связи бригады 6: ответьте, кто на месте.');
  const reply = page.locator(`[data-testid^="feed-item-"][data-broadcast-id="${first.broadcastId}"][data-direction="in"]`).first();
  await expect(reply).toBeVisible({ timeout: 30_000 });
  const replyId = (await reply.getAttribute('data-testid'))!.replace('feed-item-', '');
  const phone = (await reply.locator('.feed-who').getAttribute('title'))!;

  // The next alert is being written for two districts when the reply needs an answer.
  const north = await groupIdOf(page, 'Северный РЭС');
  const south = await groupIdOf(page, 'Южный РЭС');
  await page.getByTestId(`group-pick-${north}`).check();
  await page.getByTestId(`group-pick-${south}`).check();
  await page.getByTestId('compose-text').fill('Плановое отключение завтра с 9:00.');
  await page.getByTestId(`feed-reply-${replyId}`).click();
  await expect(page.getByTestId('compose-reply')).toHaveAttribute('data-phone', phone);
  await expect(page.getByTestId('compose-text')).toHaveValue('');
  await expect(page.getByTestId(`compose-chip-${north}`)).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('1-reply-to-one.png') });

  const answer = `Принято, ${Date.now().toString(36)}: ждите бригаду.`;
  const sent = await sendFromCompose(page, answer);
  expect(sent.recipients).toBe(1);
  await expect(outgoingWith(page, answer)).toHaveCount(1);
  await expect(outgoingWith(page, answer)).toContainText(phone);
  // The draft is back, with its two districts, and nothing else went out with the answer.
  await expect(page.getByTestId('compose-text')).toHaveValue('Плановое отключение завтра с 9:00.');
  await expect(page.getByTestId(`compose-chip-${north}`)).toBeVisible();
  await expect(page.getByTestId(`compose-chip-${south}`)).toBeVisible();
  await expect(page.getByTestId('compose-result')).toContainText('Отложенный черновик снова на экране');
  await page.getByTestId('groups-clear').click();
  await page.getByTestId('compose-text').fill('');
});

test('cancelling a running broadcast asks first, then stops what is still queued', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const c = await adminClient();
  // The simulated network takes one SMS a second for this test, so a 50-person send is still going out.
  const { routes } = await c.request('carriers.routes', {});
  const sim = routes.find((r) => r.kind === 'simulator')!;
  const slow = { kind: sim.kind, name: sim.name, enabled: true, operators: sim.operators, settings: sim.settings, secrets: {} };
  await c.request('carriers.saveRoute', { id: sim.id, route: { ...slow, rateLimit: 1 } });
  try {
    await logIn(page);
    const all = await groupIdOf(page, 'Энергосеть');
    await page.getByTestId(`group-pick-${all}`).check();
    const { broadcastId } = await sendFromCompose(page, 'Учения: всем проверить связь.');
    await page.getByTestId('groups-clear').click();
    const queued = page.getByTestId(`board-count-${broadcastId}-queued`);
    await expect.poll(async () => Number(await queued.getAttribute('data-count')), { timeout: 10_000 }).toBeGreaterThan(10);

    await page.getByTestId(`board-cancel-${broadcastId}`).click();
    const ask = page.getByTestId('board-confirm');
    await expect(ask).toContainText(`№${broadcastId}`);
    await expect(ask).toContainText('Учения: всем проверить связь.');
    await expect(ask).toContainText('не будут отправлены');
    await page.screenshot({ path: testInfo.outputPath('2-cancel-asks.png') });
    // Back first: nothing is cancelled.
    await page.getByTestId('board-confirm-cancel').click();
    await expect(page.getByTestId(`board-cancelled-${broadcastId}`)).toHaveCount(0);
    await page.getByTestId(`board-cancel-${broadcastId}`).click();
    await page.getByTestId('board-confirm-ok').click();
    await expect(page.getByTestId(`board-outcome-${broadcastId}`)).toHaveAttribute('data-ok', 'true');
    await expect(page.getByTestId(`board-outcome-${broadcastId}`)).toContainText(/не отправлено \d+/);
    await expect(queued).toHaveAttribute('data-count', '0');
    await expect(page.getByTestId(`board-cancelled-${broadcastId}`)).toBeVisible();
    const failed = Number(await page.getByTestId(`board-count-${broadcastId}-failed`).getAttribute('data-count'));
    expect(failed).toBeGreaterThan(10);
  } finally {
    await c.request('carriers.saveRoute', { id: sim.id, route: { ...slow, rateLimit: null } });
    c.close();
  }
});

test('a draft survives F5: its text and its groups', async ({ page }) => {
  await logIn(page, DISPATCHER.login, DISPATCHER.password);
  const crew = await groupIdOf(page, 'Бригада 2');
  await page.getByTestId(`group-pick-${crew}`).check();
  await page.getByTestId('compose-text').fill('Черновик, который нельзя потерять: авария на ТП-7.');
  await page.waitForTimeout(500);
  await page.reload();
  await expect(page.getByTestId('compose-text')).toHaveValue('Черновик, который нельзя потерять: авария на ТП-7.');
  await expect(page.getByTestId(`compose-chip-${crew}`)).toBeVisible();
  await page.getByTestId('groups-clear').click();
  await page.getByTestId('compose-text').fill('');
});

test('a refused cancel says why, where it was tried, in the desk’s language', async ({ page }) => {
  const c = await adminClient();
  const snap = await c.request('snapshot', {});
  const group = snap.groups.find((g) => g.name === 'Резерв')!;
  // An admin's broadcast for tomorrow: a dispatcher without the right to manage others' may not cancel it.
  const { broadcastId } = await c.request('send', { text: 'Сбор резерва завтра в 8:00.', groups: [group.id], scheduledAt: Date.now() + 20 * 3_600_000 });
  c.close();
  await logIn(page, DISPATCHER.login, DISPATCHER.password);
  await page.getByTestId(`board-cancel-${broadcastId}`).click();
  await page.getByTestId('board-confirm-ok').click();
  await expect(page.getByTestId('board-confirm-error')).toContainText('Отменить эту рассылку может только её автор');
  await page.getByTestId('board-confirm-cancel').click();
  const outcome = page.getByTestId(`board-outcome-${broadcastId}`);
  await expect(outcome).toHaveAttribute('data-ok', 'false');
  await expect(outcome).toContainText('Не выполнено: Отменить эту рассылку может только её автор');
  await expect(page.getByTestId(`board-scheduled-${broadcastId}`)).toBeVisible();
});
