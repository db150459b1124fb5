// Regenerates docs/screenshots/: every main screen in both themes and both languages at
// 1366×768, against a demo station with live traffic. `npx tsx test/tools/screenshots.ts`
// (add --build to rebuild first). Prints each file with its size; over 300 KB is reported.
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { ROOT, demoTraffic, ensureBuilt, startDemoStation } from './demo-station.js';

const OUT = join(ROOT, 'docs/screenshots');
const PORT = 4971;
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

type Shot = { name: string; take(page: Page): Promise<void> };

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

function shots(ids: { alert: number }): Shot[] {
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
    { name: 'carriers', take: async (page) => void (await openDock(page, 'carriers-panel')) },
    { name: 'admin', take: async (page) => void (await openDock(page, 'admin-panel')) },
    { name: 'history', take: async (page) => void (await openDock(page, 'history-panel')) },
  ];
}

export async function takeScreenshots(): Promise<string[]> {
  ensureBuilt(process.argv.includes('--build'));
  mkdirSync(OUT, { recursive: true });
  const station = await startDemoStation(PORT);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const written: string[] = [];
  try {
    const ids = await demoTraffic(station);
    // Let confirmations and poll answers come back (the simulator answers within 1–5 s).
    await new Promise((r) => setTimeout(r, 7000));
    for (const locale of ['ru', 'en'] as const) {
      for (const theme of ['dark', 'light'] as const) {
        const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: locale === 'ru' ? 'ru-RU' : 'en-GB' });
        await context.addInitScript(
          ([l, t]) => {
            localStorage.setItem('switchboard.locale', l);
            localStorage.setItem('switchboard.theme', t);
          },
          [locale, theme] as const,
        );
        const page = await context.newPage();
        const save = async (name: string) => {
          const file = join(OUT, `${name}.${locale}.${theme}.png`);
          await page.mouse.move(0, 0); // No hover highlight in the picture.
          await page.screenshot({ path: file });
          written.push(file);
        };
        await page.goto(station.url);
        await page.getByTestId('login-submit').waitFor();
        await save('login');
        await page.getByTestId('login-login').fill(station.login);
        await page.getByTestId('login-password').fill(station.password);
        await page.getByTestId('login-submit').click();
        await page.getByTestId('feed-panel').waitFor();
        for (const shot of shots(ids)) {
          if (shot.name === 'history' && (await page.locator('[data-testid="history-panel"]').count()) === 0) continue;
          await shot.take(page);
          await page.waitForTimeout(400);
          await save(shot.name);
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
