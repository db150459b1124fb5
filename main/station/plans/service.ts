// Alert plans and rosters as the station's doors use them: checked edits (who may, what is
// valid, audited with before and after, told to every desk), launches by id or by code, what the
// board shows behind a launch, and the phones allowed to launch by SMS command.
import type { StationCore } from '../core.js';
import type { DutyResolution, LaunchInfo, PlanSpec, PlanView, RosterInput, RosterView, SmsLauncher } from '../../../shared/protocol/index.js';
import { PlanSpec as PlanSpecSchema, RosterInput as RosterInputSchema } from '../../../shared/protocol/index.js';
import type { SendingActor } from '../dispatch/rights.js';
import { RosterResolver } from '../domain/roster.js';
import { TimeZoneError } from '../domain/time-zone.js';
import { tryNormalizePhone } from '../domain/phone.js';
import { RightsError, StationError } from '../errors.js';
import { msg } from '../i18n/text.js';
import { PlanRepository } from './plan-store.js';
import { RosterRepository, rulesOf } from './roster-store.js';
import { OnCall } from './on-call.js';
import { PlanLauncher, type LaunchInput, type PlanLaunchResult } from './launch.js';
import { PlanCalls } from './calls.js';
import { PlanChain } from './chain.js';

export class PlanService {
  readonly plans: PlanRepository;
  readonly rosters: RosterRepository;
  readonly onCall: OnCall;
  readonly launcher: PlanLauncher;
  readonly calls: PlanCalls;
  readonly chain: PlanChain;

  constructor(private readonly core: StationCore) {
    const { db } = core.store;
    this.plans = new PlanRepository(db);
    this.rosters = new RosterRepository(db);
    this.onCall = new OnCall(db, this.rosters);
    this.launcher = new PlanLauncher(core, this.onCall);
    this.calls = new PlanCalls(core);
    this.chain = new PlanChain(core, this.onCall, this.calls);
  }

  // ---- plans ----

  plan(ref: { planId: number } | { code: string }, actor: SendingActor): PlanView {
    const plan = 'planId' in ref ? this.plans.byId(ref.planId) : this.plans.byCode(ref.code);
    if (!plan) {
      const name = 'planId' in ref ? `#${ref.planId}` : ref.code;
      this.core.store.audit.record(actor, 'plan.launch.refused', `plan:${name}`, { reason: 'unknown plan' });
      throw new StationError('not_found', msg('plans.unknown', { plan: name }));
    }
    return plan;
  }

  launch(actor: SendingActor, ref: { planId: number } | { code: string }, input: LaunchInput): PlanLaunchResult {
    return this.launcher.launch(actor, this.plan(ref, actor), input);
  }

  savePlan(actor: SendingActor, input: PlanSpec, id: number | null, sort: number | null): PlanView[] {
    this.requireAdmin(actor, id ? `plan:${id}` : 'plan:new');
    const spec = PlanSpecSchema.parse(input);
    if (this.plans.codeTaken(spec.code, id)) throw new StationError('bad_request', msg('plans.codeTaken', { code: spec.code }), 'code');
    if (spec.kind === 'poll' && (spec.options ?? []).length < 2) throw new StationError('bad_request', msg('plans.pollOptions'), 'options');
    if (spec.chain.length > 0 && (spec.kind !== 'confirm' || !spec.confirm)) throw new StationError('bad_request', msg('plans.chainNeedsConfirm'), 'chain');
    const a = spec.audience;
    if (a.groups.length + a.contacts.length + a.tags.length + a.onCall.length === 0) throw new StationError('bad_request', msg('plans.noAudience'), 'audience');
    const groups = [...a.groups, ...a.onCall.map((r) => r.groupId), ...spec.chain.flatMap((s) => (s.kind === 'groups' ? s.groups : s.kind === 'on-call' ? s.onCall.map((r) => r.groupId) : []))];
    for (const g of groups) if (!this.core.store.groups.exists(g)) throw new StationError('bad_request', msg('plans.unknownGroup', { id: g }), 'audience');
    for (const c of a.contacts) this.requireContact(c);
    const before = id ? this.plans.byId(id) : undefined;
    if (id && !before) throw new StationError('not_found', msg('plans.unknown', { plan: `#${id}` }));
    const saved = this.core.store.db.transaction(() => {
      const savedId = this.plans.save(spec, id, sort, actor.userId);
      this.core.store.audit.record(actor, id ? 'plan.update' : 'plan.create', `plan:${savedId}`, before ? { before: stripMeta(before), after: spec } : { after: spec });
      return savedId;
    })();
    void saved;
    return this.plansChanged();
  }

