// The escalation clock of confirmations (DESIGN §4): after N minutes without a confirmation the
// alert is re-sent to whoever is still silent, then each group of the chain is alerted in turn,
// and every step tells the dispatcher who is silent. A confirmation from the last silent person
// stops the clock. Steps are stored, so a restarted station carries on where it was.
import type { Store } from '../store/store.js';
import type { Clock } from '../clock.js';
import type { ConfirmAlert, PersonRef } from '../../../shared/protocol/index.js';
import { SYSTEM_ACTOR } from '../store/audit.js';
import { AnswerBook } from './answer-book.js';
import type { Dispatcher, StoredConfirm } from './dispatch.js';
import { MAX_SEGMENTS, countSegments } from '../../../shared/sms/segments.js';

export interface EscalationListener {
  alert(alert: ConfirmAlert): void;
  /** The tally of this root broadcast changed (a step ran or the clock stopped). */
  changed(rootId: number): void;
}

/**
 * Steps of a root broadcast beyond its resends and group chain, run by another module (an alert
 * plan's chain: on-call roles resolved at the step, calls through a modem). The clock stays here:
 * each step is due `afterMs` after the one before, and the last one stops it.
 */
export interface ChainSteps {
  /** How many steps of its own this root broadcast has; 0 for none. */
  count(rootId: number): number;
  /** Runs step `index` for those still silent; what the dispatcher should hear of it. */
  run(rootId: number, index: number, silent: PersonRef[], now: number): Pick<ConfirmAlert, 'action' | 'group' | 'followUpId'>;
}

interface EscalationRow {
  broadcast_id: number;
  step: number;
  due_at: number;
}

export class Escalator {
  private readonly answers: AnswerBook;
  private cancelTimer: (() => void) | null = null;
  private stopped = false;
  private extra: ChainSteps | null = null;

  constructor(
    private readonly store: Store,
    private readonly dispatcher: Dispatcher,
    private readonly clock: Clock,
    private readonly listener: EscalationListener,
  ) {
    this.answers = new AnswerBook(store.db);
  }

  /** Lets another module add steps to the chains it launched (alert plans). */
  useSteps(steps: ChainSteps): void {
    this.extra = steps;
  }

