import { test, expect, type Page } from '@playwright/test';
import { E2E_LOGIN, E2E_PASSWORD } from '../../playwright.config.js';

// A poll to a crew: the simulator's people answer 1–3 to a text with "1 - …" lines, the tally
// fills live. A follow-up asking the crew to confirm their answer goes out as a plain message; its
// replies belong to the follow-up, the SMS each phone got last (docs/replies.md), so the poll's count
// does not move. The dispatcher moves one of them to the poll from the feed, in one step: the poll
// counts it (as a change, when that person had answered differently).

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

test('a poll to a crew fills its live tally; a reply to a later message is moved to it from the feed', async ({ page }, testInfo) => {
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

  // Every answer the simulator gives the poll is in before the follow-up goes (each comes 1–5 s after
  // its delivery): a late one would be counted on the poll, rightly, and read as a follow-up's reply
  // that was not kept apart. So: the tally still for 7 s.
  let answeredBefore = await tally.getAttribute('data-answered');
  for (let still = Date.now(); Date.now() - still < 7_000; ) {
    await page.waitForTimeout(500);
    const now = await tally.getAttribute('data-answered');
    if (now !== answeredBefore) [answeredBefore, still] = [now, Date.now()];
  }

  // Ask the crew again (a plain follow-up with the same lines): the answers go to the follow-up.
  await page.getByTestId('compose-kind-plain').check();
  await page.getByTestId('compose-text').fill('Уточните ответ по учениям: 1 - приеду, 2 - опоздаю, 3 - не приеду');
  const followUp = await sendFromCompose(page);
  const toFollowUp = page.locator(`[data-testid^="feed-item-"][data-direction="in"][data-broadcast-id="${followUp}"]`).first();
  await expect(toFollowUp).toBeVisible({ timeout: 40_000 });
  await expect(tally).toHaveAttribute('data-answered', answeredBefore!);
  // Moved to the poll in one step from the feed: the poll counts it.
  const phone = await toFollowUp.locator('.feed-who').getAttribute('title');
  const digit = ((await toFollowUp.locator('.feed-text').textContent()) ?? '').trim()[0];
  await toFollowUp.locator('[data-testid^="feed-move-"]').click();
  const dialog = page.getByTestId('feed-move-dialog');
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('4-move-reply.png') });
  await dialog.getByTestId(`feed-move-target-${id}`).check();
  await dialog.getByTestId('feed-move-confirm').click();
  await expect(dialog).toBeHidden();
  const moved = page.getByTestId(`tally-answer-${id}-${phone}`);
  await expect(moved).toHaveAttribute('data-option', digit!);
  await expect(page.locator(`[data-testid^="feed-item-"][data-direction="in"][data-broadcast-id="${id}"] [data-counted-for="${id}"]`).first()).toBeVisible();
  await tally.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('4-poll-moved-answer.png') });

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
