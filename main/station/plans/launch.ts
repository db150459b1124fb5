// Launching an alert plan: fill the template's fields, resolve who is on duty right now, and send
// through the one door (dispatch.send) with the launcher's own rights. Every door (control room,
// REST, CLI, mail, SMS command) comes here; the launch, its fields and who was on duty are
// committed with the broadcast, so history can say later who was alerted and why.
import type { StationCore } from '../core.js';
import type { DutyResolution, LaunchPreview, PlanView } from '../../../shared/protocol/index.js';
import type { SendingActor } from '../dispatch/rights.js';
import type { DispatchRequest } from '../dispatch/dispatch.js';
import { launchText, templateFields } from '../../../shared/plans/template.js';
import { StationError } from '../errors.js';
import { msg } from '../i18n/text.js';
import type { StationRefusal } from '../i18n/refusals.js';
import { launchCost } from './launch-cost.js';
import type { OnCall } from './on-call.js';

export type LaunchDoor = 'ui' | 'http' | 'cli' | 'mail' | 'sms';

export interface LaunchInput {
  fields: Readonly<Record<string, string>>;
  drill: boolean;
  door: LaunchDoor;
  clientRef?: string | undefined;
}

export interface PlanLaunchResult {
  broadcastId: number | null;
  recipients: number;
  segments: number;
  refused: StationRefusal[];
  onDuty: DutyResolution[];
}

export type PlanLaunchPreview = Omit<LaunchPreview, 'refused'> & { refused: StationRefusal[] };

// The broadcasts table knows the doors of DESIGN §3; an SMS command is recorded as the door
// 'sms' in plan_launches and the audit, and as a station-made broadcast in `source`.
const SOURCE: Record<LaunchDoor, DispatchRequest['source']> = { ui: 'ui', http: 'http', cli: 'http', mail: 'mail', sms: 'system' };

export class PlanLauncher {
  constructor(
    private readonly core: StationCore,
    private readonly onCall: OnCall,
  ) {}

  preview(actor: SendingActor, plan: PlanView, input: Omit<LaunchInput, 'door'>): PlanLaunchPreview {
    const { values, missing } = this.fieldValues(plan, input.fields);
    const text = launchText(plan.text, values, input.drill);
    const duty = this.onCall.resolve(plan.audience.onCall, this.core.clock.now());
    const request = this.request(plan, text, duty.resolutions, 'ui');
    const empty = request.groups.length + request.contacts.length + request.tags.length === 0;
    const preview = empty
      ? { recipients: 0, segments: 0, encoding: 'ucs2' as const, characters: text.length, smsTotal: 0, refused: [] }
      : this.core.dispatcher.preview(actor, request);
    return {
      text,
      missing,
      recipients: preview.recipients,
      segments: preview.segments,
      encoding: preview.encoding,
      characters: preview.characters,
      smsTotal: preview.smsTotal,
      cost: preview.smsTotal > 0 ? launchCost(this.core.store.db, preview.smsTotal, Date.now()) : 0,
      onDuty: duty.resolutions,
      refused: [...duty.refused, ...preview.refused],
    };
  }

