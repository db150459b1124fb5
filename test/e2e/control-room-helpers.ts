// Shared steps of the control room's end-to-end specs: signing in, a protocol client beside the
// browser (to set up what a spec is not about, and to read what the station stored), and users
// made with the CLI, as an admin would on the station's machine.
import { execFileSync } from 'node:child_process';
import { expect, type Page } from '@playwright/test';
import { E2E_LOGIN, E2E_PASSWORD, E2E_PORT } from '../../playwright.config.js';
import { ControlRoomClient } from '../tools/control-room-client.js';

export const STATION = `http://127.0.0.1:${E2E_PORT}`;

export async function logIn(page: Page, login = E2E_LOGIN, password = E2E_PASSWORD): Promise<void> {
  await page.goto('/');
  await page.getByTestId('login-login').fill(login);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('feed-panel')).toBeVisible();
}

export function adminClient(): Promise<ControlRoomClient> {
  return ControlRoomClient.login(STATION, E2E_LOGIN, E2E_PASSWORD, 'ru');
}

/** A user made with `switchboard user add` on the station's data folder (idempotent per run). */
export function addUser(login: string, role: 'admin' | 'dispatcher' | 'viewer', password: string): void {
  try {
    execFileSync(process.execPath, ['main/bin/switchboard.js', 'user', 'add', '--data', process.env.SWITCHBOARD_E2E_DATA!, '--login', login, '--role', role, '--password', password], { stdio: 'pipe' });
  } catch (err) {
    if (!String((err as { stderr?: Buffer }).stderr ?? '').match(/exists|есть/i)) throw err;
  }
}

/** A group's id from its row in the group panel. */
export async function groupIdOf(page: Page, name: string): Promise<number> {
  const row = page.locator('[data-testid^="group-row-"]', { hasText: name }).first();
  return Number((await row.getAttribute('data-testid'))!.replace('group-row-', ''));
}

/** Sends what compose holds through its check (and its second ask, when there is one). */
export async function sendFromCompose(page: Page, text: string): Promise<{ broadcastId: number; recipients: number }> {
  await page.getByTestId('compose-text').fill(text);
  await page.getByTestId('compose-send').click();
  const send = page.getByTestId('compose-check-send');
  await expect(send).toBeEnabled();
  await send.click();
  const over = page.getByTestId('compose-check-confirm-over');
  if (await over.isVisible()) await over.click();
  const result = page.getByTestId('compose-result');
  await expect(result).toHaveAttribute('data-broadcast-id', /\d+/);
  return { broadcastId: Number(await result.getAttribute('data-broadcast-id')), recipients: Number(await result.getAttribute('data-recipients')) };
}
