// The admin screen's requests through a real ws client against a real station: users and roles
// (a generated password shown once, guards against locking the station out, a disabled user's,
// a demoted user's and a reset user's open desks closed at once), tags and subscribers, and
// settings the station obeys.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStation, type Station } from '../../main/station/index.js';
import { ControlRoomClient, RequestFailed } from '../tools/control-room-client.js';

let dir: string;
let station: Station;
let admin: ControlRoomClient;
const clients: ControlRoomClient[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sb-admin-users-'));
  station = await createStation({
    dataDir: dir,
    port: 0,
    logLevel: 'silent',
    simulator: { seed: 5, deliveryLatencyMs: [5, 10], replyRate: 0, failureRate: 0 },
  });
  admin = await ControlRoomClient.login(station.url, 'admin', station.initialAdminPassword!);
});

afterAll(async () => {
  admin?.close();
  for (const c of clients) c.close();
  await station?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function loginAs(login: string, password: string): Promise<ControlRoomClient> {
  const c = await ControlRoomClient.login(station.url, login, password);
  clients.push(c);
  return c;
}

async function refusal(p: Promise<unknown>): Promise<RequestFailed> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RequestFailed);
  return err as RequestFailed;
}

const lastAudit = (action: string) =>
  station.core.store.audit.recent(1, action)[0] as { actor: string; target: string; detail: any } | undefined;

