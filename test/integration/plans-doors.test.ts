// The same plan launched by every door: REST, the CLI (over REST), mail (swaks as the sending
// server) and an SMS command from an authorised phone; strangers' commands refused and audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchStation, PEOPLE, until, type DispatchStation } from '../tools/dispatch-station.js';
import { freePort, run } from '../tools/integrations-fixture.js';
import { dayNightRoster, outagePlan, zoneWhereItIs } from '../tools/plans-fixture.js';
import { ApiKeyRepository } from '../../main/station/integrations/api-keys.js';
import { main } from '../../main/cli.js';

let s: DispatchStation;
let smtpPort: number;
let dispKey: string;
let viewKey: string;

beforeAll(async () => {
  smtpPort = await freePort();
  s = await dispatchStation({
    station: { integrations: { smtp: { enabled: true, port: smtpPort, domains: ['sms.example.org'], senders: { 'scada@example.org': 'disp' } } } } as never,
  });
  const zone = zoneWhereItIs(3, s.clock.now());
  const c = s.contacts;
  await s.admin.request('rosters.save', dayNightRoster(s.groups.north, 'дежурный инженер', zone, [c.sidorova], [c.ivanov, c.petrov]));
  await s.admin.request('plans.save', outagePlan({ district: s.groups.north, upper: s.groups.chiefs, afterMinutes: 5 }));
  const keys = new ApiKeyRepository(s.station.core.store.db);
  dispKey = keys.create('disp', 'scada').key;
  viewKey = keys.create('view', 'board').key;
  // Сидорова's phone may launch plans by SMS, acting as the dispatcher.
  const disp = s.station.core.store.users.byLogin('disp')!;
  await s.admin.request('plans.smsLaunchers.save', { launchers: [{ phone: PEOPLE.sidorova.phone, userId: disp.id, note: 'мастер участка' }] });
});
afterAll(() => s.stop());

