import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { E2E_LOGIN, E2E_PASSWORD } from '../../playwright.config.js';

// The outage drill: an alert asking for confirmation goes to a district, confirmations come
// back, the silent get it again, then the next district is alerted and the dispatcher sees who
// is still silent; the dispatcher answers one engineer from the feed, and after the drill exports
// the history for the report. The simulator's employees answer "1" to "ответьте 1" (most of them).
// A 0.1-minute wait (6 s) stands in for the real 10 minutes.

async function optionValue(page: Page, testId: string, startsWith: string): Promise<string> {
  return page
    .getByTestId(testId)
    .locator('option')
    .evaluateAll((opts, prefix) => (opts as HTMLOptionElement[]).find((o) => o.text.startsWith(prefix))?.value ?? '', startsWith);
}

test('an unconfirmed outage alert is re-sent, escalated, and the board names who is silent', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await page.goto('/');
  await page.getByTestId('login-login').fill(E2E_LOGIN);
  await page.getByTestId('login-password').fill(E2E_PASSWORD);
  await page.getByTestId('login-submit').click();

  const form = page.getByTestId('confirm-form');
  await expect(form).toBeVisible();
  await form.locator('summary').click();
  await page.getByTestId('confirm-text').fill('Авария на ПС-12, нет напряжения в Северном районе. Ответьте 1, если приняли.');
  await page.getByTestId('confirm-group').selectOption(await optionValue(page, 'confirm-group', 'Северный РЭС'));
  await page.getByTestId('confirm-minutes').fill('0.1');
  await page.getByTestId('confirm-escalate-to').selectOption(await optionValue(page, 'confirm-escalate-to', 'Южный РЭС'));
  await page.getByTestId('confirm-send').click();

  const result = page.getByTestId('confirm-result');
  await expect(result).toHaveAttribute('data-broadcast-id', /\d+/);
  const id = Number(await result.getAttribute('data-broadcast-id'));
  const recipients = Number(await result.getAttribute('data-recipients'));
  expect(recipients).toBeGreaterThan(5);

  // Confirmations arrive and are counted on the alert.
  const tally = page.getByTestId(`tally-${id}`);
  await expect(tally).toBeVisible();
  await expect(tally).not.toHaveAttribute('data-answered', '0', { timeout: 20_000 });
  await tally.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('1-confirmations-arriving.png') });

  // After the wait the silent get it again, then the next district is alerted.
  const resent = page.getByTestId(`confirm-alert-${id}-1`);
  await expect(resent).toHaveAttribute('data-action', 'resent', { timeout: 20_000 });
  const escalated = page.getByTestId(`confirm-alert-${id}-2`);
  await expect(escalated).toHaveAttribute('data-action', 'escalated', { timeout: 20_000 });
  await expect(escalated).toContainText('Южный РЭС');

  // The dispatcher is told who is silent, by name; the board keeps naming them. (Late answers to
  // the re-send may still shrink the list after the escalation, never grow it.)
  const silentAtEscalation = Number(await escalated.getAttribute('data-silent'));
  expect(silentAtEscalation).toBeGreaterThan(0);
  await expect(escalated).toContainText(/Молчат: [А-ЯЁ][а-яё]+ [А-ЯЁ]/);
  const silent = page.getByTestId(`tally-silent-${id}`);
  await expect(silent).toBeVisible();
  const silentNow = Number(await silent.getAttribute('data-count'));
  expect(silentNow).toBeLessThanOrEqual(silentAtEscalation);
  if (silentNow > 0) await expect(silent).toContainText(/[А-ЯЁ][а-яё]+ [А-ЯЁ]/);
  // Everyone alerted first is either an answer or silent; the next district's answers count too.
  const answered = Number(await tally.getAttribute('data-answered'));
  expect(answered + silentNow).toBeGreaterThanOrEqual(recipients);
  await expect(page.getByTestId(`tally-escalation-${id}`)).toHaveAttribute('data-state', 'done');
  await page.getByTestId('questions-panel').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('2-escalated-silent-named.png') });

  // The dispatcher answers one engineer straight from the feed.
  const reply = page.locator('[data-testid^="feed-item-"][data-direction="in"]').first();
  await expect(reply).toBeVisible();
  const replyId = Number((await reply.getAttribute('data-testid'))!.replace('feed-item-', ''));
  await page.getByTestId(`feed-reply-${replyId}`).click();
  await page.getByTestId('compose-text').fill('Принято, бригада выезжает к вам на ПС-12.');
  await expect(page.getByTestId('compose-recipients')).toHaveAttribute('data-count', '1');
  await page.getByTestId('compose-send').click();
  const check = page.getByTestId('compose-check-send');
  await check.or(page.getByTestId('compose-result')).first().waitFor();
  if (await check.isVisible()) await check.click();
  await expect(page.getByTestId('compose-result')).toHaveAttribute('data-recipients', '1');

  // After the drill, the history goes to Excel for the report.
  const history = page.getByTestId('history-panel');
  if ((await history.getAttribute('open')) === null) await history.locator('summary').click();
  await page.getByTestId('history-export-all').click();
  const link = page.getByTestId('history-export-download');
  await expect(link).toBeVisible({ timeout: 20_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const saved = testInfo.outputPath('drill-history.xlsx');
  await download.saveAs(saved);
  expect(readFileSync(saved).subarray(0, 2).toString('latin1')).toBe('PK');
  await history.locator('summary').click();

  // The admin sees the escalation in the audit log.
  await page.getByTestId('admin-panel').locator('summary').click();
  await page.getByTestId('audit-filter').fill('confirm');
  await expect(page.locator('[data-testid^="audit-row-"][data-action="confirm.escalated"]').first()).toBeVisible();
  await page.getByTestId('admin-panel').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('3-audit-log.png'), fullPage: true });
});