  /** Arms the clock of every open confirmation (after a restart, what was pending is still due). */
  start(): void {
    this.stopped = false;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  /** A broadcast was committed: when it is a root confirmation with settings, start its clock. */
  committed(broadcastId: number): void {
    const row = this.store.db
      .prepare('SELECT confirm, scheduled_at, parent_id FROM broadcasts WHERE id = ?')
      .get(broadcastId) as { confirm: string | null; scheduled_at: number | null; parent_id: number | null } | undefined;
    if (!row?.confirm || row.parent_id !== null) return;
    const settings = JSON.parse(row.confirm) as StoredConfirm;
    // A scheduled alert starts its clock when it goes out, not when it was written.
    const start = Math.max(this.clock.now(), row.scheduled_at ?? 0);
    this.store.db
      .prepare(`INSERT OR IGNORE INTO escalations (broadcast_id, step, due_at, state, updated_at) VALUES (?, 0, ?, 'open', ?)`)
      .run(broadcastId, start + settings.afterMs, this.clock.now());
    this.schedule();
  }

  /** An answer arrived: once nobody is silent, the clock stops. */
  answered(rootId: number): void {
    const open = this.store.db.prepare(`SELECT 1 FROM escalations WHERE broadcast_id = ? AND state = 'open'`).get(rootId);
    if (!open || this.answers.silent(rootId).length > 0) return;
    this.finish(rootId, 'done');
    this.schedule();
  }

  /** Runs every step that is due now. Public so a caller holding a fake clock may force a check. */
  check(): void {
    const now = this.clock.now();
    const due = this.store.db
      .prepare(`SELECT broadcast_id, step, due_at FROM escalations WHERE state = 'open' AND due_at <= ? ORDER BY due_at`)
      .all(now) as EscalationRow[];
    for (const row of due) this.step(row, now);
    this.schedule();
  }

  private schedule(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (this.stopped) return;
    const next = this.store.db.prepare(`SELECT min(due_at) AS t FROM escalations WHERE state = 'open'`).get() as { t: number | null };
    if (next.t === null) return;
    this.cancelTimer = this.clock.setTimer(next.t - this.clock.now(), () => this.check());
  }

  private step(row: EscalationRow, now: number): void {
    const root = this.store.db
      .prepare('SELECT id, text, confirm, cancelled_at FROM broadcasts WHERE id = ?')
      .get(row.broadcast_id) as { id: number; text: string; confirm: string; cancelled_at: number | null } | undefined;
    if (!root || root.cancelled_at !== null) return this.finish(row.broadcast_id, 'cancelled');
    const silent = this.answers.silent(root.id);
    if (silent.length === 0) return this.finish(root.id, 'done');
    const settings = JSON.parse(root.confirm) as StoredConfirm;
    const alert = (action: ConfirmAlert['action'], group: ConfirmAlert['group'], followUpId: number | null): ConfirmAlert => ({
      broadcastId: root.id,
      text: root.text,
      step: row.step + 1,
      action,
      group,
      followUpId,
      silent,
      at: now,
    });

    if (row.step < settings.resends) {
      const sent = this.dispatcher.send(SYSTEM_SENDER, {
        text: root.text,
        kind: 'confirm',
        source: 'system',
        priority: 'high',
        phones: silent.map((p) => p.phone),
        groups: [],
        contacts: [],
        tags: [],
        parentId: root.id,
      });
      this.advance(root.id, row.step + 1, now + settings.afterMs);
      this.notify(alert('resent', null, sent.broadcastId));
      return;
    }
    const chainIndex = row.step - settings.resends;
    const groupId = settings.chain[chainIndex];
    if (groupId === undefined) {
      const extraIndex = chainIndex - settings.chain.length;
      const extraCount = this.extra?.count(root.id) ?? 0;
      if (extraIndex < extraCount) {
        const done = this.extra!.run(root.id, extraIndex, silent, now);
        if (extraIndex === extraCount - 1) this.finish(root.id, 'done');
        else this.advance(root.id, row.step + 1, now + settings.afterMs);
        this.notify(alert(done.action, done.group, done.followUpId));
        return;
      }
      this.finish(root.id, 'done');
      this.notify(alert('exhausted', null, null));
      return;
    }
    const groupName = this.store.groups.name(groupId) ?? `#${groupId}`;
    const sent = this.dispatcher.send(SYSTEM_SENDER, {
      text: escalationText(root.text, silent),
      kind: 'confirm',
      source: 'system',
      priority: 'high',
      groups: [groupId],
      contacts: [],
      phones: [],
      tags: [],
      parentId: root.id,
    });
    const last = chainIndex === settings.chain.length - 1;
    if (last) this.finish(root.id, 'done');
    else this.advance(root.id, row.step + 1, now + settings.afterMs);
    this.notify(alert('escalated', { id: groupId, name: groupName }, sent.broadcastId));
  }

  private advance(rootId: number, step: number, dueAt: number): void {
    this.store.db
      .prepare(`UPDATE escalations SET step = ?, due_at = ?, updated_at = ? WHERE broadcast_id = ?`)
      .run(step, dueAt, this.clock.now(), rootId);
  }

  private finish(rootId: number, state: 'done' | 'cancelled'): void {
    this.store.db
      .prepare(`UPDATE escalations SET state = ?, updated_at = ? WHERE broadcast_id = ? AND state = 'open'`)
      .run(state, this.clock.now(), rootId);
    this.listener.changed(rootId);
  }

  private notify(a: ConfirmAlert): void {
    this.store.audit.record(SYSTEM_ACTOR, `confirm.${a.action}`, `broadcast:${a.broadcastId}`, {
      step: a.step,
      group: a.group,
      silent: a.silent.map((p) => p.phone),
    });
    this.listener.alert(a);
    this.listener.changed(a.broadcastId);
  }
}

const SYSTEM_SENDER = { userId: null, name: 'system', role: 'system' as const };

/** "Эскалация: <alert>. Не подтвердили: A, B, C и ещё 12", kept within the SMS limit. */
export function escalationText(alertText: string, silent: readonly PersonRef[]): string {
  const names = silent.map((p) => p.name ?? p.phone);
  for (let shown = names.length; shown >= 0; shown--) {
    const rest = names.length - shown;
    const list = names.slice(0, shown).join(', ') + (rest > 0 ? `${shown > 0 ? ' ' : ''}и ещё ${rest}` : '');
    const text = `Эскалация: ${alertText} Не подтвердили: ${list}. Ответьте 1.`;
    if (countSegments(text).segments <= Math.min(3, MAX_SEGMENTS)) return text;
  }
  return `Эскалация: ${alertText}`.slice(0, 300);
}
