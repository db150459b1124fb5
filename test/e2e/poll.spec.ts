import { test, expect, type Page } from '@playwright/test';
import { E2E_LOGIN, E2E_PASSWORD } from '../../playwright.config.js';

// A poll to a crew: the simulator's people answer 1–3 to a text with "1 - …" lines, the tally
// fills live. A follow-up asking the crew to confirm their answer goes out as a plain message;
// its replies are matched to the open poll (DESIGN §4), so whoever answers differently shows a
// changed answer with what it was.

async function signIn(page: Page) {
  await page.goto('/');
  await page.getByTestId('login-login').fill(E2E_LOGIN);
  await page.getByTestId('login-password').fill(E2E_PASSWORD);
  await page.getByTestId('login-submit').click();
}

async function pickCrew(page: Page, name: string) {
  const crew = page.locator('[data-testid^="group-row-"]', { hasText: name });
  await expect(crew).toBeVisible();
  await crew.locator('[data-testid^="group-pick-"]').click();
}

async function sendFromCompose(page: Page): Promise<number> {
  await page.getByTestId('compose-send').click();
  await expect(page.getByTestId('compose-check-people')).not.toHaveAttribute('data-count', '0');
  await page.keyboard.press('Enter');
  const result = page.getByTestId('compose-result');
  await expect(result).toHaveAttribute('data-broadcast-id', /\d+/);
  return Number(await result.getAttribute('data-broadcast-id'));
}

test('a poll to a crew fills its live tally and shows a changed answer', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await signIn(page);
  await pickCrew(page, 'Бригада 6');

  await page.getByTestId('compose-kind-poll').check();
  await page.getByTestId('compose-text').fill('Учения в субботу в 9:00. Ответьте цифрой:');
  await page.getByTestId('compose-poll-option-1').fill('Приеду');
  await page.getByTestId('compose-poll-option-2').fill('Опоздаю');
  await page.getByTestId('compose-poll-option-2').press('Enter');
  await page.getByTestId('compose-poll-option-3').fill('Не приеду');
  await expect(page.getByTestId('compose-outgoing')).toHaveText('Учения в субботу в 9:00. Ответьте цифрой:\n1 - Приеду\n2 - Опоздаю\n3 - Не приеду');
  await page.screenshot({ path: testInfo.outputPath('1-poll-compose.png') });

  await page.getByTestId('compose-send').click();
  const check = page.getByTestId('compose-check');
  await expect(page.getByTestId('compose-check-people')).toHaveAttribute('data-count', '5');
  await expect(page.getByTestId('compose-check-text')).toContainText('3 - Не приеду');
  await page.screenshot({ path: testInfo.outputPath('2-poll-second-chance.png') });
  await page.keyboard.press('Enter');
  await expect(check).toBeHidden();
  const result = page.getByTestId('compose-result');
  await expect(result).toHaveAttribute('data-broadcast-id', /\d+/);
  const id = Number(await result.getAttribute('data-broadcast-id'));

  // The tally fills as answers arrive: bars per option add up to the people who answered.
  const tally = page.getByTestId(`tally-${id}`);
  await expect(tally).toBeVisible();
  await expect(tally).not.toHaveAttribute('data-answered', '0', { timeout: 30_000 });
  await expect(tally).not.toHaveAttribute('data-answered', '1', { timeout: 30_000 });
  const counts = await Promise.all([1, 2, 3].map((n) => page.getByTestId(`tally-option-${id}-${n}`).getAttribute('data-count')));
  const answered = Number(await tally.getAttribute('data-answered'));
  expect(counts.reduce((a, c) => a + Number(c), 0)).toBe(answered);
  expect(answered + Number(await page.getByTestId(`tally-silent-${id}`).getAttribute('data-count'))).toBe(5);
  await tally.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('3-poll-tally-filling.png') });

  // Ask the crew again (a plain follow-up with the same lines): the simulated people answer at
  // random, so some change their mind; the tally marks them with what they said before.
  await page.getByTestId('compose-kind-plain').check();
  await page.getByTestId('compose-text').fill('Уточните ответ по учениям: 1 - приеду, 2 - опоздаю, 3 - не приеду');
  await sendFromCompose(page);
  const changed = tally.locator('[data-testid^="tally-answer-"]:not([data-previous=""])').first();
  await expect(changed).toBeVisible({ timeout: 40_000 });
  await expect(changed).toContainText(/\((было|was) /);
  await expect(page.getByTestId(`tally-changed-${id}`)).not.toHaveAttribute('data-count', '0');
  await tally.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('4-poll-changed-answer.png') });

  // Light theme and English too, as the wall screen may be set.
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
  await page.screenshot({ path: testInfo.outputPath('5-poll-tally-light.png') });

  // Closing asks first, naming the poll; then it stops the count and the card says so.
  await page.getByTestId(`tally-close-${id}`).click();
  await expect(page.getByTestId('board-confirm')).toContainText(`№${id}`);
  await page.getByTestId('board-confirm-ok').click();
  await expect(tally).toHaveAttribute('data-closed', 'true');
  await expect(page.getByTestId(`tally-closed-${id}`)).toBeVisible();
});