describe('users and roles', () => {
  it('creates a user with a generated password returned once, which then logs in', async () => {
    const { user, password } = await admin.request('users.create', { login: 'petrova', name: 'Петрова Анна', role: 'dispatcher' });
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(user).toMatchObject({ login: 'petrova', role: 'dispatcher', disabled: false, lastLoginAt: null });

    const listed = (await admin.request('users.list', {})).users.find((u) => u.login === 'petrova')!;
    expect(JSON.stringify(listed)).not.toContain(password!);
    expect(lastAudit('user.create')).toMatchObject({ actor: 'admin', target: 'user:petrova', detail: { after: { role: 'dispatcher' }, passwordGenerated: true } });

    const before = Date.now();
    await loginAs('petrova', password!);
    const after = (await admin.request('users.list', {})).users.find((u) => u.login === 'petrova')!;
    expect(after.lastLoginAt).toBeGreaterThanOrEqual(before);
  });

  it('returns no password when the admin chose one, and refuses a login already taken', async () => {
    const made = await admin.request('users.create', { login: 'sidorov', name: 'Сидоров', role: 'viewer', password: 'chosen-pass-1' });
    expect(made.password).toBeNull();
    await loginAs('sidorov', 'chosen-pass-1');
    const dup = await refusal(admin.request('users.create', { login: 'SIDOROV', name: 'Другой', role: 'viewer' }));
    expect(dup.error).toMatchObject({ code: 'bad_request', field: 'login' });
    expect(dup.error.message).toMatch(/already exists/);
  });

  it('refuses a dispatcher every admin request and audits it as admin.refused', async () => {
    await admin.request('users.create', { login: 'ivanov', name: 'Иванов', role: 'dispatcher', password: 'ivanov-pass-1' });
    const ivanov = await loginAs('ivanov', 'ivanov-pass-1');
    for (const [method, params] of [
      ['users.list', {}],
      ['users.create', { login: 'x1', name: 'X', role: 'admin' }],
      ['tags.create', { name: 'чужой' }],
      ['settings.set', { replyWindowHours: 1 }],
    ] as const) {
      const err = await refusal(ivanov.request(method, params as never));
      expect(err.error.code).toBe('forbidden');
      expect(lastAudit('admin.refused')).toMatchObject({ actor: 'ivanov', target: method });
    }
    expect((await admin.request('users.list', {})).users.some((u) => u.login === 'x1')).toBe(false);
  });

  it('will not let an admin demote or disable themself, and says why', async () => {
    const me = (await admin.request('users.list', {})).users.find((u) => u.login === 'admin')!;
    const demote = await refusal(admin.request('users.update', { id: me.id, role: 'dispatcher' }));
    expect(demote.error).toMatchObject({ code: 'bad_request', field: 'role' });
    expect(demote.error.message).toMatch(/from yourself/);
    const disable = await refusal(admin.request('users.update', { id: me.id, disabled: true }));
    expect(disable.error.message).toMatch(/your own account/);
    const still = (await admin.request('users.list', {})).users.find((u) => u.login === 'admin')!;
    expect(still).toMatchObject({ role: 'admin', disabled: false });
  });

  it('a role change ends the open desk\'s session at once; logged in again it works as the new role, audited', async () => {
    const { user } = await admin.request('users.create', { login: 'orlov', name: 'Орлов', role: 'dispatcher', password: 'orlov-pass-1' });
    const first = await loginAs('orlov', 'orlov-pass-1');
    await refusal(first.request('users.list', {}));
    await admin.request('users.update', { id: user.id, role: 'admin', name: 'Орлов И.' });
    expect(await first.closed).toEqual({ code: 4001, reason: 'session ended: role' });
    let orlov = await loginAs('orlov', 'orlov-pass-1');
    expect((await orlov.request('users.list', {})).users.length).toBeGreaterThan(1);
    expect(lastAudit('user.update')).toMatchObject({
      target: 'user:orlov',
      detail: { before: { role: 'dispatcher', name: 'Орлов' }, after: { role: 'admin', name: 'Орлов И.' } },
    });
    // Two administrators now: one may demote the other.
    await orlov.request('users.update', { id: (await orlov.request('users.list', {})).users.find((u) => u.login === 'admin')!.id, locale: 'en' });
    await admin.request('users.update', { id: user.id, role: 'viewer' });
    await orlov.closed;
    orlov = await loginAs('orlov', 'orlov-pass-1');
    expect((await refusal(orlov.request('users.list', {}))).error.code).toBe('forbidden');
  });

  it('disabling a user ends their open session: the socket closes at once and login fails', async () => {
    const { user } = await admin.request('users.create', { login: 'kozlov', name: 'Козлов', role: 'dispatcher', password: 'kozlov-pass-1' });
    const kozlov = await loginAs('kozlov', 'kozlov-pass-1');
    await kozlov.request('snapshot', {});

    const { user: after } = await admin.request('users.update', { id: user.id, disabled: true });
    expect(after.disabled).toBe(true);
    expect(lastAudit('user.update')!.detail).toMatchObject({ before: { disabled: false }, after: { disabled: true }, sessionsClosed: 1 });

    expect(await kozlov.closed).toEqual({ code: 4001, reason: 'session ended: disabled' });
    expect((await refusal(ControlRoomClient.login(station.url, 'kozlov', 'kozlov-pass-1'))).error.code).toBe('unauthenticated');
    // The rights matrix lists only those who can send; the users list keeps the disabled one.
    expect((await admin.request('rights.matrix', {})).users.some((u) => u.login === 'kozlov')).toBe(false);
    expect((await admin.request('users.list', {})).users.find((u) => u.login === 'kozlov')!.disabled).toBe(true);

    await admin.request('users.update', { id: user.id, disabled: false });
    await loginAs('kozlov', 'kozlov-pass-1');
  });

  it('a password reset gives a new password once and closes the sessions opened with the old one', async () => {
    const { user } = await admin.request('users.create', { login: 'belova', name: 'Белова', role: 'viewer', password: 'belova-pass-1' });
    const belova = await loginAs('belova', 'belova-pass-1');
    const { password } = await admin.request('users.resetPassword', { id: user.id });
    expect(password).not.toBe('belova-pass-1');
    expect(await belova.closed).toEqual({ code: 4001, reason: 'session ended: password' });
    await refusal(ControlRoomClient.login(station.url, 'belova', 'belova-pass-1'));
    await loginAs('belova', password);
    const audit = lastAudit('user.password')!;
    expect(audit).toMatchObject({ actor: 'admin', target: 'user:belova', detail: { reset: true, sessionsClosed: 1 } });
    expect(JSON.stringify(audit)).not.toContain(password);
  });

  it('refuses a short password and an unknown user with a sentence', async () => {
    const short = await refusal(admin.request('users.create', { login: 'novak', name: 'Новак', role: 'viewer', password: 'short' }));
    expect(short.error).toMatchObject({ code: 'bad_request', field: 'password' });
    expect((await refusal(admin.request('users.resetPassword', { id: 9999 }))).error.code).toBe('not_found');
  });
});