  deletePlan(actor: SendingActor, id: number): PlanView[] {
    this.requireAdmin(actor, `plan:${id}`);
    const before = this.plans.byId(id);
    if (!before || !this.plans.delete(id)) throw new StationError('not_found', msg('plans.unknown', { plan: `#${id}` }));
    this.core.store.audit.record(actor, 'plan.delete', `plan:${id}`, { before: stripMeta(before) });
    return this.plansChanged();
  }

  launchInfo(broadcastId: number): LaunchInfo | null {
    const { db } = this.core.store;
    // Only the launch itself: its re-sends and escalation steps are rows of their own on the board.
    const root = broadcastId;
    const row = db.prepare('SELECT * FROM plan_launches WHERE broadcast_id = ?').get(root) as
      | { broadcast_id: number; plan_id: number | null; code: string; name: string; fields: string; drill: number; door: LaunchInfo['door'] }
      | undefined;
    if (!row) return null;
    return {
      broadcastId: row.broadcast_id,
      planId: row.plan_id,
      code: row.code,
      name: row.name,
      drill: row.drill === 1,
      door: row.door,
      fields: JSON.parse(row.fields) as Record<string, string>,
      onDuty: this.dutyLog(root),
      calls: this.calls.list(root),
    };
  }

  /** Who was on duty, by group and role, for a broadcast and the escalation steps that followed it. */
  dutyLog(rootId: number): DutyResolution[] {
    const rows = this.core.store.db
      .prepare(
        `SELECT d.* FROM duty_log d JOIN broadcasts b ON b.id = d.broadcast_id WHERE b.id = ? OR b.parent_id = ? ORDER BY d.id`,
      )
      .all(rootId, rootId) as { group_id: number | null; group_name: string; role: string; contact_id: number | null; name: string | null; phone: string | null; replaces_id: number | null; replaces_name: string | null; reason: 'leave' | 'sick' | 'swap' | null }[];
    const out = new Map<string, DutyResolution>();
    for (const r of rows) {
      const key = `${r.group_id}\u0000${r.role}`;
      let d = out.get(key);
      if (!d) out.set(key, (d = { groupId: r.group_id ?? 0, groupName: r.group_name, role: r.role, people: [] }));
      if (d.people.some((p) => p.contactId === r.contact_id)) continue;
      d.people.push({
        contactId: r.contact_id,
        name: r.name,
        phone: r.phone ?? '',
        replaces: r.replaces_name === null && r.replaces_id === null ? null : { contactId: r.replaces_id, name: r.replaces_name, phone: '' },
        reason: r.reason,
      });
    }
    return [...out.values()];
  }

  // ---- rosters ----

  saveRoster(actor: SendingActor, input: RosterInput & { id?: number | undefined }): number {
    this.requireRosterWriter(actor, input.id ? `roster:${input.id}` : 'roster:new');
    const { id: _id, ...fields } = input;
    const roster = RosterInputSchema.parse(fields);
    if (!this.core.store.groups.exists(roster.groupId)) throw new StationError('bad_request', msg('plans.unknownGroup', { id: roster.groupId }), 'groupId');
    const clash = this.rosters.find(roster.groupId, roster.role);
    if (clash && clash.id !== input.id) {
      throw new StationError('bad_request', msg('plans.rosterTaken', { group: this.onCall.groupName(roster.groupId), role: roster.role }), 'role');
    }
    const before = input.id ? this.rosters.byId(input.id) : undefined;
    if (input.id && !before) throw new StationError('not_found', msg('plans.rosterUnknown', { id: input.id }));
    const people = [
      ...(roster.rotation?.teams.flatMap((t) => t.members) ?? []),
      ...roster.oneOffs.flatMap((o) => o.members),
      ...roster.exceptions.flatMap((e) => [e.contactId, ...(e.substituteId ? [e.substituteId] : [])]),
    ];
    for (const c of new Set(people)) this.requireContact(c);
    this.checkRules(roster);
    const saved = { ...roster, ...(input.id ? { id: input.id } : {}) };
    const id = this.core.store.db.transaction(() => {
      const savedId = this.rosters.save(saved, actor.userId);
      this.core.store.audit.record(actor, input.id ? 'roster.update' : 'roster.create', `roster:${savedId}`, {
        group: this.onCall.groupName(roster.groupId),
        role: roster.role,
        ...(before ? { before: { timeZone: before.timeZone, rotation: before.rotation, oneOffs: before.oneOffs, exceptions: before.exceptions } } : {}),
        after: { timeZone: roster.timeZone, rotation: roster.rotation, oneOffs: roster.oneOffs, exceptions: roster.exceptions },
      });
      return savedId;
    })();
    this.onCall.forget(id);
    this.core.events.emit('rosters.changed', { rosterId: id });
    return id;
  }

