// Security case 10 (issue 14), refusals: a send or a preview used to name every person it refused
// as "Name (+phone)", also people outside the sender's sight — a viewer previewing a send to any
// group read its members that way. Now a refused person the sender may not read is counted, one
// refusal each, with the target "a recipient outside your rights"; a number the caller typed is
// echoed as typed, never with the contact's name (auth/refusal-sight.ts, docs/security.md). Tried
// on the control room's ws, REST (curl) and the MTS door (python3-zeep from the operator's WSDL),
// as a viewer limited to "Юг", a dispatcher limited to "Север" and the administrator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curl, startOrg, until, type Org } from '../tools/integrations-fixture.js';
import { ControlRoomClient } from '../tools/control-room-client.js';
import { call, runBatch, type M2mAnswer } from '../tools/m2m-batch.js';
import { ApiKeyRepository } from '../../main/station/integrations/api-keys.js';

let org: Org;
let admin: ControlRoomClient;
let disp: ControlRoomClient;
let viewer: ControlRoomClient;
let viewerKey: string;
let kuznetsov: number;

const OUTSIDE = 'a recipient outside your rights';
/** Whatever an answer says, nothing in it names the people of Север (for the viewer) or Юг (for the dispatcher). */
const NORTH = /Иванов|Петров|9160000001|9160000002/;
const SOUTH = /Сидорова|Кузнецов|9160000003|9160000004/;

beforeAll(async () => {
  org = await startOrg();
  const { store } = org.station.core;
  // Юг also has an inactive member: a send never reaches him, a refusal may name him only to those who see him.
  kuznetsov = store.contacts.upsert({ name: 'Кузнецов', phone: '+79160000004' }).id;
  store.groups.addMember(org.groups.south, kuznetsov);
  store.db.prepare('UPDATE contacts SET active = 0 WHERE id = ?').run(kuznetsov);
  const v = await store.users.create({ login: 'watcher', role: 'viewer', password: 'watcher-pass-1' });
  store.db.prepare(`INSERT INTO rights (user_id, scope, target_id) VALUES (?, 'group', ?)`).run(v.id, org.groups.south);
  viewerKey = new ApiKeyRepository(store.db).create('watcher', 'wall').key;
  admin = await ControlRoomClient.login(org.station.url, 'admin', org.station.initialAdminPassword!);
  disp = await ControlRoomClient.login(org.station.url, 'dispatcher', 'dispatcher-pass-1');
  viewer = await ControlRoomClient.login(org.station.url, 'watcher', 'watcher-pass-1', 'ru');
});
afterAll(async () => {
  for (const c of [admin, disp, viewer]) c?.close();
  await org?.stop();
});

