// Alert plan figures (issue 17): resolving who is on duty (200 rosters, 4 shifts, 30 exceptions
// each), a plan launch to 3 on-call roles of 50 people against the same send without a plan, and
// inbound replies with SMS commands recognised on the same path. Prints figures; never asserts
// timings. Runnable alone: `npx tsx bench/plans.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createStation } from '../main/station/index.js';
import { SimulatorCarrier } from '../main/station/carriers/simulator.js';
import { RosterResolver } from '../main/station/domain/roster.js';
import { dayNightRotation } from '../main/station/domain/roster-patterns.js';

const round = (n: number) => Math.round(n * 100) / 100;
const SYSTEM = { userId: null, name: 'system', role: 'system' as const };

function resolution(): Record<string, number> {
  const resolvers = Array.from({ length: 200 }, (_, r) => {
    const teams = [0, 1, 2, 3].map((t) => ({ name: `Смена ${t + 1}`, members: Array.from({ length: 5 }, (_, i) => r * 100 + t * 10 + i) }));
    const exceptions = Array.from({ length: 30 }, (_, i) => ({ kind: 'leave' as const, contactId: r * 100 + (i % 40), substituteId: r * 100 + 50 + i, from: `2026-12-${String(1 + (i % 28)).padStart(2, '0')}`, until: `2026-12-${String(1 + (i % 28)).padStart(2, '0')}` }));
    return new RosterResolver({ timeZone: r % 2 ? 'Europe/Moscow' : 'Asia/Yekaterinburg', rotation: dayNightRotation({ anchor: '2026-11-01', teams }), oneOffs: [], exceptions });
  });
  const at = Date.parse('2026-12-10T00:30:00Z');
  const t0 = performance.now();
  let people = 0;
  for (let k = 0; k < 10; k++) for (const r of resolvers) people += r.onDuty(at + k * 3_600_000).length;
  const onDutyMs = (performance.now() - t0) / (10 * resolvers.length);
  const t1 = performance.now();
  for (const r of resolvers) r.next(at);
  const nextMs = (performance.now() - t1) / resolvers.length;
  return { 'plans.on_duty_one_roster_ms': round(onDutyMs), 'plans.next_shift_one_roster_ms': round(nextMs), 'plans.on_duty_people_seen': people };
}

async function launch(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-plans-'));
  const sim = new SimulatorCarrier({ submitLatencyMs: 0, deliveryLatencyMs: [1, 5], replyRate: 0, failureRate: 0 });
  const station = await createStation({ dataDir: dir, port: 0, logLevel: 'silent', carriers: [sim] });
  try {
    const { store, dispatcher } = station.core;
    const plans = station.core.plans!;
    const insert = store.db.prepare(`INSERT INTO contacts (name, phone, active, created_at, updated_at) VALUES (?, ?, 1, 0, 0) RETURNING id`);
    const groups = [0, 1, 2].map((g) => store.groups.create(`Район ${g}`));
    const members = groups.map((group, g) =>
      store.db.transaction(() =>
        Array.from({ length: 50 }, (_, i) => {
          const { id } = insert.get(`Сотрудник ${g}-${i}`, `+7916${String(g * 1000 + i).padStart(7, '0')}`) as { id: number };
          store.groups.addMember(group, id);
          return id;
        }),
      )(),
    );
    groups.forEach((groupId, g) =>
      plans.saveRoster(SYSTEM, { groupId, role: 'дежурный инженер', timeZone: 'Europe/Moscow', rotation: { pattern: 'custom', anchor: '2026-01-01', cycleDays: 1, teams: [{ name: 'Все', members: members[g]! }], shifts: [{ day: 0, start: '00:00', end: '00:00', team: 0 }] }, oneOffs: [], exceptions: [] }),
    );
    plans.savePlan(SYSTEM, { code: 'Б1', name: 'Бенч', audience: { groups: [], contacts: [], tags: [], onCall: groups.map((groupId) => ({ groupId, role: 'дежурный инженер' })) }, text: 'Авария на {объект}, ответьте 1', fields: [], kind: 'confirm', confirm: { afterMinutes: 10, resends: 0 }, chain: [], priority: 'high', carrierId: null, callReply: null, smsCommand: true }, null, null);
    const planId = plans.plans.all()[0]!.id;
    const runs = 20;
    let t0 = performance.now();
    for (let i = 0; i < runs; i++) plans.launch(SYSTEM, { planId }, { fields: { объект: `ПС-${i}` }, drill: false, door: 'ui' });
    const launchMs = (performance.now() - t0) / runs;
    const all = members.flat();
    t0 = performance.now();
    for (let i = 0; i < runs; i++) dispatcher.send(SYSTEM, { text: `Авария на ПС-${i}, ответьте 1`, kind: 'confirm', source: 'ui', groups: [], phones: [], tags: [], contacts: all, confirm: { afterMinutes: 10, resends: 0, escalateTo: [] } });
    const sendMs = (performance.now() - t0) / runs;
    // Inbound: plain replies, then "!…" texts from a stranger (recognised, refused, audited).
    const n = 1_000;
    t0 = performance.now();
    for (let i = 0; i < n; i++) station.core.inbound.receive({ from: `+7916${String(i % 150).padStart(7, '0')}`, text: '1', receivedAt: Date.now(), carrierRef: `r${i}` }, 'simulator');
    const replyUs = ((performance.now() - t0) * 1000) / n;
    t0 = performance.now();
    for (let i = 0; i < n; i++) station.core.inbound.receive({ from: '+79990000000', text: '!Б1 ПС-1', receivedAt: Date.now(), carrierRef: `c${i}` }, 'simulator');
    const commandUs = ((performance.now() - t0) * 1000) / n;
    return {
      'plans.launch_150_on_call_ms': round(launchMs),
      'plans.same_send_without_plan_ms': round(sendMs),
      'plans.inbound_reply_us': Math.round(replyUs),
      'plans.inbound_refused_command_us': Math.round(commandUs),
    };
  } finally {
    await station.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchPlans(): Promise<Record<string, number>> {
  return { ...resolution(), ...(await launch()) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [k, v] of Object.entries(await benchPlans())) console.log(`${k.padEnd(40)} ${v}`);
}
