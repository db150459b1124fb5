// The REST door tested as a monitoring script would use it: the real curl against a station.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curl, startOrg, until, type Org } from '../tools/integrations-fixture.js';

let org: Org;
let api: string;
const bearer = (key: string) => ['-H', `Authorization: Bearer ${key}`];

beforeAll(async () => {
  org = await startOrg({ integrations: { rateLimitPerMinute: 120, maxBodyBytes: 64 * 1024 } });
  api = `${org.station.url}/api/v1`;
});
afterAll(() => org.stop());

describe('REST send', () => {
  it('sends a GET /send with key= in the query, as old scripts do, and answers 202 with one entry per SMS', async () => {
    const text = encodeURIComponent('Сервер 1 недоступен');
    const r = await curl(`${api}/send?key=${org.adminKey}&to=89160000001,+7%20916%20000-00-02&text=${text}`);
    expect(r.body).toContain('broadcastId');
    expect(r.status).toBe(202);
    const body = r.json as { broadcastId: number; messages: { id: number; phone: string; status: string }[]; refused: unknown[] };
    expect(body.messages.map((m) => m.phone).sort()).toEqual([org.phones.ivanov, org.phones.petrov]);
    // Committed, and possibly already claimed by the outbox in that same commit.
    expect(body.messages.every((m) => m.status === 'queued' || m.status === 'sending')).toBe(true);
    expect(body.refused).toEqual([]);
    const one = body.messages[0]!;
    await until('delivery', () => org.station.core.store.messages.view(one.id)?.status === 'delivered');
    const m = await curl(`${api}/messages/${one.id}`, bearer(org.adminKey));
    expect(m.status).toBe(200);
    expect(m.json).toMatchObject({ id: one.id, direction: 'out', status: 'delivered', text: 'Сервер 1 недоступен' });
    const b = await curl(`${api}/broadcasts/${body.broadcastId}`, bearer(org.adminKey));
    expect(b.json).toMatchObject({ id: body.broadcastId, source: 'http', total: 2 });
  });

  it('accepts a JSON body with a group name and a tag, through X-Api-Key', async () => {
    const r = await curl(`${api}/send`, [
      '-H', `X-Api-Key: ${org.adminKey}`,
      '-H', 'Content-Type: application/json',
      '--data-binary', JSON.stringify({ group: 'Север', tag: ['#АварияСервер1'], text: 'Проверка связи' }),
    ]);
    expect(r.status).toBe(202);
    const phones = (r.json as { messages: { phone: string }[] }).messages.map((m) => m.phone).sort();
    expect(phones).toEqual([org.phones.ivanov, org.phones.petrov, org.phones.sidorova]);
  });

  it('accepts a form POST with repeated tag fields', async () => {
    const r = await curl(`${api}/send`, [...bearer(org.adminKey), '--data-urlencode', 'tag=АварияСервер1', '--data-urlencode', 'text=Форма']);
    expect(r.status).toBe(202);
    expect((r.json as { messages: unknown[] }).messages).toHaveLength(2);
  });

  it('refuses a dispatcher a group outside their rights with 403 and the refusal counted, not named (she is outside their rights)', async () => {
    const r = await curl(`${api}/send`, [...bearer(org.dispatcherKey), '--data-urlencode', 'group=Юг', '--data-urlencode', 'text=Тест']);
    expect(r.status).toBe(403);
    const body = r.json as { error: { code: string; message: string }; refused: { contact: string; reason: string }[] };
    expect(body.error.code).toBe('forbidden');
    expect(body.error.message).toContain('You have no right to send to this person');
    expect(body.refused).toEqual([{ contact: 'a recipient outside your rights', reason: expect.stringContaining('no right') }]);
  });
});

