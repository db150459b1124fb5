// Security case 5 (issue 14): sessions used to outlive their end. After logout, disable, password
// reset or expiry an open socket still received 3–4 pushed events (the push path checked the user,
// not the token); `switchboard user passwd` left old sessions valid; a failed export download
// logged its URL with ?token= into logs/station.log. Now each end closes every socket of that
// session at once (code 4001) and nothing more is pushed to it; downloads use one-use tickets;
// no token, key or password reaches the log.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStation, type Station } from '../../main/station/index.js';
import { main as cli } from '../../main/cli.js';
import { ControlRoomClient, RequestFailed } from '../tools/control-room-client.js';
import { ApiKeyRepository } from '../../main/station/integrations/api-keys.js';
import { until } from '../tools/integrations-fixture.js';

let dir: string;
let station: Station;
let admin: ControlRoomClient;
const open: ControlRoomClient[] = [];
const PASSWORD = 'field-pass-2026';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sb-sessions-'));
  station = await createStation({
    dataDir: dir,
    port: 0,
    demo: true,
    logLevel: 'info',
    simulator: { seed: 3, deliveryLatencyMs: [5, 10], replyRate: 0, failureRate: 0 },
  });
  admin = await ControlRoomClient.login(station.url, 'admin', station.initialAdminPassword!);
});
afterAll(async () => {
  admin?.close();
  for (const c of open) c.close();
  await station?.stop();
});

let n = 0;
/** A dispatcher with rights to everyone and `desks` sockets on one session (tabs of one browser). */
async function dispatcher(desks = 1): Promise<{ id: number; login: string; token: string; sockets: ControlRoomClient[] }> {
  const login = `disp${++n}`;
  const { user } = await admin.request('users.create', { login, name: login, role: 'dispatcher', password: PASSWORD });
  await admin.request('rights.set', { userId: user.id, rights: [{ scope: 'all', targetId: null }] });
  const first = await ControlRoomClient.connect(station.url);
  const { token } = await first.request('login', { login, password: PASSWORD });
  const sockets = [first];
  for (let i = 1; i < desks; i++) {
    const c = await ControlRoomClient.connect(station.url);
    await c.request('resume', { token });
    sockets.push(c);
  }
  open.push(...sockets);
  return { id: user.id, login, token, sockets };
}

/** Makes the station push: a send from the admin desk (message.created, broadcast.progress…). */
async function push(): Promise<void> {
  const snap = await admin.request('snapshot', {});
  await admin.request('send', { text: 'push check', contacts: [snap.contacts[0]!.id] });
  await admin.waitFor('broadcast.progress', () => true);
}

function eventsAfter(c: ControlRoomClient, since: number): number {
  return c.events.filter((e) => e.at > since).length;
}

