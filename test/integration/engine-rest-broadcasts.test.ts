// Issue 13, rights at every step, on the REST door: a script closes or cancels a broadcast with its
// key's user's rights — the author, an administrator, or a dispatcher allowed to manage others'
// broadcasts — the same rule as the control room; a refusal is a 403 in words (ru/en), audited;
// a broadcast outside the key's read scope is a 404. The real curl against a station whose
// escalation clock is faked, so a closed confirmation can be shown to stop escalating.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiKeyRepository } from '../../main/station/integrations/api-keys.js';
import { curl } from '../tools/integrations-fixture.js';
import { dispatchStation, PEOPLE, type DispatchStation } from '../tools/dispatch-station.js';

const MIN = 60_000;
let s: DispatchStation;
let api: string;
let keys: { admin: string; disp: string; view: string };
beforeEach(async () => {
  s = await dispatchStation();
  api = `${s.station.url}/api/v1`;
  const repo = new ApiKeyRepository(s.station.core.store.db);
  keys = { admin: repo.create('admin', 'monitoring').key, disp: repo.create('disp', 'shift script').key, view: repo.create('view', 'wall').key };
});
afterEach(async () => {
  await s.stop();
});

const post = (path: string, key: string, ...headers: string[]) =>
  curl(`${api}${path}`, ['-X', 'POST', '-H', `Authorization: Bearer ${key}`, ...headers.flatMap((h) => ['-H', h])]);
const settle = () => new Promise((r) => setTimeout(r, 100));

describe('closing and cancelling over REST', () => {
  it('refuses a dispatcher’s key another author’s confirmation in words (403, audited), and lets it close its own: the escalation stops', async () => {
    const { store } = s.station.core;
    const confirm = { afterMinutes: 10, resends: 0, escalateTo: [s.groups.chiefs] };
    const theirs = await s.admin.request('send', { text: 'Авария на ПС-4, ответьте 1', kind: 'confirm', groups: [s.groups.north], confirm });
    await s.drained(theirs.broadcastId!);

    const refused = await post(`/broadcasts/${theirs.broadcastId}/close`, keys.disp, 'Accept-Language: ru');
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ error: { code: 'forbidden', message: expect.stringMatching(/^Закрыть этот опрос или запрос подтверждения может только/) } });
    const cancel = await post(`/broadcasts/${theirs.broadcastId}/cancel`, keys.disp);
    expect(cancel.status).toBe(403);
    expect((cancel.json as { error: { message: string } }).error.message).toMatch(/Only its author, an administrator or a dispatcher allowed to manage/);
    const audit = await s.admin.request('audit.list', { action: 'close.refused' });
    expect(audit.entries[0]).toMatchObject({ actor: expect.stringMatching(/^disp \(key /), target: `broadcast:${theirs.broadcastId}` });
    expect((await s.admin.request('audit.list', { action: 'cancel.refused' })).entries).toHaveLength(1);
    // A viewer's key does not see a broadcast to people it has no rights on: not there.
    expect((await post(`/broadcasts/${theirs.broadcastId}/close`, keys.view)).status).toBe(404);

    // The dispatcher's own confirmation is theirs to close from a script; one answer came first.
    const disp = await s.login('disp');
    const own = await disp.request('send', { text: 'Смена: подтвердите выход, ответьте 1', kind: 'confirm', groups: [s.groups.north], confirm });
    await s.drained(own.broadcastId!);
    await s.sim.receiveFrom(PEOPLE.petrov.phone, '1');
    const closed = await post(`/broadcasts/${own.broadcastId}/close`, keys.disp);
    expect(closed.status).toBe(200);
    expect(closed.json).toEqual({
      broadcastId: own.broadcastId,
      closed: true,
      tally: { kind: 'confirm', options: [{ n: 1, text: 'Принял', count: 1 }], other: 0, answered: 1, silent: 2, closed: true },
    });
    expect((await s.admin.request('audit.list', { action: 'broadcast.close' })).entries[0]).toMatchObject({ actor: expect.stringMatching(/^disp \(key /) });
    // The same figures read back with the broadcast.
    const read = await curl(`${api}/broadcasts/${own.broadcastId}`, ['-H', `Authorization: Bearer ${keys.disp}`]);
    expect(read.json).toMatchObject({ kind: 'confirm', tally: { answered: 1, silent: 2, closed: true } });

    // Ten minutes on, the administrator's open alert escalates to the chiefs; the closed one does not.
    s.clock.advance(10 * MIN);
    await settle();
    const steps = store.db.prepare(`SELECT parent_id FROM broadcasts WHERE follow_up = 'escalation'`).pluck().all();
    expect(steps).toEqual([theirs.broadcastId]);
  });

  it('lets an administrator’s key cancel what is still queued, and says what is not a question or not there', async () => {
    s.sim.setAvailable(false); // hold the outbox: what is queued stays queued
    const plain = await s.admin.request('send', { text: 'Плановое отключение в 22:00', groups: [s.groups.north, s.groups.south] });
    const notAQuestion = await post(`/broadcasts/${plain.broadcastId}/close`, keys.admin);
    expect(notAQuestion.status).toBe(400);
    expect((notAQuestion.json as { error: { message: string } }).error.message).toBe(`Broadcast ${plain.broadcastId} is not a poll or a confirmation.`);
    const cancelled = await post(`/broadcasts/${plain.broadcastId}/cancel`, keys.admin);
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toEqual({ broadcastId: plain.broadcastId, unsent: 5 });
    const statuses = s.station.core.store.db.prepare(`SELECT DISTINCT status FROM messages WHERE broadcast_id = ?`).pluck().all(plain.broadcastId);
    expect(statuses).toEqual(['cancelled']);
    expect((await s.admin.request('audit.list', { action: 'broadcast.cancel' })).entries[0]).toMatchObject({ detail: { unsent: 5 } });
    // The dispatcher limited to the north sees this one (it reaches their people) but a southern one is not there to them.
    const south = await s.admin.request('send', { text: 'Юг: учения', groups: [s.groups.south] });
    const unseen = await post(`/broadcasts/${south.broadcastId}/cancel`, keys.disp);
    expect(unseen.status).toBe(404);
    expect((await post('/broadcasts/999999/close', keys.admin)).status).toBe(404);
    expect((await post('/broadcasts/abc/close', keys.admin)).status).toBe(400);
    expect(s.station.core.store.db.prepare(`SELECT count(*) FROM messages WHERE broadcast_id = ? AND status = 'queued'`).pluck().get(south.broadcastId)).toBe(2);
  });
});
