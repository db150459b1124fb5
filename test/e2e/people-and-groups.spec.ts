import { test, expect } from '@playwright/test';
import { adminClient, logIn, sendFromCompose } from './control-room-helpers.js';

// An admin builds a new outage group from scratch on screen (issue 16 "Done when"): creates the
// group, adds eight people to it by search, fixes one engineer's number, then ticks the group in
// the control room and sends to it; the eight get the SMS, the fixed number among them.
test('an admin builds an outage group on screen, fixes a number and sends to the group', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const c = await adminClient();
  try {
    // Eight people of the demo organisation, found by their names as a dispatcher would type them.
    const snap = await c.request('snapshot', {});
    const people = snap.contacts.filter((p) => p.active).slice(10, 18);
    expect(people).toHaveLength(8);
    const groupName = `Авария ВЛ-10 ${Date.now().toString(36)}`;

    await logIn(page);
    await page.locator('[data-testid="contacts-panel"] > summary').click();
    await expect(page.getByTestId('directory')).toBeVisible();
    await page.getByTestId('directory-new-group-name').fill(groupName);
    const where = page.getByTestId('directory-new-group-parent');
    if (await where.isVisible()) await where.selectOption('top');
    await page.getByTestId('directory-new-group-create').click();
    await expect(page.getByTestId('directory-group-result')).toContainText(groupName);
    const node = page.locator('[data-testid^="directory-group-"][data-selected="true"]');
    const groupId = Number((await node.getAttribute('data-testid'))!.replace('directory-group-', ''));

    const search = page.getByTestId('directory-add-search');
    for (const p of people) {
      // By surname and first name, lower case and with ё written as е: the way people type.
      await search.fill(p.name.toLocaleLowerCase('ru').replace(/ё/g, 'е'));
      await expect(page.getByTestId(`directory-add-${p.id}`)).toBeVisible();
      await page.getByTestId(`directory-add-${p.id}`).click();
      await expect(page.getByTestId(`directory-person-${p.id}`)).toBeVisible();
    }
    await expect(page.getByTestId('directory-count')).toHaveAttribute('data-count', '8');
    await page.screenshot({ path: testInfo.outputPath('1-group-of-eight.png') });

    // One engineer's number was wrong: fixed in their card, checked by the station.
    const fixed = people[3]!;
    const newNumber = `+7916${String(Date.now()).slice(-7)}`;
    await page.getByTestId(`directory-person-${fixed.id}`).getByRole('button', { name: fixed.name }).click();
    const phone = page.getByTestId('directory-field-phone');
    await expect(phone).toHaveValue(fixed.phone);
    await phone.fill('8 916 12');
    await page.getByTestId('directory-save').click();
    await expect(page.getByTestId('directory-field-error-phone')).toBeVisible();
    await phone.fill(`8 ${newNumber.slice(2, 5)} ${newNumber.slice(5, 8)}-${newNumber.slice(8, 10)}-${newNumber.slice(10)}`);
    await page.getByTestId('directory-save').click();
    await expect(page.getByTestId('directory-editor-result')).toContainText(fixed.name);
    await expect(phone).toHaveValue(newNumber);
    await page.screenshot({ path: testInfo.outputPath('2-number-fixed.png') });
    await page.locator('[data-testid="contacts-panel"] > summary').click();

    // The new group is in the control room's tree at once; the dispatcher ticks it and sends.
    await page.getByTestId(`group-pick-${groupId}`).check();
    await expect(page.getByTestId(`compose-chip-${groupId}`)).toContainText('8');
    const sent = await sendFromCompose(page, `${groupName}: сбор бригад у ПС-12 в 14:00. Ответьте 1, если приняли.`);
    expect(sent.recipients).toBe(8);
    const feed = page.locator(`[data-testid^="feed-item-"][data-broadcast-id="${sent.broadcastId}"][data-direction="out"]`);
    await expect(feed).toHaveCount(8);
    await expect(page.locator(`[data-testid^="feed-item-"][data-broadcast-id="${sent.broadcastId}"]`, { hasText: newNumber })).toHaveCount(1);
    await page.screenshot({ path: testInfo.outputPath('3-sent-to-the-group.png') });
  } finally {
    c.close();
  }
});
