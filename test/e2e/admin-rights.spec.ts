import { test, expect, type Page } from '@playwright/test';
import { E2E_LOGIN, E2E_PASSWORD } from '../../playwright.config.js';

// The admin grants and revokes a right that the next send obeys (issue 8 "Done when"): the admin
// creates a dispatcher in the admin screen and lets them send to one crew; the dispatcher (a
// second browser) sends to that crew and another, and the other is refused with the reason; the
// admin ticks the other crew in the rights matrix, the next send reaches both; the admin unticks
// it, the next send is refused for it again; the audit log shows the grant and the revoke.
// (Two crews, so the send goes out and its result lists the refusals: a send nobody would get
// stops at the compose check, which does not list reasons.)
const LOGIN = 'disp-rights';
const PASSWORD = 'disp-rights-pass-1';
const ALLOWED = { name: 'Бригада 4', size: 5 };
const CREW = { name: 'Бригада 3', size: 6 };
// The desk speaks Russian by default, and the station answers in the desk's language.
const NO_RIGHT = 'У вас нет права писать этому сотруднику';

async function logIn(page: Page, login: string, password: string) {
  await page.goto('/');
  await page.getByTestId('login-login').fill(login);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.locator('[data-testid^="group-row-"]', { hasText: CREW.name })).toBeVisible();
}

async function groupId(page: Page, name: string): Promise<string> {
  const row = page.locator('[data-testid^="group-row-"]', { hasText: name });
  return (await row.getAttribute('data-testid'))!.replace('group-row-', '');
}

/** Sends from the dispatcher's compose (groups picked already), through its check: Enter sends. */
async function send(page: Page, text: string, expectPeople: number) {
  await page.getByTestId('compose-text').fill(text);
  await page.getByTestId('compose-send').click();
  await expect(page.getByTestId('compose-check-people')).toHaveAttribute('data-count', String(expectPeople));
  await page.keyboard.press('Enter');
  const result = page.getByTestId('compose-result');
  await expect(result).toHaveAttribute('data-recipients', String(expectPeople));
  expect(await result.getAttribute('data-broadcast-id')).toBeTruthy();
}

/** The confirm dialog every admin change passes through: Enter confirms. */
async function confirm(page: Page) {
  const dialog = page.getByTestId('admin-confirm');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('admin-confirm-ok')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
}

/** Ticks or unticks one matrix cell for the dispatcher and saves it through the confirmation. */
async function setRight(page: Page, crew: string, on: boolean, screenshot?: string) {
  const cell = page.getByRole('checkbox', { name: `${LOGIN}: ${crew}`, exact: true });
  await cell.setChecked(on);
  const userId = (await cell.getAttribute('data-testid'))!.split('-')[1]!;
  await page.getByTestId(`rights-save-${userId}`).click();
  await expect(page.getByTestId('admin-confirm')).toContainText(crew);
  if (screenshot) await page.getByTestId('admin-confirm').screenshot({ path: screenshot });
  await confirm(page);
  await expect(page.getByTestId('rights-result')).toContainText(LOGIN);
  await expect(cell).toHaveAttribute('data-checked', String(on));
}

test('the admin grants and revokes a crew, and the dispatcher’s next send obeys each time', async ({ browser, page }, testInfo) => {
  // The admin creates the dispatcher in the admin screen and lets them send to one crew.
  await logIn(page, E2E_LOGIN, E2E_PASSWORD);
  await page.locator('[data-testid=admin-panel] > summary').click();
  await page.getByTestId('user-create-login').fill(LOGIN);
  await page.getByTestId('user-create-name').fill('Диспетчер Смены');
  await page.getByTestId('user-create-password').fill(PASSWORD);
  await page.getByTestId('user-create-submit').click();
  await confirm(page);
  await expect(page.getByTestId(`user-row-${LOGIN}`)).toBeVisible();
  await expect(page.getByTestId('user-create-login')).toHaveValue('');
  await setRight(page, ALLOWED.name, true);

  // The dispatcher logs in at another desk and picks both crews: the second is refused, with the reason.
  const desk = await browser.newContext();
  const dispatcher = await desk.newPage();
  await logIn(dispatcher, LOGIN, PASSWORD);
  for (const name of [ALLOWED.name, CREW.name]) await dispatcher.getByTestId(`group-pick-${await groupId(dispatcher, name)}`).click();
  await send(dispatcher, 'Проверка прав 1', ALLOWED.size);
  const refused = dispatcher.getByTestId('compose-refused');
  await expect(refused.locator('li')).toHaveCount(CREW.size);
  await expect(refused).toContainText(NO_RIGHT);
  await dispatcher.getByTestId('compose-panel').screenshot({ path: testInfo.outputPath('1-dispatcher-refused.png') });

  // The admin ticks the crew: the dispatcher's next send reaches both crews, nobody refused.
  await setRight(page, CREW.name, true, testInfo.outputPath('2-confirm-grant.png'));
  await send(dispatcher, 'Проверка прав 2', ALLOWED.size + CREW.size);
  await expect(dispatcher.getByTestId('compose-refused')).toHaveCount(0);

  // The admin unticks it: the next send is refused for that crew again.
  await setRight(page, CREW.name, false);
  await send(dispatcher, 'Проверка прав 3', ALLOWED.size);
  await expect(dispatcher.getByTestId('compose-refused')).toContainText(NO_RIGHT);

  // The audit log shows the grant and the revoke, newest first, by crew name (the oldest line
  // is the setup); the full record is in the cell's title.
  const crewId = await groupId(page, CREW.name);
  await page.getByTestId('audit-filter').fill('rights');
  const rows = page.locator('[data-testid^="audit-row-"][data-action="rights.change"]', { hasText: `user:${LOGIN}` });
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0).locator('.audit-detail')).toHaveText(`Запретить: ${CREW.name}`);
  await expect(rows.nth(1).locator('.audit-detail')).toHaveText(`Разрешить: ${CREW.name}`);
  await expect(rows.nth(2).locator('.audit-detail')).toHaveText(`Разрешить: ${ALLOWED.name}`);
  expect(await rows.nth(1).locator('.audit-detail').getAttribute('title')).toContain(`{"scope":"group","targetId":${crewId}}`);
  await page.getByTestId('audit-log').screenshot({ path: testInfo.outputPath('3-audit.png') });
  await page.getByTestId('admin-users').screenshot({ path: testInfo.outputPath('4-users.png') });
  await page.getByTestId('admin-users').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('5-admin-sheet.png') });
  await desk.close();
});

