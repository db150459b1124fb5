import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiKeyRepository } from '../../main/station/integrations/api-keys.js';
import { RequestFailed } from '../tools/control-room-client.js';
import { dispatchStation, PEOPLE, type DispatchStation } from '../tools/dispatch-station.js';

let s: DispatchStation;
beforeEach(async () => {
  s = await dispatchStation();
});
afterEach(async () => {
  await s.stop();
});

const outboundPhones = (s: DispatchStation, broadcastId: number) =>
  s.station.core.store.db.prepare(`SELECT phone FROM messages WHERE broadcast_id = ? AND direction = 'out' ORDER BY phone`).pluck().all(broadcastId);

describe('rights in dispatch.send', () => {
  it('sends a dispatcher’s message only within their scope and counts who was refused (named in the audit log only: they are outside the dispatcher’s sight)', async () => {
    const disp = await s.login('disp');
    const r = await disp.request('send', { text: 'Плановые работы', groups: [s.groups.north, s.groups.south] });
    expect(r.recipients).toBe(3);
    expect(outboundPhones(s, r.broadcastId!)).toEqual([PEOPLE.ivanov.phone, PEOPLE.petrov.phone, PEOPLE.sidorova.phone]);
    expect(r.refused.map((x) => x.target)).toEqual(['a recipient outside your rights', 'a recipient outside your rights']);
    expect(r.refused[0]!.reason).toMatch(/no right/);
    expect(JSON.stringify(r)).not.toMatch(/Орлова|Фёдоров/);
    const audit = await s.admin.request('audit.list', { action: 'send.refused' });
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]!.actor).toBe('disp');
    expect(JSON.stringify(audit.entries[0]!.detail)).toContain(`Орлова (${PEOPLE.orlova.phone})`);
  });

  it('refuses a raw phone number to a dispatcher without the right to send to everyone', async () => {
    const disp = await s.login('disp');
    const r = await disp.request('send', { text: 'Тест', phones: ['+7 916 555-44-33'] });
    expect(r.broadcastId).toBeNull();
    expect(r.refused).toEqual([expect.objectContaining({ kind: 'phone', target: '+79165554433' })]);
  });

  it('lets a viewer send to nobody', async () => {
    const view = await s.login('view');
    const r = await view.request('send', { text: 'Тест', groups: [s.groups.north] });
    expect(r.recipients).toBe(0);
    expect(r.refused).toHaveLength(3);
    expect(r.refused[0]!.reason).toMatch(/viewer/);
  });

  it('applies the same scope to a send through the HTTP API', async () => {
    const { key } = new ApiKeyRepository(s.station.core.store.db).create('disp', 'script');
    const res = await fetch(`${s.station.url}/api/v1/send`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ to: [PEOPLE.fedorov.phone, PEOPLE.ivanov.phone], text: 'Через API' }),
    });
    const body = (await res.json()) as { broadcastId: number; messages: { phone: string }[]; refused: { reason: string }[] };
    expect(body.messages.map((m) => m.phone)).toEqual([PEOPLE.ivanov.phone]);
    expect(body.refused).toHaveLength(1);
    const audit = await s.admin.request('audit.list', { action: 'send.refused' });
    expect(audit.entries.length).toBeGreaterThanOrEqual(1);
  });

  it('follows a scope the admin widens in the rights matrix, and audits the change', async () => {
    const matrix = await s.admin.request('rights.matrix', {});
    const disp = matrix.users.find((u) => u.login === 'disp')!;
    expect(disp.rights).toEqual([{ scope: 'group', targetId: s.groups.north }]);
    await s.admin.request('rights.set', {
      userId: disp.id,
      rights: [
        { scope: 'group', targetId: s.groups.north },
        { scope: 'contact', targetId: s.contacts.fedorov },
      ],
    });
    const client = await s.login('disp');
    const r = await client.request('send', { text: 'Теперь можно', groups: [s.groups.south] });
    expect(r.recipients).toBe(1);
    expect(r.refused.map((x) => x.target)).toEqual(['a recipient outside your rights']);
    const change = (await s.admin.request('audit.list', { action: 'rights.change' })).entries[0]!;
    expect(change.target).toBe('user:disp');
    expect(change.detail).toMatchObject({ before: { rights: [{ scope: 'group' }] }, after: { rights: [{}, { scope: 'contact' }] } });
  });

  it('refuses the rights matrix and the audit log to a dispatcher, and logs the attempt', async () => {
    const disp = await s.login('disp');
    await expect(disp.request('rights.matrix', {})).rejects.toThrow(RequestFailed);
    await expect(disp.request('audit.list', {})).rejects.toMatchObject({ error: { code: 'forbidden' } });
    const refused = await s.admin.request('audit.list', { action: 'admin.refused' });
    expect(refused.entries.map((e) => e.target).sort()).toEqual(['audit.list', 'rights.matrix']);
  });

  it('leaves an escalation group beyond the scope out of the chain and says so', async () => {
    const disp = await s.login('disp');
    const r = await disp.request('send', {
      text: 'Авария, ответьте 1',
      kind: 'confirm',
      groups: [s.groups.north],
      confirm: { afterMinutes: 5, escalateTo: [s.groups.chiefs] },
    });
    expect(r.recipients).toBe(3);
    expect(r.refused).toEqual([expect.objectContaining({ kind: 'group', target: 'Руководители' })]);
    const stored = s.station.core.store.db.prepare('SELECT confirm FROM broadcasts WHERE id = ?').pluck().get(r.broadcastId) as string;
    expect(JSON.parse(stored)).toEqual({ afterMs: 300_000, resends: 1, chain: [] });
  });
});

describe('compose preview', () => {
  it('shows recipients and the cost in SMS, segments × recipients, without storing anything', async () => {
    const text = 'Внимание! '.repeat(10); // 100 Cyrillic characters: two UCS-2 segments
    const p = await s.admin.request('preview', { text, groups: [s.groups.north, s.groups.south] });
    expect(p).toMatchObject({ recipients: 5, segments: 2, encoding: 'ucs2', smsTotal: 10 });
    const n = s.station.core.store.db.prepare('SELECT count(*) FROM broadcasts').pluck().get();
    expect(n).toBe(0);
  });
});

describe('audit log', () => {
  it('pages newest first and records sends and cancels', async () => {
    const sent = await s.admin.request('send', { text: 'Сбор в 9:00', groups: [s.groups.south], scheduledAt: Date.now() + 60_000 });
    await s.admin.request('broadcast.cancel', { broadcastId: sent.broadcastId! });
    const first = await s.admin.request('audit.list', { limit: 2 });
    expect(first.entries.map((e) => e.action)).toEqual(['broadcast.cancel', 'send']);
    expect(first.next).not.toBeNull();
    const second = await s.admin.request('audit.list', { limit: 50, before: first.next! });
    expect(second.entries.map((e) => e.action)).toContain('login');
    expect(second.entries.every((e) => e.id < first.next!)).toBe(true);
  });
});