  deleteRoster(actor: SendingActor, id: number): void {
    this.requireRosterWriter(actor, `roster:${id}`);
    const before = this.rosters.byId(id);
    if (!before || !this.rosters.delete(id)) throw new StationError('not_found', msg('plans.rosterUnknown', { id }));
    this.core.store.audit.record(actor, 'roster.delete', `roster:${id}`, { group: this.onCall.groupName(before.groupId), role: before.role, before });
    this.onCall.forget(id);
    this.core.events.emit('rosters.changed', { rosterId: id });
  }

  // ---- SMS launchers ----

  smsLaunchers(): SmsLauncher[] {
    return this.core.store.db
      .prepare('SELECT l.phone, l.user_id AS userId, u.login, l.note FROM sms_launchers l JOIN users u ON u.id = l.user_id ORDER BY l.phone')
      .all() as SmsLauncher[];
  }

  /** The user an authorised phone acts as, or undefined for any other phone. */
  launcherFor(phone: string): SendingActor | undefined {
    const row = this.core.store.db
      .prepare('SELECT u.id, u.login, u.role, u.disabled FROM sms_launchers l JOIN users u ON u.id = l.user_id WHERE l.phone = ?')
      .get(phone) as { id: number; login: string; role: SendingActor['role']; disabled: number } | undefined;
    if (!row || row.disabled) return undefined;
    return { userId: row.id, name: `${row.login} (SMS ${phone})`, role: row.role };
  }

  saveSmsLaunchers(actor: SendingActor, launchers: { phone: string; userId: number; note?: string | null | undefined }[]): SmsLauncher[] {
    this.requireAdmin(actor, 'sms-launchers');
    const clean = launchers.map((l) => {
      const phone = tryNormalizePhone(l.phone);
      if (!phone) throw new StationError('bad_request', msg('plans.launcherPhone', { phone: l.phone }), 'phone');
      return { ...l, phone };
    });
    const before = this.smsLaunchers();
    this.core.store.db.transaction(() => {
      this.core.store.db.prepare('DELETE FROM sms_launchers').run();
      const insert = this.core.store.db.prepare('INSERT OR REPLACE INTO sms_launchers (phone, user_id, note, created_at) VALUES (?, ?, ?, ?)');
      for (const l of clean) insert.run(l.phone, l.userId, l.note ?? null, Date.now());
      this.core.store.audit.record(actor, 'plan.smsLaunchers', 'sms-launchers', { before: before.map((b) => `${b.phone}→${b.login}`), after: clean.map((c) => `${c.phone}→#${c.userId}`) });
    })();
    return this.smsLaunchers();
  }

  // ---- checks ----

  private plansChanged(): PlanView[] {
    const plans = this.plans.all();
    this.core.events.emit('plans.changed', { plans });
    return plans;
  }

  private requireAdmin(actor: SendingActor, what: string): void {
    if (actor.role === 'admin' || actor.role === 'system') return;
    this.core.store.audit.record(actor, 'plan.refused', what);
    throw new RightsError(msg('plans.adminOnly'));
  }

  private requireRosterWriter(actor: SendingActor, what: string): void {
    if (actor.role !== 'viewer') return;
    this.core.store.audit.record(actor, 'roster.refused', what);
    throw new RightsError(msg('plans.rosterWriters'));
  }

  private requireContact(id: number): void {
    if (!this.core.store.db.prepare('SELECT 1 FROM contacts WHERE id = ?').get(id)) throw new StationError('bad_request', msg('plans.unknownContact', { id }), 'contacts');
  }

  /** A roster is only saved if it resolves: a known zone, dates and times that parse, teams that exist. */
  private checkRules(roster: RosterView | Omit<RosterView, 'id' | 'updatedAt'>): void {
    const r = roster.rotation;
    const problem = (text: string) => new StationError('bad_request', msg('plans.rosterBad', { problem: text }), 'rotation');
    if (r) {
      for (const s of r.shifts) {
        if (s.day >= r.cycleDays) throw problem(`a shift is on day ${s.day + 1} of a ${r.cycleDays}-day cycle`);
        if (s.team >= r.teams.length) throw problem(`a shift names team ${s.team + 1}, there are ${r.teams.length}`);
      }
    }
    for (const o of roster.oneOffs) if (o.end <= o.start) throw problem(`the one-off shift from ${o.start} ends before it starts`);
    try {
      new RosterResolver(rulesOf(roster as RosterView)).onDuty(Date.now());
    } catch (err) {
      if (err instanceof TimeZoneError) throw new StationError('bad_request', msg('timezone.unknown', { zone: roster.timeZone }), 'timeZone');
      throw problem(err instanceof Error ? err.message : String(err));
    }
  }
}

function stripMeta(p: PlanView): PlanSpec {
  const { id: _id, sort: _sort, updatedAt: _u, ...spec } = p;
  return spec;
}

export type { RosterView };
