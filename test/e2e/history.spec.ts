import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { E2E_LOGIN, E2E_PASSWORD } from '../../playwright.config.js';

// After the outage: find what was sent, read one employee's whole exchange, take everything to
// Excel and open the file, load HR's Windows-1251 CSV and see its bad rows, look at the month's
// cost. Screenshots in both themes are for a person to look at.

async function openPanel(page: Page, testId: string): Promise<void> {
  const panel = page.getByTestId(testId);
  if ((await panel.getAttribute('open')) === null) await panel.locator('summary').click();
  await expect(panel).toHaveAttribute('open', '');
}

async function shoot(page: Page, name: string, path: (n: string) => string): Promise<void> {
  await page.screenshot({ path: path(`${name}-dark.png`) });
  await page.getByTestId('theme-toggle').click();
  await page.screenshot({ path: path(`${name}-light.png`) });
  await page.getByTestId('theme-toggle').click();
}

test('a dispatcher searches the history, opens an employee, exports to Excel, imports contacts and opens billing', async ({ page }, testInfo) => {
  const shot = (n: string) => testInfo.outputPath(n);
  await page.goto('/');
  await page.getByTestId('login-login').fill(E2E_LOGIN);
  await page.getByTestId('login-password').fill(E2E_PASSWORD);
  await page.getByTestId('login-submit').click();

  // Something to find: a word no demo message has.
  const word = `Трансформатор${Date.now() % 100_000}`;
  const crew = page.locator('[data-testid^="group-row-"]', { hasText: 'Бригада 1' });
  await expect(crew).toBeVisible();
  await crew.locator('[data-testid^="group-pick-"]').click();
  await page.getByTestId('compose-text').fill(`${word}: плановое отключение, ответьте 1 #учения`);
  await page.getByTestId('compose-send').click();
  // Compose may ask for a second look before sending.
  const confirmSend = page.getByTestId('compose-check-send');
  await confirmSend.or(page.getByTestId('compose-result')).first().waitFor();
  if (await confirmSend.isVisible()) await confirmSend.click();
  const result = page.getByTestId('compose-result');
  await expect(result).toHaveAttribute('data-broadcast-id', /\d+/);
  const broadcastId = Number(await result.getAttribute('data-broadcast-id'));

  // Search: the broadcast's messages come back with the word marked.
  await openPanel(page, 'history-panel');
  await page.getByTestId('history-query').fill(word.slice(0, 10) + '*');
  await page.getByTestId('history-search').click();
  const hits = page.locator('[data-testid^="history-hit-"][data-direction="out"]');
  await expect(hits.first()).toBeVisible();
  await expect(hits.first().locator('mark').first()).toContainText(word.slice(0, 10), { ignoreCase: true });
  expect(Number(await page.getByTestId('history-results').getAttribute('data-count'))).toBeGreaterThanOrEqual(6);
  await shoot(page, 'history-search', shot);

  // One employee's whole conversation, oldest at the top.
  const who = hits.first().locator('[data-testid^="history-hit-contact-"]');
  const name = (await who.textContent())!.trim();
  await who.click();
  await expect(page.getByTestId('history-view')).toHaveAttribute('data-kind', 'contact');
  await expect(page.getByTestId('history-view-title')).toContainText(name);
  await expect(page.locator('[data-testid^="history-view-message-"]', { hasText: word }).first()).toBeVisible();
  await shoot(page, 'history-conversation', shot);
  await page.getByTestId('history-back').click();
  await expect(page.getByTestId('history-results')).toBeVisible();

  // From the board: the broadcast's report, every recipient with a status.
  await page.getByTestId('history-panel').locator('summary').click();
  await page.getByTestId(`history-link-broadcast-${broadcastId}`).click();
  await expect(page.getByTestId('history-view')).toHaveAttribute('data-kind', 'broadcast');
  await expect(page.locator('[data-testid^="history-recipient-"]')).toHaveCount(6);
  await expect(page.locator('[data-testid^="history-recipient-"][data-replied="true"]').first()).toBeVisible({ timeout: 20_000 });
  await shoot(page, 'history-broadcast', shot);
  await page.getByTestId('history-back').click();

  // Everything to Excel: progress, then a link; the file opens in an independent reader.
  await page.getByTestId('history-export-all').click();
  const download = page.getByTestId('history-export-download');
  await expect(download).toBeVisible({ timeout: 20_000 });
  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  const saved = testInfo.outputPath('messages.xlsx');
  await file.saveAs(saved);
  const bytes = readFileSync(saved);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  expect(bytes.includes(Buffer.from('xl/worksheets/sheet1.xml'))).toBe(true);
  const sheets = JSON.parse(execFileSync('/usr/bin/python3', ['test/tools/read-xlsx.py', saved], { encoding: 'utf8' })) as {
    rows: unknown[][];
  }[];
  const rows = sheets.flatMap((s) => s.rows);
  expect(rows.some((r) => r.some((c) => typeof c === 'string' && c.includes(word)))).toBe(true);
  expect(rows[1]?.[0]).toHaveProperty('date');

  // HR's CSV in Windows-1251: the bad rows are listed with their numbers.
  await openPanel(page, 'contacts-panel');
  await page.getByTestId('directory-tab-import').click();
  await page.getByTestId('contacts-import-file').setInputFiles('test/fixtures/contacts-cp1251.csv');
  await expect(page.getByTestId('contacts-import-preview')).toHaveAttribute('data-encoding', 'windows-1251');
  await expect(page.getByTestId('contacts-import-errors')).toBeVisible();
  expect(Number(await page.getByTestId('contacts-import-errors').getAttribute('data-count'))).toBeGreaterThan(0);
  await expect(page.getByTestId('contacts-import-preview')).toContainText('Иванов');
  await shoot(page, 'contacts-import', shot);

  // The month's cost.
  await openPanel(page, 'billing-panel');
  await expect(page.getByTestId('billing-quota')).toBeVisible();
  await expect(page.getByTestId('billing-chart')).toBeVisible();
  await expect(page.getByTestId('billing-current')).toHaveAttribute('data-total', /\d/);
  await shoot(page, 'billing', shot);
});
