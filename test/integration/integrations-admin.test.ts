// The integrations admin screen's requests through a real ws client against a real station:
// an admin makes a key that then works on the old-script GET door and stops working once
// revoked; a dispatcher is refused; every change is in the audit log; the webhook log pages.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStation, type Station } from '../../main/station/index.js';
import { ControlRoomClient, RequestFailed } from '../tools/control-room-client.js';
import { until } from '../tools/integrations-fixture.js';

const SECRET = 'webhook-secret-never-shown-on-the-wire';
let dir: string;
let station: Station;
let receiver: Server;
let hookUrl: string;
let admin: ControlRoomClient;
let dispatcher: ControlRoomClient;

beforeAll(async () => {
  // A receiver that always fails, so deliveries stay pending with a next retry to show.
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(503).end());
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  dir = mkdtempSync(join(tmpdir(), 'sb-integrations-admin-'));
  station = await createStation({
    dataDir: dir,
    port: 0,
    logLevel: 'silent',
    simulator: { seed: 3, deliveryLatencyMs: [5, 10], replyRate: 0, failureRate: 0 },
    integrations: { webhooks: [{ url: hookUrl, secret: SECRET, events: ['delivery'] }], webhookRetryBaseMs: 600_000 },
  });
  const operator = await station.core.store.users.create({ login: 'operator', name: 'Оператор', role: 'dispatcher', password: 'operator-pass-1' });
  // The key acts with its user's rights: this dispatcher may send to anyone.
  station.core.store.db.prepare(`INSERT INTO rights (user_id, scope, target_id) VALUES (?, 'all', NULL)`).run(operator.id);
  station.core.store.contacts.upsert({ name: 'Иванов', phone: '+79160000001' });
  admin = await ControlRoomClient.login(station.url, 'admin', station.initialAdminPassword!);
  dispatcher = await ControlRoomClient.login(station.url, 'operator', 'operator-pass-1');
});

