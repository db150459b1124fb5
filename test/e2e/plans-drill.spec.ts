import { test, expect, type Page } from '@playwright/test';
import { startDrillStation, DRILL_PHONES as P, type DrillStation } from '../tools/plans-drill-station.js';

// The outage plan drill, through the whole product: its own station whose only carrier is the
// emulated modem (SMS and voice over a pty), rosters by night, plan "Авария на ПС" with a call
// step and the on-call master one level up. The escalation clock is moved on by the test, so the
// ten-minute waits take no time; the browser runs in the rosters' zone, where it is 03:xx now.
// Screenshots of the board in both languages and themes go to docs/screenshots.

let drill: DrillStation;
const MIN = 60_000;

test.beforeAll(async () => {
  drill = await startDrillStation();
});
test.afterAll(async () => {
  await drill?.stop();
});

test.use({ viewport: { width: 1366, height: 768 } });

async function signIn(page: Page) {
  await page.goto(drill.station.url);
  await page.getByTestId('login-login').fill(drill.login.login);
  await page.getByTestId('login-password').fill(drill.login.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('plans-bar')).toBeVisible();
}

test('plan "Авария на ПС": tonight\u2019s on-call engineers, a call, a call back, the master for the one who never answers', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ timezoneId: drill.zone, locale: 'ru-RU' });
  const page = await context.newPage();
  await signIn(page);
  // Who is on duty now, in the group panel.
  await expect(page.getByTestId('plan-duty-2')).toContainText('Иванов Алексей');

  // Two actions: the plan's button, then Launch (the one field typed in between).
  await page.getByTestId('plan-launch-ПС12').click();
  await page.getByTestId('plan-field-объект').fill('ПС-12 «Северная»');
  await expect(page.getByTestId('plan-sms-total')).toHaveAttribute('data-count', '3');
  await expect(page.getByTestId('plan-on-duty')).toContainText('Иванов Алексей, Петров Сергей, Сидорова Ольга');
  await page.getByTestId('plan-launch-submit').click();
  const result = page.getByTestId('plan-launch-result');
  await expect(result).toHaveAttribute('data-broadcast', /\d+/);
  const id = Number(await result.getAttribute('data-broadcast'));
  await page.getByTestId('plan-launch-close').click();

  // Tonight's three engineers get it through the modem; the day engineer does not.
  await expect.poll(() => [P.ivanov, P.petrov, P.sidorova, P.day].map((p) => drill.sentTo(p) !== '')).toEqual([true, true, true, false]);
  expect(drill.sentTo(P.petrov)).toBe('Авария на ПС-12 «Северная». Выезжайте, ответьте 1.');
  await expect(page.getByTestId(`plan-board-${id}`)).toContainText('Сценарий ПС12 «Авария на ПС»');

  // Иванов confirms by SMS; Петров picks up but says nothing; Сидорова never answers.
  drill.modem.emulator.receive(P.ivanov, '1');
  await expect(page.getByTestId(`board-confirmed-${id}`)).toHaveAttribute('data-count', '1');
  drill.modem.voice.callee(P.petrov, { kind: 'answer', afterMs: 800 });
  drill.modem.voice.callee(P.sidorova, { kind: 'ignore' });
  drill.clock.advance(10 * MIN);

  // The call step rings them through the modem, one at a time; the board says how each went.
  const line = page.getByTestId(`plan-board-${id}`);
  await expect(line.locator('[data-state="answered"]')).toContainText('Петров Сергей', { timeout: 20_000 });
  await expect(line.locator('[data-state="no-answer"]')).toContainText('Сидорова Ольга', { timeout: 30_000 });

  // Петров calls back: the modem rejects the call and the board shows him confirmed by call.
  expect(await drill.modem.voice.incomingCall(P.petrov)).toBe('rejected');
  await expect(line.locator('[data-confirmed="true"]')).toContainText(/Петров Сергей: перезвонил \d\d:\d\d, подтвердил звонком/);
  await expect(page.getByTestId(`board-confirmed-${id}`)).toHaveAttribute('data-count', '2');
  await expect.poll(() => drill.sentTo(P.petrov)).toContain('Подтверждение звонком принято');

  // After the next wait the chain reaches the next level's on-call master, for Сидорова.
  drill.clock.advance(10 * MIN);
  const escalated = page.getByTestId(`confirm-alert-${id}-2`);
  await expect(escalated).toHaveAttribute('data-action', 'escalated');
  await expect(escalated).toContainText('Энергосеть · мастер');
  await expect(escalated).toContainText('Сидорова Ольга');
  await expect.poll(() => drill.sentTo(P.master)).toContain('Не подтвердили: Сидорова Ольга');
  expect(drill.sentTo(P.chief)).toBe('');

  // The board needs room for the launch, its calls and the escalation: the large desk size.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shoot(page, testInfo.outputPath(), 'plans-drill-board', async () => {
    await page.getByTestId(`board-row-${id}`).evaluate((el) => el.scrollIntoView({ block: 'center' }));
  }, false);
  await page.setViewportSize({ width: 1366, height: 768 });
  await shoot(page, testInfo.outputPath(), 'plans-launch', async () => {
    await page.getByTestId('plan-launch-ПС12').click();
    await page.getByTestId('plan-field-объект').fill('ПС-7 «Заречная»');
    await expect(page.getByTestId('plan-sms-total')).toHaveAttribute('data-count', '3');
  });
  await context.close();
});

