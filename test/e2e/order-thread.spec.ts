import { test, expect, type Page } from '@playwright/test';
import { E2E_LOGIN, E2E_PASSWORD } from '../../playwright.config.js';

// A field-crew order: the order goes to a crew with its number, crews report "#4711 готово" /
// "4711 принял", and a person who never got the order (a typed number outside the crew, whose
// simulated owner answers with the code) lands in the same thread.

async function confirmSend(page: Page): Promise<number> {
  await page.getByTestId('compose-send').click();
  await expect(page.getByTestId('compose-check-people')).not.toHaveAttribute('data-count', '0');
  await page.keyboard.press('Enter');
  const result = page.getByTestId('compose-result');
  await expect(result).toHaveAttribute('data-broadcast-id', /\d+/);
  return Number(await result.getAttribute('data-broadcast-id'));
}

test('an order thread gathers the crew’s reports and a reply from outside the crew', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const code = String(4000 + Math.floor(Math.random() * 5000));
  await page.goto('/');
  await page.getByTestId('login-login').fill(E2E_LOGIN);
  await page.getByTestId('login-password').fill(E2E_PASSWORD);
  await page.getByTestId('login-submit').click();

  const crew = page.locator('[data-testid^="group-row-"]', { hasText: 'Бригада 5' });
  await expect(crew).toBeVisible();
  await crew.locator('[data-testid^="group-pick-"]').click();
  await page.getByTestId('compose-kind-order').check();
  await page.getByTestId('compose-order-code').fill(code);
  await page.getByTestId('compose-text').fill('Заявка {order}: замена ввода, ул. Садовая 12, кв. 4. Отчитайтесь по номеру.');
  await expect(page.getByTestId('compose-outgoing')).toContainText(`Заявка #${code}: замена ввода`);
  await page.screenshot({ path: testInfo.outputPath('1-order-compose.png') });
  const orderId = await confirmSend(page);

  // The board row of the order opens its thread; crews report with the number.
  const link = page.getByTestId(`board-row-${orderId}`).getByTestId(`order-link-${code}`);
  await expect(link).toBeVisible();
  await link.click();
  const thread = page.getByTestId('order-thread');
  await expect(thread).toHaveAttribute('data-code', code);
  await expect(thread).not.toHaveAttribute('data-replies', '0', { timeout: 30_000 });
  await expect(thread.locator('[data-direction="in"]').first()).toContainText(code);
  await page.keyboard.press('Escape');
  await expect(thread).toBeHidden();

  // A phone outside the crew: typed into compose, sent a note quoting the order; its simulated
  // owner answers with the number. Replies may not come from everyone (the simulator answers
  // 60%), so a few numbers are asked.
  await page.getByTestId('compose-kind-plain').check();
  const chips = page.locator('[data-testid^="compose-chip-remove-"]');
  while ((await chips.count()) > 0) await chips.first().click();
  const strangers = ['+79990000101', '+79990000102', '+79990000103', '+79990000104', '+79990000105'];
  for (const phone of strangers) {
    await page.getByTestId('compose-search').fill(phone);
    await expect(page.getByTestId(`compose-search-item-p${phone}`)).toBeVisible();
    await page.getByTestId('compose-search').press('Enter');
    await expect(page.getByTestId(`compose-phone-chip-${phone}`)).toBeVisible();
  }
  await page.getByTestId('compose-text').fill(`Нужна помощь по заявке #${code}, ул. Садовая 12. Кто может — ответьте номером заявки.`);
  await confirmSend(page);

  // A feed item quoting the number opens the same thread.
  const strangerReply = page.locator('[data-testid^="feed-item-"][data-direction="in"]', { hasText: code }).filter({
    has: page.locator('[title^="+7999000010"]'),
  });
  await expect(strangerReply.first()).toBeVisible({ timeout: 40_000 });
  await strangerReply.first().getByTestId(`order-link-${code}`).click();
  await expect(thread).toHaveAttribute('data-code', code);
  const fromOutside = thread.locator('[data-direction="in"][data-phone^="+7999000010"]');
  await expect(fromOutside.first()).toBeVisible();
  await expect(thread.locator('[data-testid^="order-broadcast-"]')).toHaveCount(2);
  // Someone outside the crew is marked as such.
  await expect(fromOutside.first()).toContainText('не был в рассылке');
  await fromOutside.first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('2-order-thread-dark.png') });
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
  await page.screenshot({ path: testInfo.outputPath('3-order-thread-light.png') });
});
