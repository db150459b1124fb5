// Security case 10 (issue 14): viewers and limited dispatchers used to read and export every contact
// and all history. Now what a user reads follows their rights (auth/read-scope.ts, docs/security.md):
// a dispatcher limited to "Север" sees Север's people and their traffic (plus their own broadcasts)
// in the snapshot, the pushes, history, exports and the REST API alike; a viewer sees what their
// rights cover and exports nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curl, startOrg, until, type Org } from '../tools/integrations-fixture.js';
import { ControlRoomClient, RequestFailed } from '../tools/control-room-client.js';
import { ApiKeyRepository } from '../../main/station/integrations/api-keys.js';

let org: Org;
let admin: ControlRoomClient;
let disp: ControlRoomClient;
let viewer: ControlRoomClient;
let viewerKey: string;
let toAll: number;
let toSouth: number;

beforeAll(async () => {
  org = await startOrg();
  const { store } = org.station.core;
  const v = await store.users.create({ login: 'watcher', role: 'viewer', password: 'watcher-pass-1' });
  store.db.prepare(`INSERT INTO rights (user_id, scope, target_id) VALUES (?, 'group', ?)`).run(v.id, org.groups.south);
  viewerKey = new ApiKeyRepository(store.db).create('watcher', 'wall').key;
  admin = await ControlRoomClient.login(org.station.url, 'admin', org.station.initialAdminPassword!);
  disp = await ControlRoomClient.login(org.station.url, 'dispatcher', 'dispatcher-pass-1');
  viewer = await ControlRoomClient.login(org.station.url, 'watcher', 'watcher-pass-1');
  toAll = (await admin.request('send', { text: 'Всем: учения', contacts: Object.values(org.contacts) })).broadcastId!;
  await disp.request('send', { text: 'Северу: сбор', groups: [org.groups.north] });
  const since = performance.now();
  toSouth = (await admin.request('send', { text: 'Югу: отбой', contacts: [org.contacts.sidorova] })).broadcastId!;
  await viewer.waitFor('broadcast.progress', (b) => b.id === toSouth);
  await until('pushes settle', () => performance.now() - since > 300);
});
afterAll(async () => {
  for (const c of [admin, disp, viewer]) c?.close();
  await org?.stop();
});

const phonesOf = (xs: { phone: string }[]) => [...new Set(xs.map((x) => x.phone))].sort();

describe('10. role-scoped reading', () => {
  it('the limited dispatcher\'s snapshot holds Север\'s people and their traffic only', async () => {
    const snap = await disp.request('snapshot', {});
    expect(snap.contacts.map((c) => c.name).sort()).toEqual(['Иванов', 'Петров']);
    expect(phonesOf(snap.feed)).toEqual([org.phones.ivanov, org.phones.petrov]);
    expect(snap.broadcasts.map((b) => b.id)).not.toContain(toSouth);
    expect(snap.broadcasts.map((b) => b.id)).toContain(toAll);
  });

  it('pushes follow the same scope: nothing about a broadcast to Юг reaches the dispatcher', () => {
    const about = (id: number) => disp.events.filter((e) => (e.data?.broadcastId ?? (e.event === 'broadcast.progress' ? e.data.id : null)) === id);
    expect(about(toSouth)).toEqual([]);
    expect(about(toAll).length).toBeGreaterThan(0);
    expect(disp.events.filter((e) => e.event.startsWith('message.')).every((e) => e.data.phone !== org.phones.sidorova)).toBe(true);
    // The viewer limited to Юг sees the Юг broadcast.
    expect(viewer.events.some((e) => e.event === 'broadcast.progress' && e.data.id === toSouth)).toBe(true);
  });

  it('history: search, conversation and a broadcast report stay within the scope', async () => {
    const found = await disp.request('history.search', { filter: {} });
    expect(phonesOf(found.hits)).toEqual([org.phones.ivanov, org.phones.petrov]);
    await expect(disp.request('history.conversation', { contactId: org.contacts.sidorova })).rejects.toMatchObject({ error: { code: 'not_found' } });
    await expect(disp.request('history.broadcast', { broadcastId: toSouth })).rejects.toMatchObject({ error: { code: 'not_found' } });
    const report = await disp.request('history.broadcast', { broadcastId: toAll });
    expect(phonesOf(report.recipients)).toEqual([org.phones.ivanov, org.phones.petrov]);
    expect(phonesOf((await admin.request('history.broadcast', { broadcastId: toAll })).recipients)).toHaveLength(3);
  });

  it('exports: the dispatcher\'s contacts CSV holds their people; a viewer exports nothing', async () => {
    const csv = Buffer.from((await disp.request('contacts.export', { format: 'csv' })).contentBase64, 'base64').toString('utf8');
    expect(csv).toContain('Иванов');
    expect(csv).not.toContain('Сидорова');
    const refused = await viewer.request('contacts.export', { format: 'csv' }).catch((e: RequestFailed) => e.error);
    expect(refused).toMatchObject({ code: 'forbidden', message: expect.stringContaining('Viewers may not export') });
    await expect(viewer.request('history.export.start', { filter: {} })).rejects.toMatchObject({ error: { code: 'forbidden' } });
    const started = await disp.request('history.export.start', { filter: {} });
    expect(started.total).toBe((await disp.request('history.search', { filter: {}, limit: 500 })).hits.length);
  });

  it('the REST API reads through the same scope for each key\'s user', async () => {
    const base = org.station.url;
    const auth = (key: string) => ['-H', `Authorization: Bearer ${key}`];
    const contacts = (await curl(`${base}/api/v1/contacts`, auth(org.dispatcherKey))).json as { contacts: { name: string }[] };
    expect(contacts.contacts.map((c) => c.name).sort()).toEqual(['Иванов', 'Петров']);
    const messages = (await curl(`${base}/api/v1/messages?limit=500`, auth(org.dispatcherKey))).json as { messages: { phone: string; id: number }[] };
    expect(phonesOf(messages.messages)).toEqual([org.phones.ivanov, org.phones.petrov]);
    const south = org.station.core.store.db.prepare('SELECT id FROM messages WHERE broadcast_id = ?').pluck().get(toSouth) as number;
    expect((await curl(`${base}/api/v1/messages/${south}`, auth(org.dispatcherKey))).status).toBe(404);
    expect((await curl(`${base}/api/v1/broadcasts/${toSouth}`, auth(org.dispatcherKey))).status).toBe(404);
    expect((await curl(`${base}/api/v1/contacts/${org.contacts.sidorova}`, auth(org.dispatcherKey))).status).toBe(404);
    // A tag's subscribers too: the dispatcher sees the tag and its count, and only their own people in it.
    const tagId = org.station.core.store.tags.byName('АварияСервер1')!.id;
    const tag = (await curl(`${base}/api/v1/tags/${tagId}`, auth(org.dispatcherKey))).json as { subscribers: number; subscriberIds: number[] };
    expect(tag).toMatchObject({ subscribers: 2, subscriberIds: [org.contacts.ivanov] });
    expect((await curl(`${base}/api/v1/messages.xlsx`, auth(viewerKey))).status).toBe(403);
    const all = (await curl(`${base}/api/v1/messages?limit=500`, auth(org.adminKey))).json as { messages: { phone: string }[] };
    expect(phonesOf(all.messages)).toHaveLength(3);
  });
});