afterAll(async () => {
  admin?.close();
  dispatcher?.close();
  await station?.stop();
  await new Promise((r) => receiver.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const sendWith = (key: string) =>
  fetch(`${station.url}/api/v1/send?key=${encodeURIComponent(key)}&to=89160000001&text=${encodeURIComponent('Сервер 1 упал')}`);

async function refusal(p: Promise<unknown>): Promise<RequestFailed> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RequestFailed);
  return err as RequestFailed;
}

describe('integrations admin over the control-room protocol', () => {
  let keyId: number;
  let clearKey: string;

  it('creates a key for a user by login, shows it once and lists it without the secret', async () => {
    const created = await admin.request('apikeys.create', { login: 'operator', name: 'Zabbix' });
    expect(created.key).toMatch(/^sb_/);
    expect(created.view).toMatchObject({ userLogin: 'operator', name: 'Zabbix', legacy: false, revokedAt: null, lastUsedAt: null });
    expect(created.key.startsWith(created.view.prefix)).toBe(true);
    keyId = created.view.id;
    clearKey = created.key;

    const list = await admin.request('apikeys.list', {});
    expect(list.keys.map((k) => k.id)).toContain(keyId);
    expect(JSON.stringify(list)).not.toContain(clearKey);
    expect(list.owners.map((o) => o.login).sort()).toEqual(['admin', 'operator']);
  });

  it('creates a legacy key for a user by id', async () => {
    const owner = (await admin.request('apikeys.list', {})).owners.find((o) => o.login === 'admin')!;
    const created = await admin.request('apikeys.create', { userId: owner.id, name: 'old MTS script', legacy: true });
    expect(created.view).toMatchObject({ userLogin: 'admin', legacy: true });
  });

  it('refuses a create that names the owner both ways, or a user that does not exist', async () => {
    expect((await refusal(admin.request('apikeys.create', { userId: 1, login: 'admin', name: 'x' }))).error.code).toBe('bad_request');
    expect((await refusal(admin.request('apikeys.create', { login: 'nobody', name: 'x' }))).error.code).toBe('not_found');
  });

  it('lets the created key send on GET /api/v1/send and records its last use', async () => {
    const res = await sendWith(clearKey);
    expect(res.status).toBe(202);
    const body = (await res.json()) as { messages: { phone: string }[] };
    expect(body.messages.map((m) => m.phone)).toEqual(['+79160000001']);
    const view = (await admin.request('apikeys.list', {})).keys.find((k) => k.id === keyId)!;
    expect(view.lastUsedAt).not.toBeNull();
  });

  it('revokes the key, after which the same call gets 401', async () => {
    const { view } = await admin.request('apikeys.revoke', { id: keyId });
    expect(view.revokedAt).not.toBeNull();
    const res = await sendWith(clearKey);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    expect((await refusal(admin.request('apikeys.revoke', { id: keyId }))).error.code).toBe('bad_request');
  });

  it('refuses a dispatcher every integrations request with forbidden, and audits the refusal', async () => {
    const attempts = [
      dispatcher.request('apikeys.list', {}),
      dispatcher.request('apikeys.create', { login: 'operator', name: 'mine' }),
      dispatcher.request('apikeys.revoke', { id: keyId }),
      dispatcher.request('webhooks.list', {}),
      dispatcher.request('webhooks.log', {}),
    ];
    for (const p of attempts) expect((await refusal(p)).error.code).toBe('forbidden');
    const refused = (await admin.request('audit.list', { action: 'admin.refused' })).entries.filter((e) => e.actor === 'operator');
    expect(refused.map((e) => e.target).sort()).toEqual(['apikeys.create', 'apikeys.list', 'apikeys.revoke', 'webhooks.list', 'webhooks.log']);
    // The refused create made no key.
    expect((await admin.request('apikeys.list', {})).keys.filter((k) => k.name === 'mine')).toEqual([]);
  });

  it('audits every create and revoke with who did it and never the clear key', async () => {
    const { entries } = await admin.request('audit.list', { action: 'apikey' });
    const mine = entries.filter((e) => e.actor === 'admin');
    expect(mine.map((e) => e.action)).toEqual(['apikey.revoke', 'apikey.create', 'apikey.create']);
    expect(mine[0]).toMatchObject({ target: `apikey:${keyId}`, detail: { user: 'operator', name: 'Zabbix' } });
    expect(JSON.stringify(entries)).not.toContain(clearKey);
  });

  it('tells a Russian desk in Russian why a revoke, a limit or a create was refused, an English one in English', async () => {
    const ru = await ControlRoomClient.login(station.url, 'admin', station.initialAdminPassword!, 'ru');
    try {
      const prefix = (await ru.request('apikeys.list', {})).keys.find((k) => k.id === keyId)!.prefix;
      const said = async (p: Promise<unknown>) => (await refusal(p)).error;
      expect(await said(ru.request('apikeys.revoke', { id: keyId }))).toEqual({ code: 'bad_request', message: `Ключ ${prefix}… уже отозван.`, field: 'id' });
      expect(await said(ru.request('apikeys.revoke', { id: 999_999 }))).toMatchObject({ code: 'not_found', message: 'API-ключа 999999 нет. Обновите список ключей.' });
      expect(await said(ru.request('apikeys.limits', { id: 999_999, ratePerMinute: 60, burst: 5 }))).toMatchObject({ code: 'not_found', message: 'API-ключа 999999 нет. Обновите список ключей.' });
      expect(await said(ru.request('apikeys.create', { userId: 999_999, name: 'x' }))).toMatchObject({ code: 'not_found', message: 'Пользователя 999999 нет. Обновите список ключей.' });
      expect(await said(ru.request('apikeys.create', { login: 'nobody', name: 'x' }))).toMatchObject({ code: 'not_found', message: 'Пользователя «nobody» нет. Сначала создайте его.' });
      expect(await said(admin.request('apikeys.revoke', { id: keyId }))).toMatchObject({ message: `The key ${prefix}… was already revoked.` });
      expect(await said(admin.request('apikeys.limits', { id: 999_999, ratePerMinute: 60, burst: 5 }))).toMatchObject({ message: 'There is no API key 999999. Reload the API keys screen.' });
    } finally {
      ru.close();
    }
  });

  it('lists the configured webhook endpoints without their secrets', async () => {
    const { endpoints } = await admin.request('webhooks.list', {});
    expect(endpoints).toEqual([{ url: hookUrl, events: ['delivery'] }]);
    expect(JSON.stringify(endpoints)).not.toContain(SECRET);
  });

  it('pages the webhook delivery log newest first, with status code, attempts and next retry', async () => {
    await until('two failed webhook attempts', () => {
      const rows = station.core.store.db.prepare('SELECT count(*) AS n FROM webhook_deliveries WHERE attempts > 0').get() as { n: number };
      return rows.n >= 2;
    });
    const first = await admin.request('webhooks.log', { limit: 1 });
    expect(first.deliveries).toHaveLength(1);
    expect(first.next).toBe(first.deliveries[0]!.id);
    const second = await admin.request('webhooks.log', { limit: 1, cursor: first.next! });
    expect(second.deliveries[0]!.id).toBeLessThan(first.deliveries[0]!.id);
    const tried = (await admin.request('webhooks.log', { limit: 50 })).deliveries.find((d) => d.attempts > 0)!;
    expect(tried).toMatchObject({ url: hookUrl, event: 'delivery', status: 'pending', statusCode: 503, attempts: 1 });
    expect(tried.error).toContain('503');
    expect(tried.nextRetryAt).toBeGreaterThan(Date.now());
  });
});

describe('MTS sign-in of keys and mail aliases of groups, over the control-room protocol', () => {
  const md5 = (s: string) => createHash('md5').update(s).digest('hex');

  it('sets a key’s MTS login and password, which then sign in on the .asmx; audits it without the password', async () => {
    const { view } = await admin.request('apikeys.create', { login: 'operator', name: '1C' });
    const set = await admin.request('apikeys.setM2m', { id: view.id, login: 'company-1c', password: 'old-1c-password' });
    expect(set.view).toMatchObject({ m2mLogin: 'company-1c', m2mPassword: true, m2mToken: false });
    const ok = await fetch(`${station.url}/m2m/m2m_api.asmx/GetGroups?login=company-1c&password=${md5('old-1c-password')}`);
    expect(ok.status).toBe(200);
    const entry = (await admin.request('audit.list', { action: 'apikey.m2m' })).entries[0]!;
    expect(entry).toMatchObject({ actor: 'admin', target: `apikey:${view.id}`, detail: { login: 'company-1c', password: 'set', token: 'unchanged' } });
    expect(JSON.stringify(entry)).not.toContain('old-1c-password');
    // Another key may not take the same login; removing the password stops the sign-in.
    const other = await admin.request('apikeys.create', { login: 'admin', name: 'other' });
    expect((await refusal(admin.request('apikeys.setM2m', { id: other.view.id, login: 'COMPANY-1C', password: 'another-pass' }))).error).toMatchObject({ code: 'bad_request', field: 'login' });
    await admin.request('apikeys.setM2m', { id: view.id, password: null });
    expect((await fetch(`${station.url}/m2m/m2m_api.asmx/GetGroups?login=company-1c&password=${md5('old-1c-password')}`)).status).toBe(500);
  });

  it('gives a group a mail alias, refuses a bad or taken one, and refuses a dispatcher both requests', async () => {
    const north = station.core.store.groups.create('Северный район');
    const { group } = await admin.request('mail.setAlias', { groupId: north, alias: 'north' });
    expect(group).toEqual({ id: north, name: 'Северный район', parentName: null, alias: 'north' });
    expect((await admin.request('mail.addresses', {})).groups.find((g) => g.id === north)!.alias).toBe('north');
    expect((await refusal(admin.request('mail.setAlias', { groupId: north, alias: 'Северный' }))).error.field).toBe('alias');
    expect((await refusal(admin.request('mail.setAlias', { groupId: north, alias: 'mail2sms' }))).error.field).toBe('alias');
    // Said in the desk's language, like every refusal the control room shows.
    const ru = await ControlRoomClient.login(station.url, 'admin', station.initialAdminPassword!, 'ru');
    try {
      expect((await refusal(ru.request('mail.setAlias', { groupId: north, alias: 'a b' }))).error.message).toMatch(/^Почтовый псевдоним — от 1 до 64 латинских букв/);
    } finally {
      ru.close();
    }
    for (const p of [dispatcher.request('mail.addresses', {}), dispatcher.request('mail.setAlias', { groupId: north, alias: 'x' }), dispatcher.request('apikeys.setM2m', { id: 1, login: 'x' })]) {
      expect((await refusal(p)).error.code).toBe('forbidden');
    }
  });
});
