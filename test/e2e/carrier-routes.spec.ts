import { test, expect } from '@playwright/test';
import { TestSmsc } from '../tools/smsc.js';
import { startEmulatedModem, type EmulatedModem } from '../tools/modem-emulator/harness.js';
import { adminClient, logIn, sendFromCompose } from './control-room-helpers.js';

// Carriers configured on screen (issue 16 "Done when"): against a local SMSC and a modem on a pty
// emulator, an admin adds an SMPP route and a modem route from the carriers panel, tests the bind
// and probes the modem before saving each, puts SMPP first, and a send goes through it — with no
// restart of the station. The routes are taken out again at the end (the station is shared).
let smsc: TestSmsc;
let modem: EmulatedModem;

test.beforeAll(async () => {
  smsc = new TestSmsc({ systemId: 'dispatch', password: 'secret-4966', autoReceipt: 'DELIVRD' });
  await smsc.start(0);
  modem = await startEmulatedModem({ operator: 'MegaFon', csq: 22 });
});

test.afterAll(async () => {
  const c = await adminClient();
  try {
    const { routes } = await c.request('carriers.routes', {});
    for (const r of routes) if (r.kind === 'smpp' || r.kind === 'modem') await c.request('carriers.removeRoute', { id: r.id });
  } finally {
    c.close();
  }
  await smsc?.stop();
  await modem?.stop();
});

test('an admin adds an SMPP route and a modem, tests both, puts SMPP first and a send goes through it', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await logIn(page);
  await page.locator('[data-testid="carriers-panel"] > summary').click();
  await expect(page.getByTestId('carrier-routes')).toBeVisible();

  // SMPP: a wrong password is told before saving, the right one binds.
  await page.getByTestId('route-add-kind').selectOption('smpp');
  await page.getByTestId('route-add').click();
  await page.getByTestId('route-field-name').fill('SMPP оператора');
  await page.getByTestId('route-field-host').fill('127.0.0.1');
  await page.getByTestId('route-field-port').fill(String(smsc.port));
  await page.getByTestId('route-field-systemId').fill('dispatch');
  await page.getByTestId('route-field-password').fill('wrong-password');
  await page.getByTestId('route-test').click();
  await expect(page.getByTestId('route-test-result')).toHaveAttribute('data-ok', 'false', { timeout: 20_000 });
  await expect(page.getByTestId('route-test-result')).toContainText('SMSC');
  await page.getByTestId('route-field-password').fill('secret-4966');
  await page.getByTestId('route-test').click();
  await expect(page.getByTestId('route-test-result')).toHaveAttribute('data-ok', 'true', { timeout: 20_000 });
  await page.getByTestId('route-editor').screenshot({ path: testInfo.outputPath('1-smpp-bind-tested.png') });
  await page.getByTestId('route-save').click();
  await expect(page.getByTestId('route-editor')).toBeHidden();
  const smppRow = page.locator('[data-testid^="route-row-smpp-"]');
  await expect(smppRow).toHaveAttribute('data-state', 'up', { timeout: 20_000 });
  const smppId = (await smppRow.getAttribute('data-testid'))!.replace('route-row-', '');

  // The modem: a typed pty path (the OS lists no ptys), probed before it is saved.
  await page.getByTestId('route-add-kind').selectOption('modem');
  await page.getByTestId('route-add').click();
  await page.getByTestId('route-field-name').fill('Модем диспетчерской');
  await page.getByTestId('route-field-path').fill(modem.stationPath);
  await page.getByTestId('route-probe').click();
  const probe = page.getByTestId('route-probe-result');
  await expect(probe.getByTestId('carrier-probe-verdict')).toHaveAttribute('data-code', 'ready', { timeout: 30_000 });
  await expect(probe.getByTestId('carrier-probe-answers')).toContainText('+CSQ');
  await page.getByTestId('route-editor').screenshot({ path: testInfo.outputPath('2-modem-probed.png') });
  await page.getByTestId('route-save').click();
  await expect(page.getByTestId('route-editor')).toBeHidden();
  const modemRow = page.locator('[data-testid^="route-row-modem-"]');
  await expect(modemRow).toHaveAttribute('data-state', /up|degraded/, { timeout: 30_000 });

  // SMPP to the top: it is tried first.
  for (let at = Number(await smppRow.getAttribute('data-position')); at > 1; at--) {
    await page.getByTestId(`route-up-${smppId}`).click();
    await expect(smppRow).toHaveAttribute('data-position', String(at - 1));
  }
  await expect(page.getByTestId('route-result')).toContainText('SMPP оператора');
  await page.getByTestId('carriers-panel').screenshot({ path: testInfo.outputPath('3-routes-ordered.png') });
  await page.locator('[data-testid="carriers-panel"] > summary').click();

  // A send to one number goes out through the first route: the SMSC has it, the modem does not.
  const phone = '+79165550101';
  await page.getByTestId('compose-search').fill(phone);
  await page.keyboard.press('Enter');
  const before = smsc.submitted.length;
  const modemBefore = modem.emulator.sent.length;
  await sendFromCompose(page, 'Проверка маршрута: первым идёт SMPP.');
  await expect.poll(() => smsc.submitted.filter((s) => s.destination.endsWith('9165550101')).length, { timeout: 20_000 }).toBe(1);
  expect(smsc.submitted.length).toBe(before + 1);
  expect(modem.emulator.sent.length).toBe(modemBefore);
});
