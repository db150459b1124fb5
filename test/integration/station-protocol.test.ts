import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStation, type Station } from '../../main/station/index.js';
import { Health } from '../../shared/protocol/index.js';
import { ControlRoomClient, RequestFailed } from '../tools/control-room-client.js';

let station: Station;
let client: ControlRoomClient;
const password = 'correct horse battery';

/** Broadcasts and outgoing SMS stored: replies the simulator sends to earlier tests arrive at any time. */
function counts() {
  const db = station.core.store.db;
  return db.prepare(`SELECT (SELECT count(*) FROM broadcasts) AS b, (SELECT count(*) FROM messages WHERE direction = 'out') AS m`).get() as {
    b: number;
    m: number;
  };
}

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    if (err instanceof RequestFailed) return err.error;
    throw err;
  }
  throw new Error('expected the request to be refused');
}

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-proto-'));
  station = await createStation({
    dataDir,
    port: 0,
    demo: true,
    logLevel: 'silent',
    simulator: { deliveryLatencyMs: [20, 60], replyLatencyMs: [20, 80], replyRate: 1, failureRate: 0 },
  });
  await station.core.store.users.create({ login: 'disp', role: 'admin', password });
  client = await ControlRoomClient.login(station.url, 'disp', password);
});

afterAll(async () => {
  client?.close();
  await station?.stop();
});