  launch(actor: SendingActor, plan: PlanView, input: LaunchInput): PlanLaunchResult {
    const { store } = this.core;
    const { values, missing } = this.fieldValues(plan, input.fields);
    const audit = { plan: plan.code, door: input.door, drill: input.drill, fields: values };
    if (missing.length > 0) {
      store.audit.record(actor, 'plan.launch.refused', `plan:${plan.id}`, { ...audit, missing });
      throw new StationError('bad_request', msg('plans.fieldMissing', { fields: missing.map((f) => `{${f}}`).join(', ') }), `fields.${missing[0]}`);
    }
    const text = launchText(plan.text, values, input.drill);
    const now = this.core.clock.now();
    const duty = this.onCall.resolve(plan.audience.onCall, now);
    const request = { ...this.request(plan, text, duty.resolutions, input.door), ...(input.clientRef ? { clientRef: input.clientRef } : {}) };
    if (request.groups.length + request.contacts.length + request.tags.length === 0) {
      store.audit.record(actor, 'plan.launch.refused', `plan:${plan.id}`, { ...audit, refused: duty.refused.map((r) => `${r.target}: ${r.reason}`) });
      if (duty.refused.length > 0) return { broadcastId: null, recipients: 0, segments: 0, refused: duty.refused, onDuty: duty.resolutions };
      throw new StationError('bad_request', msg('plans.noAudience'));
    }
    const result = store.db.transaction(() => {
      const sent = this.core.dispatcher.send(actor, request);
      if (sent.broadcastId === null) return sent;
      const repeat = store.db.prepare('SELECT 1 FROM plan_launches WHERE broadcast_id = ?').get(sent.broadcastId);
      if (repeat) return sent;
      store.db
        .prepare(
          `INSERT INTO plan_launches (broadcast_id, plan_id, code, name, fields, drill, door, chain, call_reply, launched_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(sent.broadcastId, plan.id, plan.code, plan.name, JSON.stringify(values), input.drill ? 1 : 0, input.door, JSON.stringify(plan.chain), plan.callReply, now);
      recordDuty(this.core, sent.broadcastId, duty.resolutions, now);
      if (plan.carrierId) {
        const ids = store.db.prepare(`SELECT id FROM messages WHERE broadcast_id = ? AND direction = 'out'`).pluck().all(sent.broadcastId) as number[];
        for (const id of ids) this.core.router.prefer(id, plan.carrierId);
      }
      store.audit.record(actor, 'plan.launch', `broadcast:${sent.broadcastId}`, {
        ...audit,
        planId: plan.id,
        recipients: sent.recipients,
        onDuty: duty.resolutions.map((d) => ({ group: d.groupName, role: d.role, people: d.people.map((p) => p.name ?? p.phone) })),
      });
      return sent;
    })();
    const refused = [...duty.refused, ...result.refused];
    if (result.broadcastId === null) store.audit.record(actor, 'plan.launch.refused', `plan:${plan.id}`, { ...audit, refused: refused.map((r) => `${r.target}: ${r.reason}`) });
    return { broadcastId: result.broadcastId, recipients: result.recipients, segments: result.segments, refused, onDuty: duty.resolutions };
  }

  /** The fields a launch asks for: the template's, with the plan's settings (required, default, choices). */
  fieldsOf(plan: PlanView): PlanView['fields'] {
    return templateFields(plan.text).map((name) => plan.fields.find((f) => f.name === name) ?? { name, required: true });
  }

  /** The template's fields filled from the input, then from the plan's defaults; required ones still empty. */
  fieldValues(plan: PlanView, given: Readonly<Record<string, string>>): { values: Record<string, string>; missing: string[] } {
    const names = templateFields(plan.text);
    for (const name of Object.keys(given)) {
      if (!names.includes(name)) throw new StationError('bad_request', msg('plans.fieldUnknown', { field: name, plan: plan.code }), `fields.${name}`);
    }
    const values: Record<string, string> = {};
    const missing: string[] = [];
    for (const name of names) {
      const setting = plan.fields.find((f) => f.name === name);
      let value = (given[name] ?? '').trim() || (setting?.default ?? '').trim();
      if (value && setting?.choices?.length) {
        const choice = setting.choices.find((c) => c.toLocaleLowerCase('ru') === value.toLocaleLowerCase('ru'));
        if (!choice) throw new StationError('bad_request', msg('plans.fieldChoice', { field: name, choices: setting.choices.join(', ') }), `fields.${name}`);
        value = choice;
      }
      if (value) values[name] = value;
      else if (setting?.required !== false) missing.push(name);
    }
    return { values, missing };
  }

  private request(plan: PlanView, text: string, duty: readonly DutyResolution[], door: LaunchDoor): DispatchRequest {
    const onDuty = duty.flatMap((d) => d.people.map((p) => p.contactId)).filter((id): id is number => id !== null);
    return {
      text,
      kind: plan.kind,
      source: SOURCE[door],
      groups: plan.audience.groups,
      contacts: [...new Set([...plan.audience.contacts, ...onDuty])],
      phones: [],
      tags: plan.audience.tags,
      priority: plan.priority,
      ...(plan.validMinutes !== undefined ? { validMinutes: plan.validMinutes } : {}),
      ...(plan.kind === 'poll' ? { options: plan.options } : {}),
      ...(plan.kind === 'confirm' && plan.confirm
        ? { confirm: { afterMinutes: plan.confirm.afterMinutes, resends: plan.confirm.resends, escalateTo: [] } }
        : {}),
    };
  }
}

/** Who was on duty, by role, when this broadcast went out (history keeps the names). */
export function recordDuty(core: StationCore, broadcastId: number, duty: readonly DutyResolution[], at: number): void {
  const insert = core.store.db.prepare(
    `INSERT INTO duty_log (broadcast_id, group_id, group_name, role, contact_id, name, phone, replaces_id, replaces_name, reason, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const d of duty) {
    for (const p of d.people) {
      insert.run(broadcastId, d.groupId, d.groupName, d.role, p.contactId, p.name, p.phone, p.replaces?.contactId ?? null, p.replaces?.name ?? null, p.reason, at);
    }
  }
}
