// Calls of alert plans: a chain's call step rings every silent person through a modem (one call
// at a time per modem, on whichever modem can call), and a call back from a phone with an open
// confirmation is that person's confirmation ("подтвердил звонком"). Every call is stored, so the
// board shows "rang at 03:12, no answer; called back 03:14" and history keeps it.
import type { StationCore } from '../core.js';
import type { CallState, CallView, PersonRef } from '../../../shared/protocol/index.js';
import { isVoiceCarrier, type IncomingCall, type VoiceLine } from '../carriers/voice.js';
import { tryNormalizePhone } from '../domain/phone.js';
import { SYSTEM_ACTOR } from '../store/audit.js';
import type { CallStep } from './chain.js';

interface CallRow {
  id: number;
  broadcast_id: number | null;
  direction: 'out' | 'in';
  phone: string;
  contact_id: number | null;
  name: string | null;
  carrier_id: string | null;
  state: CallState;
  detail: string | null;
  confirmed: number;
  created_at: number;
  ended_at: number | null;
}

const toView = (r: CallRow): CallView => ({
  id: r.id,
  broadcastId: r.broadcast_id,
  direction: r.direction,
  contactId: r.contact_id,
  name: r.name,
  phone: r.phone,
  state: r.state,
  detail: r.detail,
  confirmed: r.confirmed === 1,
  carrierId: r.carrier_id,
  at: r.created_at,
  endedAt: r.ended_at,
});

const SELECT = `SELECT k.*, c.name FROM calls k LEFT JOIN contacts c ON c.id = k.contact_id`;

// Calls are stamped with wall-clock time like messages are (what was said on the line, and when);
// the station's Clock moves only the escalation timers that decide when a call step runs.

export class PlanCalls implements CallStep {
  private readonly busy = new Set<string>();
  private readonly waiting: { id: number; phone: string; ringSeconds: number }[] = [];
  private readonly unsubscribe: (() => void)[] = [];
  private stopped = false;

  constructor(private readonly core: StationCore) {}

  /** Listens for call-backs on every voice carrier; calls left half-way by a stop are closed. */
  start(): void {
    const { db } = this.core.store;
    db.prepare(`UPDATE calls SET state = 'failed', detail = 'The station stopped before the call was made.', ended_at = ? WHERE state IN ('queued', 'dialling')`).run(Date.now());
    for (const carrier of this.core.router.list()) {
      if (isVoiceCarrier(carrier)) this.unsubscribe.push(carrier.onIncomingCall((call) => this.incoming(call)));
    }
  }

  stop(): void {
    this.stopped = true;
    for (const u of this.unsubscribe) u();
  }

  /** The call step: one call per silent person, queued; each modem rings one at a time. */
  ring(rootId: number, people: readonly PersonRef[], ringSeconds: number): void {
    const now = Date.now();
    const insert = this.core.store.db.prepare(
      `INSERT INTO calls (broadcast_id, direction, phone, contact_id, state, created_at) VALUES (?, 'out', ?, ?, 'queued', ?) RETURNING id`,
    );
    for (const p of people) {
      const { id } = insert.get(rootId, p.phone, p.contactId, now) as { id: number };
      this.waiting.push({ id, phone: p.phone, ringSeconds });
    }
    this.publish(rootId);
    this.pump();
  }

  /** Calls of one broadcast (the root of a launch), oldest first. */
  list(rootId: number): CallView[] {
    return (this.core.store.db.prepare(`${SELECT} WHERE k.broadcast_id = ? ORDER BY k.id`).all(rootId) as CallRow[]).map(toView);
  }

  /** Starts as many queued calls as there are free lines. */
  private pump(): void {
    while (!this.stopped && this.waiting.length > 0) {
      const line = this.freeLine();
      if (!line) {
        if (this.busy.size === 0) this.failWaiting('No modem that can make calls is connected.');
        return;
      }
      const call = this.waiting.shift()!;
      void this.place(line, call);
    }
  }

  private async place(line: VoiceLine, call: { id: number; phone: string; ringSeconds: number }): Promise<void> {
    this.busy.add(line.lineId);
    this.update(call.id, { state: 'dialling', carrier_id: line.lineId });
    try {
      const outcome = await line.dial(call.phone, call.ringSeconds);
      this.update(call.id, { state: outcome.state, detail: outcome.detail, ended_at: Date.now() });
    } catch (err) {
      this.update(call.id, { state: 'failed', detail: err instanceof Error ? err.message : String(err), ended_at: Date.now() });
    } finally {
      this.busy.delete(line.lineId);
      this.pump();
    }
  }