describe('5. a session ends everywhere at once', () => {
  it('logout closes the other sockets of that session (and only that session), and they get no pushes', async () => {
    const d = await dispatcher(3);
    const other = await ControlRoomClient.login(station.url, d.login, PASSWORD); // a second login elsewhere
    open.push(other);
    await d.sockets[0]!.request('logout', {});
    const [, tab2, tab3] = d.sockets;
    expect(await tab2!.closed).toEqual({ code: 4001, reason: 'session ended: logout' });
    expect(await tab3!.closed).toEqual({ code: 4001, reason: 'session ended: logout' });
    const since = performance.now();
    await push();
    await other.waitFor('broadcast.progress', () => true); // the other session still gets pushes
    expect(eventsAfter(tab2!, since) + eventsAfter(tab3!, since)).toBe(0);
    // The socket that logged out stays open for the next login, and receives nothing meanwhile.
    expect(eventsAfter(d.sockets[0]!, since)).toBe(0);
    await expect(d.sockets[0]!.request('snapshot', {})).rejects.toBeInstanceOf(RequestFailed);
    await expect(ControlRoomClient.connect(station.url).then((c) => (open.push(c), c.request('resume', { token: d.token })))).rejects.toMatchObject({
      error: { code: 'unauthenticated' },
    });
  });

  for (const [what, end] of [
    ['disabling the user', (id: number) => admin.request('users.update', { id, disabled: true })],
    ['a password reset from the admin screen', (id: number) => admin.request('users.resetPassword', { id })],
    ['a role change', (id: number) => admin.request('rights.set', { userId: id, role: 'viewer', rights: [] })],
  ] as const) {
    it(`${what} closes every socket of every session of the user before the next push`, async () => {
      const d = await dispatcher(2);
      const second = await ControlRoomClient.login(station.url, d.login, PASSWORD);
      open.push(second);
      await end(d.id);
      const since = performance.now();
      await push();
      for (const c of [...d.sockets, second]) {
        expect((await c.closed).code).toBe(4001);
        expect(eventsAfter(c, since)).toBe(0);
      }
    });
  }

  it('`switchboard user passwd` in another process ends the sessions: no push reaches them after it', async () => {
    const d = await dispatcher(2);
    const out: string[] = [];
    const code = await cli(['user', 'passwd', '--data', dir, '--login', d.login, '--password', 'new-pass-2026-x'], {
      log: (l) => out.push(l),
      err: (l) => out.push(l),
    });
    expect(code).toBe(0);
    const since = performance.now();
    await push();
    for (const c of d.sockets) {
      expect((await c.closed).code).toBe(4001);
      expect(eventsAfter(c, since)).toBe(0);
    }
    await expect(ControlRoomClient.login(station.url, d.login, PASSWORD)).rejects.toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('an expired session is closed by the sweep even when nothing is pushed', async () => {
    const users = station.core.store.users;
    const ttl = users.sessionTtlMs;
    users.sessionTtlMs = () => 1_500;
    try {
      const d = await dispatcher(1);
      const closed = await d.sockets[0]!.closed;
      expect(closed).toEqual({ code: 4001, reason: 'session ended: expired' });
    } finally {
      users.sessionTtlMs = ttl;
    }
  }, 20_000);

  it('a session whose row is deleted by another connection (as the CLI would) stops getting pushes at the next one', async () => {
    const d = await dispatcher(1);
    const other = new Database(join(dir, 'switchboard.db'));
    other.prepare('DELETE FROM sessions WHERE user_id = ?').run(d.id);
    other.close();
    const since = performance.now();
    await push();
    expect((await d.sockets[0]!.closed).code).toBe(4001);
    expect(eventsAfter(d.sockets[0]!, since)).toBe(0);
  });
});

describe('5. downloads by one-use ticket, and nothing secret in the log', () => {
  it('a ticket works once, for its own export, and dies with the session', async () => {
    const d = await dispatcher(1);
    const desk = d.sockets[0]!;
    const started = await desk.request('history.export.start', { filter: {} });
    await desk.waitFor('history.export.progress', (p) => p.exportId === started.exportId && p.state === 'done', 30_000);
    // The admin desk is not told about another user's export, and cannot get a ticket for it.
    expect(admin.events.some((e) => e.event === 'history.export.progress' && e.data.exportId === started.exportId)).toBe(false);
    await expect(admin.request('export.ticket', { exportId: started.exportId })).rejects.toMatchObject({ error: { code: 'forbidden' } });

    const { url } = await desk.request('export.ticket', { exportId: started.exportId });
    expect(url).toMatch(/\?ticket=[\w-]{20,}$/);
    expect((await fetch(`${station.url}${url}`)).status).toBe(200);
    expect((await fetch(`${station.url}${url}`)).status).toBe(401);
    expect((await fetch(`${station.url}/api/v1/exports/${started.exportId}?token=${d.token}`)).status).toBe(401);
    const late = await desk.request('export.ticket', { exportId: started.exportId });
    await desk.request('logout', {});
    expect((await fetch(`${station.url}${late.url}`)).status).toBe(401);
  });

  it('leaves no token, API key or password in logs/station.log after failed downloads, logins and keyed calls', async () => {
    const d = await dispatcher(1);
    const key = new ApiKeyRepository(station.core.store.db).create(d.login, 'log check').key;
    await fetch(`${station.url}/api/v1/exports/no-such-export?token=${d.token}`);
    await fetch(`${station.url}/api/v1/exports/no-such-export?ticket=forged-${d.token}`);
    await fetch(`${station.url}/api/v1/messages/not-a-number?key=${key}`);
    await fetch(`${station.url}/api/v1/send?key=${key}&to=%2B7&text=x`);
    await fetch(`${station.url}/m2m/m2m_api.asmx/SendMessage?login=${d.login}&password=${PASSWORD}&msid=1&message=x&naming=x`);
    const anon = await ControlRoomClient.connect(station.url);
    open.push(anon);
    await anon.request('login', { login: d.login, password: 'wrong-secret-123' }).catch(() => undefined);
    await anon.request('resume', { token: `${d.token}x` }).catch(() => undefined);
    station.core.log.warn({ url: `/x?token=${d.token}&key=${key}`, password: PASSWORD, detail: { secret: key } }, 'redaction check');
    station.core.log.flush?.();
    const file = join(dir, 'logs', 'station.log');
    await until('the check line in the log', () => readFileSync(file, 'utf8').includes('redaction check'));
    const log = readFileSync(file, 'utf8');
    for (const secret of [d.token, key, PASSWORD, 'wrong-secret-123', station.initialAdminPassword!]) {
      expect(log.includes(secret), `log contains ${secret.slice(0, 6)}…`).toBe(false);
    }
    expect(log).toContain('token=***');
  });
});
