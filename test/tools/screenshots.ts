// Regenerates docs/screenshots/: every main screen in both themes and both languages at
// 1366×768, against a demo station with live traffic. `npx tsx test/tools/screenshots.ts`
// (add --build to rebuild first; `--only a,b` for some shots; `--size 1920x1080` writes
// `name.WxH.locale.theme.png` to look at another screen size). Prints each file with its size;
// over 300 KB is reported.
import { mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { ROOT, demoTraffic, ensureBuilt, startDemoStation } from './demo-station.js';

const OUT = join(ROOT, 'docs/screenshots');
/** A port nobody listens on: several checkouts may take screenshots at once. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const MAX_BYTES = 300 * 1024;
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  '--disable-quic',
  '--disable-component-update',
  '--disable-sync',
];

type Shot = { name: string; take(page: Page): Promise<void>; after?(page: Page): Promise<void> };

async function openDock(page: Page, testId: string): Promise<boolean> {
  const section = page.locator(`[data-testid="dock"] > details[data-testid="${testId}"]`);
  if ((await section.count()) === 0) return false;
  await section.locator(':scope > summary').click();
  await page.waitForTimeout(900); // Its first request (audit, carriers.list, search) answers.
  return true;
}

async function closeDock(page: Page): Promise<void> {
  const open = page.locator('[data-testid="dock"] > details[open] > summary');
  if ((await open.count()) > 0) await open.first().click();
}

/** The check before sending a text so long it is asked about twice, with its cost. */
async function longSendCheck(page: Page): Promise<void> {
  await page.getByTestId('compose-panel').waitFor();
  const pick = page.locator('[data-testid^="group-pick-"]').first();
  if (!(await pick.isChecked())) await pick.check();
  await page.getByTestId('compose-text').fill('Плановое отключение 12 декабря с 9:00 до 17:00 на ВЛ-10 кВ «Лесная» для замены опор. '.repeat(4));
  await page.getByTestId('compose-send').click();
  await page.getByTestId('compose-check-cost').waitFor();
}

function shots(ids: { alert: number; scheduled: number }): Shot[] {
  return [
    {
      name: 'control-room',
      take: async (page) => {
        await page.getByTestId('feed-filter-all').click();
      },
    },
    {
      name: 'feed-tag-stream',
      take: async (page) => {
        await page.getByTestId('feed-stream-авария').click();
      },
    },
    {
      name: 'board-tally',
      take: async (page) => {
        await page.getByTestId('feed-filter-all').click();
        const toggle = page.getByTestId(`board-silent-toggle-${ids.alert}`);
        await toggle.scrollIntoViewIfNeeded();
        if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
        await page.getByTestId(`board-silent-${ids.alert}`).scrollIntoViewIfNeeded();
      },
    },
    {
      name: 'reply-to-one',
      take: async (page) => {
        await page.getByTestId('feed-filter-all').click();
        await page.locator('[data-testid^="group-pick-"]').first().check();
        await page.getByTestId('compose-text').fill('Всем бригадам Северного РЭС: сбор в 8:00 у диспетчерской.');
        await page.locator('[data-testid^="feed-reply-"]').first().click();
        await page.getByTestId('compose-text').fill('Принято, спасибо. Ждём вас на ПС-12.');
        await page.mouse.move(0, 0);
      },
      after: async (page) => {
        await page.getByTestId('compose-reply-back').click();
        const yes = page.getByTestId('compose-reply-drop-yes');
        if (await yes.isVisible()) await yes.click();
        await page.getByTestId('compose-text').fill('');
        await page.getByTestId('groups-clear').click();
      },
    },
    {
      name: 'send-check',
      take: longSendCheck,
      after: async (page) => {
        await page.getByTestId('compose-check-cancel').click();
        await page.getByTestId('compose-text').fill('');
        await page.getByTestId('groups-clear').click();
      },
    },
    {
      name: 'board-cancel',
      take: async (page) => {
        const row = page.getByTestId(`board-row-${ids.scheduled}`);
        await row.scrollIntoViewIfNeeded();
        await page.getByTestId(`board-cancel-${ids.scheduled}`).click();
        await page.getByTestId('board-confirm').waitFor();
      },
      after: async (page) => void (await page.getByTestId('board-confirm-cancel').click()),
    },
    {
      name: 'directory',
      take: async (page) => {
        await openDock(page, 'contacts-panel');
        await page.locator('[data-testid^="directory-group-"]').nth(3).click();
        await page.locator('[data-testid^="directory-person-pick-"]').nth(1).check();
        await page.locator('[data-testid^="directory-person-pick-"]').nth(2).check();
        await page.locator('[data-testid^="directory-person-"] .link-button').first().click();
        await page.getByTestId('directory-editor').waitFor();
        await page.waitForTimeout(300);
      },
    },
    { name: 'carriers', take: async (page) => void (await openDock(page, 'carriers-panel')) },
    {
      name: 'carrier-editor',
      take: async (page) => {
        await openDock(page, 'carriers-panel');
        await page.getByTestId('route-add-kind').selectOption('smpp');
        await page.getByTestId('route-add').click();
        await page.getByTestId('route-field-name').fill('МТС SMPP');
        await page.getByTestId('route-field-host').fill('127.0.0.1');
        await page.getByTestId('route-field-port').fill('9');
        await page.getByTestId('route-field-systemId').fill('dispatch');
        await page.getByTestId('route-field-password').fill('secret');
        await page.getByTestId('route-test').click();
        await page.getByTestId('route-test-result').waitFor({ timeout: 20_000 });
      },
      after: async (page) => {
        await page.getByTestId('route-editor').getByRole('button', { name: /^(Назад|Back)$/ }).click();
      },
    },
    {
      name: 'mail-doors',
      take: async (page) => {
        await openDock(page, 'integrations-panel');
        await page.getByTestId('mail-doors').scrollIntoViewIfNeeded();
        await page.getByTestId('mail-doors').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      },
    },
    {
      name: 'webhooks',
      take: async (page) => {
        await openDock(page, 'integrations-panel');
        const add = page.getByTestId('hook-add');
        await add.scrollIntoViewIfNeeded();
        if ((await page.locator('[data-testid^="hook-url-"]').count()) === 0) {
          await add.click();
          await page.getByTestId('hook-url-0').fill('https://crm.example.ru/switchboard/events');
          await page.getByTestId('hook-generate-0').click();
        }
        await page.getByTestId('hook-url-0').evaluate((el) => el.scrollIntoView({ block: 'center' }));
      },
    },
    { name: 'admin', take: async (page) => void (await openDock(page, 'admin-panel')) },
    { name: 'history', take: async (page) => void (await openDock(page, 'history-panel')) },
  ];
}

export async function takeScreenshots(): Promise<string[]> {
  ensureBuilt(process.argv.includes('--build'));
  mkdirSync(OUT, { recursive: true });
  const only = arg('--only')?.split(',');
  const size = arg('--size');
  const [width, height] = (size ?? '1366x768').split('x').map(Number) as [number, number];
  const suffix = size ? `.${size}` : '';
  const station = await startDemoStation(await freePort());
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const written: string[] = [];
  try {
    const ids = await demoTraffic(station);
    // Let confirmations and poll answers come back (the simulator answers within 1–5 s).
    await new Promise((r) => setTimeout(r, 7000));
    for (const locale of ['ru', 'en'] as const) {
      for (const theme of ['dark', 'light'] as const) {
        const context = await browser.newContext({ viewport: { width, height }, locale: locale === 'ru' ? 'ru-RU' : 'en-GB' });
        await context.addInitScript(
          ([l, t]) => {
            localStorage.setItem('switchboard.locale', l);
            localStorage.setItem('switchboard.theme', t);
          },
          [locale, theme] as const,
        );
        const page = await context.newPage();
        const save = async (name: string) => {
          const file = join(OUT, `${name}${suffix}.${locale}.${theme}.png`);
          await page.mouse.move(0, 0); // No hover highlight in the picture.
          await page.screenshot({ path: file });
          written.push(file);
        };
        await page.goto(station.url);
        await page.getByTestId('login-submit').waitFor();
        if (!only || only.includes('login')) await save('login');
        await page.getByTestId('login-login').fill(station.login);
        await page.getByTestId('login-password').fill(station.password);
        await page.getByTestId('login-submit').click();
        await page.getByTestId('feed-panel').waitFor();
        for (const shot of shots(ids)) {
          if (only && !only.includes(shot.name)) continue;
          if (shot.name === 'history' && (await page.locator('[data-testid="history-panel"]').count()) === 0) continue;
          await shot.take(page);
          await page.waitForTimeout(400);
          await save(shot.name);
          await shot.after?.(page);
          await closeDock(page);
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await station.stop();
  }
  return written;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/test\//, '/test/'))) {
  const files = await takeScreenshots();
  for (const f of files) {
    const size = statSync(f).size;
    process.stdout.write(`${f.slice(ROOT.length)}  ${(size / 1024).toFixed(0)} KB${size > MAX_BYTES ? '  OVER 300 KB' : ''}\n`);
  }
}