  private freeLine(): VoiceLine | undefined {
    for (const carrier of this.core.router.list()) {
      if (!isVoiceCarrier(carrier)) continue;
      const line = carrier.voiceLines().find((l) => !this.busy.has(l.lineId) && l.canCall());
      if (line) return line;
    }
    return undefined;
  }

  private failWaiting(detail: string): void {
    const roots = new Set<number>();
    for (const call of this.waiting.splice(0)) {
      const root = this.update(call.id, { state: 'failed', detail, ended_at: Date.now() }, false);
      if (root !== null) roots.add(root);
    }
    for (const r of roots) this.publish(r);
  }

  /**
   * Someone rang the station (the modem has already rejected the call, so it costs nothing).
   * From a phone with an open confirmation it is that person's confirmation.
   */
  incoming(call: IncomingCall): void {
    try {
      this.confirmByCall(call);
    } catch (err) {
      this.core.log.error({ err }, 'call-back confirmation failed');
    }
  }

  private confirmByCall(call: IncomingCall): void {
    const { db } = this.core.store;
    const phone = call.from ? (tryNormalizePhone(call.from) ?? call.from) : null;
    const contact = phone ? this.core.store.contacts.byPhone(phone) : undefined;
    const open = phone ? this.openConfirmation(phone, call.at) : undefined;
    const { id } = db
      .prepare(`INSERT INTO calls (broadcast_id, direction, phone, contact_id, carrier_id, state, detail, confirmed, created_at, ended_at)
                VALUES (?, 'in', ?, ?, ?, 'rejected', ?, ?, ?, ?) RETURNING id`)
      .get(open?.root ?? null, phone ?? 'withheld', contact?.id ?? null, call.lineId, open ? null : 'No open confirmation for this phone.', open ? 1 : 0, call.at, call.at) as { id: number };
    this.core.store.audit.record(SYSTEM_ACTOR, open ? 'call.confirmed' : 'call.ignored', open ? `broadcast:${open.root}` : `call:${id}`, { phone, line: call.lineId });
    if (!open || !phone) return;
    const changed = db
      .prepare(
        `INSERT INTO answers (broadcast_id, phone, contact_id, option, previous, changes, message_id, at, via)
         VALUES (?, ?, ?, 1, NULL, 0, NULL, ?, 'call')
         ON CONFLICT (broadcast_id, phone) DO NOTHING`,
      )
      .run(open.root, phone, contact?.id ?? null, call.at).changes;
    this.publish(open.root);
    if (changed === 0) return; // already confirmed (by SMS or an earlier call)
    // The call counts as the person's answer: the clock and the desks hear it as one change.
    const change = this.core.inbound.answers.changeFor(open.root, phone);
    if (change) {
      this.core.escalator.answered([change]);
      this.core.events.emit('tally.changed', change);
    }
    if (open.reply) {
      this.core.dispatcher.send({ userId: null, name: 'system', role: 'system' }, { text: open.reply, kind: 'plain', source: 'system', priority: 'high', phones: [phone], groups: [], contacts: [], tags: [] });
    }
  }

  /** The newest open confirmation this phone was sent (its root), within the question window. */
  private openConfirmation(phone: string, at: number): { root: number; reply: string | null } | undefined {
    const windowMs = this.core.settings.get('questionWindowHours') * 3_600_000;
    const row = this.core.store.db
      .prepare(
        `SELECT r.id AS root, pl.call_reply AS reply FROM messages m
         JOIN broadcasts b ON b.id = m.broadcast_id
         JOIN broadcasts r ON r.id = coalesce(b.parent_id, b.id)
         LEFT JOIN plan_launches pl ON pl.broadcast_id = r.id
         WHERE m.phone = ? AND m.direction = 'out' AND m.created_at >= ? AND m.status NOT IN ('queued', 'cancelled')
           AND r.kind = 'confirm' AND r.closed_at IS NULL AND r.cancelled_at IS NULL
         ORDER BY m.created_at DESC, m.id DESC LIMIT 1`,
      )
      .get(phone, at - windowMs) as { root: number; reply: string | null } | undefined;
    return row;
  }

  private update(id: number, set: Partial<Pick<CallRow, 'state' | 'detail' | 'carrier_id' | 'ended_at'>>, publish = true): number | null {
    const cols = Object.keys(set);
    const row = this.core.store.db
      .prepare(`UPDATE calls SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id RETURNING broadcast_id`)
      .get({ ...set, id }) as { broadcast_id: number | null } | undefined;
    const root = row?.broadcast_id ?? null;
    if (publish && root !== null) this.publish(root);
    return root;
  }

  private publish(rootId: number): void {
    this.core.events.emit('plans.calls', { broadcastId: rootId, calls: this.list(rootId) });
  }
}
