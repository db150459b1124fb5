// Rosters and a plan like a power utility's, for the plans tests and the drill: the on-duty
// engineers of a district by night, the on-call master one level up, and plan "Авария на ПС"
// whose chain rings the silent and then goes to that master. The roster zone is picked so that
// it is 03:xx there right now, which makes "tonight" true whenever the test runs.
import type { PlanSpecInput, RosterInput } from '../../shared/protocol/index.js';

/** An Etc/GMT zone where the local hour is `hour` at `now` (Etc/GMT-3 is UTC+3: the sign is POSIX's). */
export function zoneWhereItIs(hour: number, now = Date.now()): string {
  let offset = (hour - new Date(now).getUTCHours()) % 24;
  if (offset > 12) offset -= 24;
  if (offset < -11) offset += 24;
  return offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

/** Day 08:00–20:00 for `day`, night 20:00–08:00 for `night`, every day. */
export function dayNightRoster(groupId: number, role: string, timeZone: string, day: number[], night: number[]): RosterInput {
  return {
    groupId,
    role,
    timeZone,
    rotation: {
      pattern: 'custom',
      anchor: '2026-01-01',
      cycleDays: 1,
      teams: [
        { name: 'День', members: day },
        { name: 'Ночь', members: night },
      ],
      shifts: [
        { day: 0, start: '08:00', end: '20:00', team: 0 },
        { day: 0, start: '20:00', end: '08:00', team: 1 },
      ],
    },
    oneOffs: [],
    exceptions: [],
  };
}

export function outagePlan(o: { district: number; upper: number; afterMinutes: number; ringSeconds?: number; code?: string }): PlanSpecInput {
  return {
    code: o.code ?? 'ПС12',
    name: 'Авария на ПС',
    audience: { onCall: [{ groupId: o.district, role: 'дежурный инженер' }] },
    text: 'Авария на {объект}. Выезжайте, ответьте 1.',
    fields: [{ name: 'объект', required: true }],
    kind: 'confirm',
    confirm: { afterMinutes: o.afterMinutes, resends: 0 },
    chain: [
      { kind: 'call', ringSeconds: o.ringSeconds ?? 20 },
      { kind: 'on-call', onCall: [{ groupId: o.upper, role: 'мастер' }] },
    ],
    priority: 'high',
    callReply: 'Подтверждение звонком принято. Спасибо.',
  };
}