describe('station over http and ws', () => {
  it('answers health with its version and carriers', async () => {
    const res = await fetch(`${station.url}/api/v1/health`);
    expect(res.status).toBe(200);
    const body = Health.parse(await res.json());
    expect(body).toMatchObject({ ok: true, carriers: [{ id: 'simulator', kind: 'simulator', state: 'up' }] });
  });

  it('creates admin with a password shown once on the first start', () => {
    expect(station.initialAdminPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
  });

  it('refuses a wrong password and requests before login', async () => {
    const anon = await ControlRoomClient.connect(station.url);
    expect(await refusal(anon.request('login', { login: 'disp', password: 'nope' }))).toMatchObject({ code: 'unauthenticated' });
    expect(await refusal(anon.request('snapshot', {}))).toMatchObject({ code: 'unauthenticated' });
    expect(await refusal(anon.request('resume', { token: 'stale-or-forged-token' }))).toMatchObject({
      code: 'unauthenticated',
      message: expect.stringContaining('expired'),
    });
    anon.close();
  });

  it('answers a frame that is not JSON or fails its schema with bad_request, and keeps the connection', async () => {
    expect(await refusal(client.raw('{not json', -1))).toMatchObject({ code: 'bad_request' });
    expect(await refusal(client.raw({ id: 5, params: {} }, 5))).toMatchObject({ code: 'bad_request' });
    const snapshot = await client.request('snapshot', {});
    expect(snapshot.user.login).toBe('disp');
  });

  it('names the field of a params schema failure', async () => {
    const err = await refusal(client.raw({ id: 900, method: 'send', params: { text: 42, groups: [] } }));
    expect(err).toMatchObject({ code: 'bad_request', field: 'text' });
    const unknown = await refusal(client.raw({ id: 901, method: 'send', params: { text: 'x', groups: [], sneaky: 1 } }));
    expect(unknown.code).toBe('bad_request');
    expect(unknown.message).toContain('sneaky');
    const method = await refusal(client.raw({ id: 902, method: 'dropDatabase', params: {} }));
    expect(method).toMatchObject({ code: 'bad_request', message: expect.stringContaining('dropDatabase') });
  });

  it('refuses bad sends with a clear error and stores nothing', async () => {
    const before = counts();
    const snapshot = await client.request('snapshot', {});
    const group = snapshot.groups.find((g) => g.name === 'Бригада 1')!;
    expect(await refusal(client.request('send', { text: 'x', phones: ['8 916 12'] }))).toMatchObject({
      code: 'bad_request',
      field: 'phones',
      message: expect.stringContaining('"8 916 12"'),
    });
    expect(await refusal(client.request('send', { text: 'x', groups: [999_999] }))).toMatchObject({
      code: 'bad_request',
      field: 'groups',
    });
    expect(await refusal(client.request('send', { text: '   ', groups: [group.id] }))).toMatchObject({
      code: 'bad_request',
      field: 'text',
    });
    const long = await refusal(client.request('send', { text: 'ж'.repeat(5000), groups: [group.id] }));
    expect(long).toMatchObject({ code: 'too_large', field: 'text' });
    expect(long.message).toContain('5000 characters');
    expect(await refusal(client.request('send', { text: 'x' }))).toMatchObject({ code: 'bad_request' });
    expect(await refusal(client.request('send', { text: 'x', tags: ['нет-такого'] }))).toMatchObject({ code: 'bad_request' });
    expect(counts()).toEqual(before);
  });

  it('sends to a group: every member is queued, sent, delivered, and replies arrive linked to the broadcast', async () => {
    const snapshot = await client.request('snapshot', {});
    const group = snapshot.groups.find((g) => g.name === 'Бригада 1')!;
    const preview = await client.request('preview', { text: 'Проверка связи, ответьте 1 #авария', groups: [group.id] });
    expect(preview).toMatchObject({ recipients: group.totalCount, segments: 1, encoding: 'ucs2' });

    const result = await client.request('send', { text: 'Проверка связи, ответьте 1 #авария', groups: [group.id] });
    expect(result.recipients).toBe(6);
    expect(result.refused).toEqual([]);
    const done = await client.waitFor(
      'broadcast.progress',
      (b) => b.id === result.broadcastId && b.counts.delivered === 6 && b.counts.replied === 6,
    );
    expect(done.tags).toEqual(['авария']);
    const reply = await client.waitFor('message.created', (m) => m.direction === 'in' && m.broadcastId === result.broadcastId);
    expect(reply).toMatchObject({ text: '1', status: 'received' });
    expect(reply.replyTo).not.toBeNull();
    expect(reply.contactName).toBeTruthy();
  });

  it('stores a send retried with the same clientRef once, and answers the retry with the first broadcast', async () => {
    const snapshot = await client.request('snapshot', {});
    const group = snapshot.groups.find((g) => g.name === 'Бригада 3')!;
    const before = counts();
    const first = await client.request('send', { text: 'Сбор в 8:00', groups: [group.id], clientRef: 'click-7f3a9c01' });
    const retry = await client.request('send', { text: 'Сбор в 8:00', groups: [group.id], clientRef: 'click-7f3a9c01' });
    expect(retry.broadcastId).toBe(first.broadcastId);
    expect(retry.recipients).toBe(first.recipients);
    expect(counts().b).toBe(before.b + 1);
    const other = await client.request('send', { text: 'Сбор в 8:00', groups: [group.id], clientRef: 'click-7f3a9c02' });
    expect(other.broadcastId).not.toBe(first.broadcastId);
  });

  it('lets a viewer see but not send, and audits the refusal', async () => {
    await station.core.store.users.create({ login: 'viewer', role: 'viewer', password });
    const viewer = await ControlRoomClient.login(station.url, 'viewer', password);
    const snapshot = await viewer.request('snapshot', {});
    const group = snapshot.groups.find((g) => g.name === 'Бригада 2')!;
    const result = await viewer.request('send', { text: 'Тест', groups: [group.id] });
    expect(result.broadcastId).toBeNull();
    expect(result.refused).toHaveLength(5);
    expect(result.refused[0]!.reason).toMatch(/viewer/);
    const audit = station.core.store.audit.recent(5, 'send.refused');
    expect(audit[0]).toMatchObject({ actor: 'viewer' });
    viewer.close();
  });

  it('refuses a ws connection from another origin', async () => {
    const { default: WebSocket } = await import('ws');
    const ws = new WebSocket(station.url.replace('http', 'ws') + '/ws', { headers: { origin: 'http://evil.example' } });
    const outcome = await new Promise((resolve) => {
      ws.once('open', () => resolve('open'));
      ws.once('error', () => resolve('refused'));
      ws.once('unexpected-response', () => resolve('refused'));
    });
    expect(outcome).toBe('refused');
  });
});

describe('the station speaks the client’s language', () => {
  it('answers a bad send in Russian after login {locale:"ru"} and in English after session.locale {locale:"en"}', async () => {
    const ru = await ControlRoomClient.login(station.url, 'disp', password, 'ru');
    try {
      const before = counts();
      expect(await refusal(ru.request('send', { text: 'x', phones: ['8 916 12'] }))).toEqual({
        code: 'bad_request',
        field: 'phones',
        message: '«8 916 12» — не номер телефона. Пишите так: +7 916 123-45-67 или 8 916 123-45-67.',
      });
      expect(await refusal(ru.request('send', { text: '   ', phones: ['+79161234567'] }))).toMatchObject({ message: 'Сообщение пустое. Напишите текст.' });
      expect(await refusal(ru.request('dropDatabase' as never, {} as never))).toMatchObject({ message: 'Неизвестный запрос «dropDatabase».' });
      expect(await refusal(ru.request('history.search', { cursor: 'garbage' } as never))).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/[а-я]/) });

      expect(await ru.request('session.locale', { locale: 'en' })).toEqual({ locale: 'en' });
      expect(await refusal(ru.request('send', { text: 'x', phones: ['8 916 12'] }))).toMatchObject({
        message: '"8 916 12" is not a valid phone number. Write it as +7 916 123-45-67 or 8 916 123-45-67.',
      });
      expect(counts()).toEqual(before);
    } finally {
      ru.close();
    }
  });

  it('tells refusal reasons in the session’s language and keeps the audit log in English', async () => {
    const watcher = await station.core.store.users.create({ login: 'watcher', role: 'viewer', password });
    // A viewer sees whom their rights cover (auth/read-scope.ts): this one watches everyone.
    station.core.store.db.prepare(`INSERT INTO rights (user_id, scope, target_id) VALUES (?, 'all', NULL)`).run(watcher.id);
    const viewer = await ControlRoomClient.login(station.url, 'watcher', password, 'ru');
    try {
      const snapshot = await viewer.request('snapshot', {});
      const contact = snapshot.contacts.find((c) => c.active)!;
      const ru = await viewer.request('preview', { text: 'Сбор в 9:00', contacts: [contact.id] });
      expect(ru.refused).toEqual([
        { kind: 'contact', target: expect.stringContaining(contact.name), reason: 'Ваша роль (наблюдатель) не позволяет отправлять сообщения. Обратитесь к администратору.' },
      ]);
      await viewer.request('session.locale', { locale: 'en' });
      const en = await viewer.request('send', { text: 'Сбор в 9:00', contacts: [contact.id] });
      expect(en).toMatchObject({ broadcastId: null, refused: [{ reason: 'Your role (viewer) may not send messages. Ask an administrator.' }] });
      expect(Object.keys(en.refused[0]!).sort()).toEqual(['kind', 'reason', 'target']);
      await viewer.request('session.locale', { locale: 'ru' });
      await viewer.request('send', { text: 'Сбор в 9:00', contacts: [contact.id] });
      const audit = station.core.store.db.prepare(`SELECT detail FROM audit WHERE action = 'send.refused' ORDER BY id DESC LIMIT 1`).pluck().get() as string;
      expect(audit).toContain('Your role (viewer) may not send messages.');
    } finally {
      viewer.close();
    }
  });

  it('answers a wrong password in the language the login asked for', async () => {
    const c = await ControlRoomClient.connect(station.url);
    try {
      expect(await refusal(c.request('login', { login: 'disp', password: 'wrong password', locale: 'ru' }))).toEqual({
        code: 'unauthenticated',
        message: 'Неверный логин или пароль.',
      });
      expect(await refusal(c.request('snapshot', {}))).toMatchObject({ message: 'Сначала войдите в систему.' });
    } finally {
      c.close();
    }
  });
});

describe('http errors', () => {
  it('are English for scripts and Russian when Accept-Language prefers it', async () => {
    const en = await fetch(`${station.url}/api/v1/exports/none`);
    expect((await en.json()).error.message).toBe('Log in to the control room to download exports.');
    const ru = await fetch(`${station.url}/api/v1/exports/none`, { headers: { 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.8' } });
    expect(ru.status).toBe(en.status);
    expect((await ru.json()).error.message).toBe('Чтобы скачать выгрузку, войдите в пульт.');
  });
});