describe('10. refusals name only whom the sender may read', () => {
  it('control room: a viewer\'s preview and send to Север count its two people and name neither; Юг\'s, whom they watch, are named', async () => {
    const preview = await viewer.request('preview', { text: 'Сбор', groups: [org.groups.north] });
    expect(preview.recipients).toBe(0);
    expect(preview.refused).toEqual([
      { kind: 'contact', target: 'получатель вне ваших прав', reason: expect.stringContaining('наблюдатель') },
      { kind: 'contact', target: 'получатель вне ваших прав', reason: expect.stringContaining('наблюдатель') },
    ]);
    expect(JSON.stringify(preview)).not.toMatch(NORTH);
    const sent = await viewer.request('send', { text: 'Сбор', groups: [org.groups.north] });
    expect(sent).toMatchObject({ broadcastId: null, recipients: 0 });
    expect(sent.refused).toHaveLength(2);
    expect(JSON.stringify(sent)).not.toMatch(NORTH);
    const south = await viewer.request('preview', { text: 'Сбор', groups: [org.groups.south] });
    expect(south.refused).toEqual([{ kind: 'contact', target: 'Сидорова (+79160000003)', reason: expect.stringContaining('наблюдатель') }]);
  });

  it('control room: a dispatcher limited to Север sends to both groups; Юг is counted, not named; the audit log keeps the names', async () => {
    const both = { text: 'Всем группам: сбор', groups: [org.groups.north, org.groups.south] };
    const preview = await disp.request('preview', both);
    expect(preview.recipients).toBe(2);
    expect(preview.refused).toEqual([{ kind: 'contact', target: OUTSIDE, reason: 'You have no right to send to this person. Ask an administrator.' }]);
    const sent = await disp.request('send', both);
    expect(sent.broadcastId).not.toBeNull();
    expect(sent.recipients).toBe(2);
    expect(sent.refused).toEqual([{ kind: 'contact', target: OUTSIDE, reason: expect.stringContaining('no right') }]);
    for (const answer of [preview, sent]) expect(JSON.stringify(answer)).not.toMatch(SOUTH);
    // The inactive one, asked for by id and by the number typed: the number is echoed, the name never.
    const inactive = await disp.request('preview', { text: 'x', contacts: [kuznetsov], phones: ['8 916 000-00-04'] });
    expect(inactive.refused).toEqual([
      { kind: 'contact', target: OUTSIDE, reason: 'The contact is marked inactive.' },
      { kind: 'phone', target: '+79160000004', reason: 'The contact is marked inactive.' },
    ]);
    expect(JSON.stringify(inactive)).not.toMatch(/Кузнецов/);
    const audit = org.station.core.store.audit.recent(5, 'send.refused').map((a) => JSON.stringify(a.detail));
    expect(audit.some((d) => d.includes('Сидорова (+79160000003)'))).toBe(true);
  });

  it('control room: the administrator still reads names', async () => {
    const preview = await admin.request('preview', { text: 'x', contacts: [kuznetsov], phones: ['+79160000004'] });
    expect(preview.refused).toEqual([
      { kind: 'contact', target: 'Кузнецов', reason: 'The contact is marked inactive.' },
      { kind: 'phone', target: '+79160000004', reason: 'Кузнецов is marked inactive.' },
    ]);
  });

  it('REST: 403 and 202 count the people outside the key\'s rights without naming them; a typed number is echoed', async () => {
    const api = `${org.station.url}/api/v1`;
    const send = (key: string, ...fields: string[]) =>
      curl(`${api}/send`, ['-H', `Authorization: Bearer ${key}`, ...fields.flatMap((f) => ['--data-urlencode', f])]);
    const byViewer = await send(viewerKey, 'group=Север', 'text=Тест');
    expect(byViewer.status).toBe(403);
    expect((byViewer.json as { refused: unknown[] }).refused).toEqual([
      { contact: OUTSIDE, reason: expect.stringContaining('viewer') },
      { contact: OUTSIDE, reason: expect.stringContaining('viewer') },
    ]);
    expect(byViewer.body).not.toMatch(NORTH);
    const mixed = await send(org.dispatcherKey, 'group=Юг', 'to=79160000001', 'text=Тест');
    expect(mixed.status).toBe(202);
    expect((mixed.json as { messages: unknown[] }).messages).toHaveLength(1);
    expect((mixed.json as { refused: unknown[] }).refused).toEqual([{ contact: OUTSIDE, reason: expect.stringContaining('no right') }]);
    expect(mixed.body).not.toMatch(SOUTH);
    const typed = await send(org.dispatcherKey, 'to=79160000003', 'text=Тест');
    expect(typed.status).toBe(403);
    expect((typed.json as { refused: unknown[] }).refused).toEqual([{ phone: '+79160000003', reason: expect.stringContaining('no right') }]);
    expect(typed.body).not.toContain('Сидорова');
    const byAdmin = await send(org.adminKey, 'to=79160000004', 'text=Тест');
    expect(byAdmin.body).toContain('Кузнецов is marked inactive.');
  });

  it('MTS door (zeep): per-number MessageID 0 for the refused, and no fault or answer names them', async () => {
    const asmx = `${org.station.url}/m2m/m2m_api.asmx`;
    const as = (key: string, op: string, args: Record<string, unknown>) => call('Soap', op, { ...args, login: '', password: key });
    const [many, one, inactive, byViewer] = (await runBatch(asmx, [
      as(org.dispatcherKey, 'SendMessages', { msids: ['79160000001', '79160000003', '79160000004'], message: 'Сбор', naming: '' }),
      as(org.dispatcherKey, 'SendMessage', { msid: '79160000003', message: 'Сбор', naming: '' }),
      as(org.dispatcherKey, 'SendMessage', { msid: '79160000004', message: 'Сбор', naming: '' }),
      as(viewerKey, 'SendMessages', { msids: ['79160000001', '79160000002'], message: 'Сбор', naming: '' }),
    ])) as M2mAnswer[];
    const ids = many!.ok as { Msid: string; MessageID: number }[];
    expect(ids.map((x) => x.Msid)).toEqual(['79160000001', '79160000003', '79160000004']);
    expect(ids.map((x) => x.MessageID > 0)).toEqual([true, false, false]);
    expect(one!.fault).toBe('OPERATION_NOT_ALLOWED: Nothing was sent. +79160000003: You have no right to send to this person. Ask an administrator.');
    expect(inactive!.fault).toBe('OPERATION_NOT_ALLOWED: Nothing was sent. +79160000004: The contact is marked inactive.');
    expect(byViewer!.fault).toMatch(/^OPERATION_NOT_ALLOWED: Nothing was sent\. \+79160000001: Your role \(viewer\)/);
    expect(byViewer!.fault).not.toMatch(/Иванов|Петров/);
    for (const a of [many, one, inactive]) expect(JSON.stringify(a)).not.toMatch(/Сидорова|Кузнецов/);
  });
});