describe('tags', () => {
  it('creates a tag, refuses it twice, and manages its subscribers with counts', async () => {
    const a = station.core.store.contacts.upsert({ name: 'Абрамов', phone: '+79160000101' });
    const b = station.core.store.contacts.upsert({ name: 'Борисов', phone: '+79160000102', active: false });
    const { tag, tags } = await admin.request('tags.create', { name: '#Подстанция12', selfService: true });
    expect(tag).toMatchObject({ name: 'Подстанция12', subscribers: 0, selfService: true });
    expect(tags.map((t) => t.id)).toContain(tag.id);
    expect(lastAudit('tag.create')).toMatchObject({ target: `tag:${tag.id}`, detail: { after: { name: 'Подстанция12', selfService: true } } });

    const dup = await refusal(admin.request('tags.create', { name: 'подстанция12' }));
    expect(dup.error.message).toMatch(/already exists/);

    expect(await admin.request('tags.subscribe', { tagId: tag.id, contactId: a.id, subscribed: true })).toEqual({ subscribers: 1 });
    await admin.request('tags.subscribe', { tagId: tag.id, contactId: b.id, subscribed: true });
    const { subscribers } = await admin.request('tags.subscribers', { tagId: tag.id });
    expect(subscribers.map((s) => [s.name, s.source, s.active])).toEqual([
      ['Абрамов', 'admin', true],
      ['Борисов', 'admin', false],
    ]);
    // The count is who gets a message to the tag: the inactive contact is not counted.
    expect((await admin.request('tags.list', {})).tags.find((t) => t.id === tag.id)!.subscribers).toBe(1);

    await admin.request('tags.subscribe', { tagId: tag.id, contactId: a.id, subscribed: false });
    expect((await admin.request('tags.subscribers', { tagId: tag.id })).subscribers.map((s) => s.name)).toEqual(['Борисов']);
    expect((await refusal(admin.request('tags.subscribers', { tagId: 9999 }))).error.code).toBe('not_found');
  });
});

describe('settings', () => {
  it('a stored reply window wins over config for the next reply, and null goes back to config', async () => {
    const c = station.core.store.contacts.upsert({ name: 'Гусев', phone: '+79160000201' });
    const sent = await admin.request('send', { text: 'Проверка связи', contacts: [c.id] });
    const db = station.core.store.db;
    await expect
      .poll(() => (db.prepare(`SELECT status FROM messages WHERE broadcast_id = ?`).get(sent.broadcastId) as { status: string }).status)
      .not.toBe('queued');
    let ref = 0;
    // A reply three hours after the send: inside the configured 24 h window, outside a 2 h one.
    const replyLinked = () => {
      const id = station.core.inbound.receive({ from: c.phone, text: 'на связи', receivedAt: Date.now() + 3 * 3_600_000, carrierRef: `r${++ref}` }, 'simulator')!;
      return (db.prepare('SELECT broadcast_id AS b FROM messages WHERE id = ?').get(id) as { b: number | null }).b;
    };

    expect((await admin.request('settings.get', {})).effective.replyWindowHours).toBe(24);
    expect(replyLinked()).toBe(sent.broadcastId);

    const set = await admin.request('settings.set', { replyWindowHours: 2 });
    expect(set).toMatchObject({ effective: { replyWindowHours: 2 }, stored: { replyWindowHours: 2 }, defaults: { replyWindowHours: 24 } });
    expect(replyLinked()).toBeNull();
    expect(lastAudit('settings.change')).toMatchObject({ actor: 'admin', detail: { before: { replyWindowHours: 24 }, after: { replyWindowHours: 2 } } });

    const reset = await admin.request('settings.set', { replyWindowHours: null });
    expect(reset.stored).toEqual({});
    expect(replyLinked()).toBe(sent.broadcastId);
  });

  it('a stored session length applies to the next login', async () => {
    await admin.request('settings.set', { sessionHours: 2 });
    const before = Date.now();
    await loginAs('petrova', (await admin.request('users.resetPassword', { id: (await admin.request('users.list', {})).users.find((u) => u.login === 'petrova')!.id })).password);
    const expires = station.core.store.db
      .prepare(`SELECT max(s.expires_at) AS e FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.login = 'petrova'`)
      .get() as { e: number };
    expect(expires.e - before).toBeGreaterThanOrEqual(2 * 3_600_000 - 1_000);
    expect(expires.e - before).toBeLessThan(3 * 3_600_000);
    const bad = await refusal(admin.request('settings.set', { sessionHours: 0 }));
    expect(bad.error).toMatchObject({ code: 'bad_request', field: 'sessionHours' });
  });
});