describe('REST errors', () => {
  it('answers 401 for a forged key and writes an audit line, without a stack trace', async () => {
    const r = await curl(`${api}/send?key=sb_forged&to=89160000001&text=x`);
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ error: { code: 'unauthenticated', message: expect.stringContaining('not valid') } });
    const audit = org.station.core.store.audit.recent(5, 'api.auth.failed');
    expect(audit[0]?.detail).toEqual({ reason: 'unknown' });
  });

  it('answers 401 for a revoked key and says it was revoked', async () => {
    const keys = (await import('../../main/station/integrations/api-keys.js')).ApiKeyRepository;
    const repo = new keys(org.station.core.store.db);
    const { key, view } = repo.create('admin', 'to revoke');
    expect((await curl(`${api}/tags`, bearer(key))).status).toBe(200);
    repo.revoke(view.id);
    const r = await curl(`${api}/tags`, bearer(key));
    expect(r.status).toBe(401);
    expect((r.json as { error: { message: string } }).error.message).toContain('revoked');
    expect(org.station.core.store.audit.recent(1, 'api.auth.failed')[0]?.detail).toEqual({ reason: 'revoked' });
  });

  it('rejects an unknown field by its name', async () => {
    const r = await curl(`${api}/send`, [...bearer(org.adminKey), '-H', 'Content-Type: application/json', '--data-binary', '{"to":"89160000001","text":"x","priority":"high"}']);
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ error: { code: 'bad_request', field: 'priority', message: expect.stringContaining('"priority"') } });
  });

  it('rejects a malformed phone naming the number', async () => {
    const r = await curl(`${api}/send`, [...bearer(org.adminKey), '--data-urlencode', 'to=12ab', '--data-urlencode', 'text=x']);
    expect(r.status).toBe(400);
    expect((r.json as { error: { message: string } }).error.message).toContain('"12ab"');
  });

  it('answers 413 for a body over the limit', async () => {
    const r = await curl(`${api}/send`, [...bearer(org.adminKey), '-H', 'Content-Type: application/json', '--data-binary', JSON.stringify({ text: 'x'.repeat(70_000), to: '89160000001' })]);
    expect(r.status).toBe(413);
    expect((r.json as { error: { code: string } }).error.code).toBe('too_large');
  });

  it('answers 429 with Retry-After once a key exceeds its rate', async () => {
    const keys = (await import('../../main/station/integrations/api-keys.js')).ApiKeyRepository;
    // The station's default leaves room for a storm; this key has its own, tighter limit.
    const { key } = new keys(org.station.core.store.db).create('admin', 'busy script', false, Date.now(), { ratePerMinute: 120, burst: 120 });
    let last = 0;
    let retryAfter = '';
    for (let i = 0; i < 300 && last !== 429; i++) {
      const r = await curl(`${api}/tags`, bearer(key));
      last = r.status;
      retryAfter = r.headers['retry-after'] ?? '';
    }
    expect(last).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  });

  it('audits every keyed call', async () => {
    await curl(`${api}/groups`, bearer(org.adminKey));
    const line = org.station.core.store.audit.recent(1, 'api.call')[0]!;
    expect(line).toMatchObject({ target: 'GET /api/v1/groups', detail: { door: 'rest', status: 200 } });
    expect(line.actor).toMatch(/^admin \(key sb_/);
  });
});

describe('REST reading and the directory', () => {
  it('pages the message list with a cursor and filters by direction', async () => {
    const first = await curl(`${api}/messages?direction=out&limit=2`, bearer(org.adminKey));
    const page1 = first.json as { messages: { id: number; direction: string }[]; next: string | null };
    expect(page1.messages).toHaveLength(2);
    expect(page1.next).toBeTruthy();
    const second = await curl(`${api}/messages?direction=out&limit=2&cursor=${page1.next}`, bearer(org.adminKey));
    const page2 = second.json as { messages: { id: number }[] };
    expect(page2.messages.length).toBeGreaterThan(0);
    expect(page2.messages.map((m) => m.id)).not.toContain(page1.messages[0]!.id);
    expect(page1.messages.every((m) => m.direction === 'out')).toBe(true);
  });

  it('creates, changes and deletes a contact, group and tag with an admin key', async () => {
    const g = await curl(`${api}/groups`, [...bearer(org.adminKey), '-H', 'Content-Type: application/json', '--data-binary', '{"name":"Восток"}']);
    expect(g.status).toBe(201);
    const groupId = (g.json as { id: number }).id;
    const c = await curl(`${api}/contacts`, [...bearer(org.adminKey), '--data-urlencode', 'name=Смирнов', '--data-urlencode', 'phone=8 916 000-00-09', '--data-urlencode', `groups=${groupId}`]);
    expect(c.status).toBe(201);
    expect(c.json).toMatchObject({ name: 'Смирнов', phone: '+79160000009', groupIds: [groupId] });
    const id = (c.json as { id: number }).id;
    const p = await curl(`${api}/contacts/${id}`, [...bearer(org.adminKey), '-X', 'PATCH', '-H', 'Content-Type: application/json', '--data-binary', '{"position":"электрик"}']);
    expect(p.json).toMatchObject({ position: 'электрик', groupIds: [groupId] });
    const t = await curl(`${api}/tags`, [...bearer(org.adminKey), '-H', 'Content-Type: application/json', '--data-binary', JSON.stringify({ name: 'Восток1', subscribers: [id] })]);
    expect(t.json).toMatchObject({ name: 'Восток1', subscriberIds: [id] });
    expect((await curl(`${api}/contacts/${id}`, [...bearer(org.adminKey), '-X', 'DELETE'])).status).toBe(204);
    expect((await curl(`${api}/contacts/${id}`, bearer(org.adminKey))).status).toBe(404);
  });

  it('lets a dispatcher key read the directory but not change it', async () => {
    expect((await curl(`${api}/contacts`, bearer(org.dispatcherKey))).status).toBe(200);
    const r = await curl(`${api}/groups`, [...bearer(org.dispatcherKey), '-H', 'Content-Type: application/json', '--data-binary', '{"name":"X"}']);
    expect(r.status).toBe(403);
  });
});