describe('10. another author\'s poll: its people outside the reader\'s rights are counted, not named', () => {
  it('the tally and its pushes name Север\'s people to the dispatcher, not Сидорова; the admin reads all', async () => {
    const { store, inbound } = org.station.core;
    const poll = (await admin.request('send', { text: 'Опрос: выйдете в субботу? 1 - да, 2 - нет', kind: 'poll', options: ['да', 'нет'], groups: [org.groups.north, org.groups.south] })).broadcastId!;
    await until('the poll delivered', () => (store.db.prepare(`SELECT count(*) FROM messages WHERE broadcast_id = ? AND status = 'delivered'`).pluck().get(poll) as number) === 3);
    await disp.request('broadcast.tally', { broadcastId: poll }); // the desk holds the tally, as the board does
    const receivedAt = Date.now();
    inbound.receive({ from: '+79160000003', text: '1 Сидорова выйдет', receivedAt, carrierRef: 'poll-si' }, 'sim');
    inbound.receive({ from: '+79160000001', text: '2', receivedAt, carrierRef: 'poll-iv' }, 'sim');
    const pushed = await disp.waitFor('tally.changed', (c) => c.broadcastId === poll && c.counts.answered === 2);
    const first = await disp.waitFor('tally.changed', (c) => c.broadcastId === poll && c.counts.answered === 1);

    // The change for Сидорова's answer: the figures whole, the person a stand-in.
    expect(first.counts).toMatchObject({ options: [1, 0], answered: 1 });
    expect(first.answer).toMatchObject({ contactId: null, name: OUTSIDE, option: 1, text: null });
    expect(pushed.answer).toMatchObject({ contactId: org.contacts.ivanov, name: 'Иванов', phone: org.phones.ivanov, option: 2 });
    const tally = await disp.request('broadcast.tally', { broadcastId: poll });
    expect(tally.options.map((o) => o.count)).toEqual([1, 1]);
    expect(tally.answers).toHaveLength(2);
    expect(tally.answers.map((a) => a.name).sort()).toEqual([OUTSIDE, 'Иванов'].sort());
    // The stand-in is the same key in the tally and the push, so the desk updates the right row.
    expect(tally.answers.find((a) => a.name === OUTSIDE)!.phone).toBe(first.answer.phone);
    expect(tally.silent).toEqual([{ contactId: org.contacts.petrov, name: 'Петров', phone: org.phones.petrov }]);
    const pushes = disp.events.filter((e) => e.data?.broadcastId === poll);
    for (const what of [tally, pushes]) expect(JSON.stringify(what)).not.toMatch(/Сидорова|9160000003/);

    const full = await admin.request('broadcast.tally', { broadcastId: poll });
    expect(full.answers.map((a) => a.name).sort()).toEqual(['Иванов', 'Сидорова']);
    expect(full.answers.find((a) => a.name === 'Сидорова')).toMatchObject({ phone: org.phones.sidorova, text: '1 Сидорова выйдет' });
    const adminPush = await admin.waitFor('tally.changed', (c) => c.broadcastId === poll && c.counts.answered === 1);
    expect(adminPush.answer).toMatchObject({ name: 'Сидорова', phone: org.phones.sidorova });
  });
});