test('the same plan by REST and by an SMS command; a stranger\u2019s command refused and audited', async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: drill.zone });
  const page = await context.newPage();
  await signIn(page);
  const res = await fetch(`${drill.station.url}/api/v1/plans/${encodeURIComponent('ПС12')}/launch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${drill.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ fields: { объект: 'ПС-3 «Лесная»' } }),
  });
  expect(res.status).toBe(202);
  const rest = (await res.json()) as { broadcastId: number; recipients: number };
  expect(rest.recipients).toBe(3);
  await expect(page.getByTestId(`plan-board-${rest.broadcastId}`)).toContainText('ПС12');

  const db = drill.station.core.store.db;
  const launches = () => db.prepare('SELECT broadcast_id AS id, door FROM plan_launches ORDER BY broadcast_id').all() as { id: number; door: string }[];
  const before = launches().length;
  drill.modem.emulator.receive(P.chief, '!ПС12 ПС-5 «Озёрная»');
  await expect.poll(() => launches().length).toBe(before + 1);
  const sms = launches().at(-1)!;
  expect(sms.door).toBe('sms');
  await expect(page.getByTestId(`plan-board-${sms.id}`)).toContainText('ПС12');
  await expect.poll(() => drill.sentTo(P.chief)).toContain('Сценарий ПС12 запущен');

  drill.modem.emulator.receive(P.stranger, '!ПС12 ПС-1');
  await expect.poll(() => db.prepare(`SELECT count(*) FROM audit WHERE action = 'plan.command.refused' AND actor = ?`).pluck().get(`sms:${P.stranger}`)).toBe(1);
  expect(launches().length).toBe(before + 1);
  await context.close();
});

/**
 * The page in both languages and both themes; `open` shows what to show first. Into docs/screenshots
 * with SWITCHBOARD_SCREENSHOTS=1 (to regenerate them), else one look into the test's own output.
 */
async function shoot(page: Page, outDir: string, name: string, open?: () => Promise<void>, dialog = true) {
  const all = process.env.SWITCHBOARD_SCREENSHOTS === '1';
  const dir = all ? 'docs/screenshots' : outDir;
  for (const locale of all ? (['ru', 'en'] as const) : (['ru'] as const)) {
    await page.getByTestId('locale-switch').selectOption(locale);
    for (const theme of all ? (['dark', 'light'] as const) : (['dark'] as const)) {
      const toggle = page.getByTestId('theme-toggle');
      if ((await toggle.getAttribute('aria-pressed')) !== String(theme === 'light')) await toggle.click();
      await open?.();
      await page.waitForTimeout(200);
      await page.screenshot({ path: `${dir}/${name}.${locale}.${theme}.png` });
      if (open && dialog) await page.keyboard.press('Escape');
    }
  }
  await page.getByTestId('locale-switch').selectOption('ru');
  const toggle = page.getByTestId('theme-toggle');
  if ((await toggle.getAttribute('aria-pressed')) === 'true') await toggle.click();
}