const db = () => s.station.core.store.db;
const launches = () => db().prepare('SELECT broadcast_id AS id, door, fields FROM plan_launches ORDER BY broadcast_id').all() as { id: number; door: string; fields: string }[];
const audit = (action: string) => db().prepare('SELECT actor, target, detail FROM audit WHERE action = ? ORDER BY id').all(action) as { actor: string; target: string; detail: string }[];
const sentTo = (phone: string) => db().prepare(`SELECT text FROM messages WHERE phone = ? AND direction = 'out' ORDER BY id`).pluck().all(phone) as string[];
const post = (path: string, key: string, body: unknown) =>
  fetch(`${s.station.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('plan launch doors', () => {
  it('REST: POST /api/v1/plans/{code}/launch with fields sends to tonight\u2019s on-call people with the key\u2019s rights', async () => {
    const res = await post(`/api/v1/plans/${encodeURIComponent('ПС12')}/launch`, dispKey, { fields: { объект: 'ПС-12 Северная' } });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { broadcastId: number; recipients: number; messages: { phone: string }[]; onDuty: { group: string; people: { name: string }[] }[] };
    expect(body.recipients).toBe(2);
    expect(body.messages.map((m) => m.phone).sort()).toEqual([PEOPLE.ivanov.phone, PEOPLE.petrov.phone]);
    expect(body.onDuty).toEqual([{ group: 'Северный РЭС', role: 'дежурный инженер', people: [{ name: 'Иванов', phone: PEOPLE.ivanov.phone }, { name: 'Петров', phone: PEOPLE.petrov.phone }] }]);
    expect(launches().at(-1)).toMatchObject({ id: body.broadcastId, door: 'http' });
    // The code in lower case finds the same plan.
    expect((await post(`/api/v1/plans/${encodeURIComponent('пс12')}/launch`, dispKey, { fields: { объект: 'ПС-1' } })).status).toBe(202);
  });

  it('REST: unknown plan 404, missing field 400 naming it, a viewer\u2019s key 403 with the refusals', async () => {
    const unknown = await post('/api/v1/plans/ZZ9/launch', dispKey, { fields: {} });
    expect(unknown.status).toBe(404);
    const missing = await post(`/api/v1/plans/${encodeURIComponent('ПС12')}/launch`, dispKey, {});
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { field: string } }).error.field).toBe('fields.объект');
    const viewer = await post(`/api/v1/plans/${encodeURIComponent('ПС12')}/launch`, viewKey, { fields: { объект: 'ПС-1' } });
    expect(viewer.status).toBe(403);
    expect(((await viewer.json()) as { refused: unknown[] }).refused).toHaveLength(2);
    const list = await fetch(`${s.station.url}/api/v1/plans`, { headers: { authorization: `Bearer ${dispKey}` } });
    expect(((await list.json()) as { plans: { code: string; fields: { name: string }[] }[] }).plans).toEqual([
      expect.objectContaining({ code: 'ПС12', fields: [{ name: 'объект', required: true }] }),
    ]);
  });

  it('CLI: plan launch CODE --field goes through the same door', async () => {
    const lines: string[] = [];
    const code = await main(['plan', 'launch', 'ПС12', '--field', 'объект=ПС-7', '--url', s.station.url, '--key', dispKey], { log: (l) => lines.push(l), err: (l) => lines.push(`ERR ${l}`) });
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^Plan ПС12 launched: broadcast \d+, 2 recipients\.$/);
    expect(lines[1]).toBe('  on duty, Северный РЭС · дежурный инженер: Иванов, Петров');
    expect(launches().at(-1)).toMatchObject({ door: 'http', fields: JSON.stringify({ объект: 'ПС-7' }) });
    const refused: string[] = [];
    expect(await main(['plan', 'launch', 'ПС12', '--url', s.station.url, '--key', dispKey], { log: () => undefined, err: (l) => refused.push(l) })).toBe(1);
    expect(refused[0]).toMatch(/Fill in \{объект\}/);
  });

  it('mail: the subject "!ПС12 …" launches the plan as the sender\u2019s user', async () => {
    const { stdout } = await run('swaks', [
      '--server', '127.0.0.1', '--port', String(smtpPort), '--hide-informational',
      '--from', 'scada@example.org', '--to', 'mail2sms@sms.example.org',
      '--header', 'Subject: =?UTF-8?B?' + Buffer.from('!ПС12 ПС-9 Заречная').toString('base64') + '?=',
      '--header', 'Content-Type: text/plain; charset=utf-8', '--body', 'Отключение линии 10 кВ.',
    ], { timeout: 30_000 });
    expect(stdout).toContain('250 Queued as broadcast');
    expect(launches().at(-1)).toMatchObject({ door: 'mail', fields: JSON.stringify({ объект: 'ПС-9 Заречная' }) });
  });

  it('SMS command "!ПС12 Северная" from an authorised phone launches the plan and says so', async () => {
    const before = launches().length;
    await s.sim.receiveFrom(PEOPLE.sidorova.phone, '!ПС12 Северная');
    await until(() => launches().length === before + 1, 5_000, 'the SMS launch');
    expect(launches().at(-1)).toMatchObject({ door: 'sms', fields: JSON.stringify({ объект: 'Северная' }) });
    expect(audit('plan.launch').at(-1)!.actor).toBe(`disp (SMS ${PEOPLE.sidorova.phone})`);
    await until(() => sentTo(PEOPLE.sidorova.phone).some((t) => t.startsWith('Сценарий ПС12 запущен')), 5_000, 'the confirmation SMS');
    // The command itself is in the feed as a command, not as anyone's answer.
    const cmd = db().prepare(`SELECT matched_by, broadcast_id FROM messages WHERE direction = 'in' AND text = '!ПС12 Северная'`).get() as { matched_by: string; broadcast_id: number | null };
    expect(cmd).toEqual({ matched_by: 'command', broadcast_id: null });
  });

  it('refuses a command from an unknown phone and audits it; replies only to a phone number, once', async () => {
    const before = launches().length;
    await s.sim.receiveFrom(PEOPLE.stranger.phone, '!ПС12 Северная');
    await s.sim.receiveFrom(PEOPLE.stranger.phone, '!ПС12 Южная');
    await s.sim.receiveFrom('MTSINFO', '!ПС12 Северная');
    await until(() => audit('plan.command.refused').length >= 3, 5_000, 'three refusals');
    expect(launches().length).toBe(before);
    expect(audit('plan.command.refused').map((a) => a.actor)).toEqual([`sms:${PEOPLE.stranger.phone}`, `sms:${PEOPLE.stranger.phone}`, 'sms:MTSINFO']);
    await until(() => sentTo(PEOPLE.stranger.phone).length > 0, 5_000, 'the refusal SMS');
    await new Promise((r) => setTimeout(r, 200));
    expect(sentTo(PEOPLE.stranger.phone)).toEqual(['Switchboard: с этого номера запуск сценариев не разрешён. Обратитесь в диспетчерскую.']);
    expect(sentTo('MTSINFO')).toEqual([]);
  });
});
