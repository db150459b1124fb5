// The escalation clock of confirmations (DESIGN §4): after N minutes the alert is re-sent to whoever
// is still silent, then each group of the chain is alerted in turn, and every step tells the
// dispatcher who has not confirmed. Every step is sent as the alert's AUTHOR, so the author's rights
// are checked against the people the step reaches when it sends (a group filled since the alert went
// out cannot carry it to people the author may not reach); whom it leaves out is recorded with the
// step and shown on the board. The clock stops when every recipient has confirmed, when someone
// reached by an escalation step confirms that step (they took it), or when the alert is closed or
// cancelled. Steps are stored, so a restarted station carries on where it was.
import { stmt } from '../store/statements.js';
import type { Store } from '../store/store.js';
import type { Clock } from '../clock.js';
import type { ConfirmAlert, PersonRef, TallyChange } from '../../../shared/protocol/index.js';
import { SYSTEM_ACTOR } from '../store/audit.js';
import { withReason, type StationRefusal } from '../i18n/refusals.js';
import { msg } from '../i18n/text.js';
import { AnswerBook } from './answer-book.js';
import type { Dispatcher, StoredConfirm } from './dispatch.js';
import type { SendingActor } from './rights.js';
import { MAX_SEGMENTS, countSegments } from '../../../shared/sms/segments.js';

export interface EscalationListener {
  alert(alert: ConfirmAlert): void;
  /** A step ran or the clock stopped: desks holding this tally should fetch it again. */
  changed(change: TallyChange): void;
  /** A step failed and will be tried again (for the log). */
  trouble?(what: string, err: unknown): void;
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

type StepAction = ConfirmAlert['action'];

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
    const row = stmt(this.store.db, 'SELECT confirm, scheduled_at, parent_id FROM broadcasts WHERE id = ?')
      .get(broadcastId) as { confirm: string | null; scheduled_at: number | null; parent_id: number | null } | undefined;
    if (!row?.confirm || row.parent_id !== null) return;
    const settings = JSON.parse(row.confirm) as StoredConfirm;
    // A scheduled alert starts its clock when it goes out, not when it was written.
    const start = Math.max(this.clock.now(), row.scheduled_at ?? 0);
    stmt(this.store.db, `INSERT OR IGNORE INTO escalations (broadcast_id, step, due_at, state, updated_at) VALUES (?, 0, ?, 'open', ?)`)
      .run(broadcastId, start + settings.afterMs, this.clock.now());
    this.schedule();
  }

  /** Answers arrived (the changes a reply made): stop the clock once it has nothing left to do. */
  answered(changes: readonly TallyChange[]): void {
    for (const c of changes) {
      if (c.byEscalation) {
        if (c.byEscalation.option === 1) this.taken(c.broadcastId, c.byEscalation);
        continue;
      }
      if (!this.isOpen(c.broadcastId)) continue;
      // Constant work per reply: the counters say whether every recipient has confirmed.
      if (this.answers.confirmed(c.broadcastId) >= this.answers.recipientsOf(c.broadcastId)) {
        this.finish(c.broadcastId, 'done');
        this.schedule();
      }
    }
  }

  /** Runs every step that is due now. Public so a caller holding a fake clock may force a check. */
  check(): void {
    const now = this.clock.now();
    let failed: unknown = null;
    try {
      const due = this.store.db
        .prepare(`SELECT broadcast_id, step, due_at FROM escalations WHERE state = 'open' AND due_at <= ? ORDER BY due_at`)
        .all(now) as EscalationRow[];
      for (const row of due) {
        try {
          this.step(row, now);
        } catch (err) {
          failed = err;
        }
      }
    } catch (err) {
      failed = err;
    }
    if (failed === null) return this.schedule();
    // A step that could not run (the store read-only, a send refused) is tried again shortly,
    // rather than the clock stopping for every open confirmation.
    this.listener.trouble?.('an escalation step failed; trying again in 5 s', failed);
    this.cancelTimer?.();
    this.cancelTimer = this.stopped ? null : this.clock.setTimer(5_000, () => this.check());
  }

  private isOpen(rootId: number): boolean {
    return stmt(this.store.db, `SELECT 1 FROM escalations WHERE broadcast_id = ? AND state = 'open'`).get(rootId) !== undefined;
  }

  private schedule(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (this.stopped) return;
    const next = stmt(this.store.db, `SELECT min(due_at) AS t FROM escalations WHERE state = 'open'`).get() as { t: number | null };
    if (next.t === null) return;
    this.cancelTimer = this.clock.setTimer(next.t - this.clock.now(), () => this.check());
  }

  /** Someone an escalation step reached confirmed it: the alert is in their hands, the chain stops. */
  private taken(rootId: number, by: PersonRef & { broadcastId: number }): void {
    if (!this.isOpen(rootId)) return;
    const row = stmt(this.store.db, 'SELECT step, text FROM escalations e JOIN broadcasts b ON b.id = e.broadcast_id WHERE e.broadcast_id = ?').get(rootId) as
      | { step: number; text: string }
      | undefined;
    if (!row) return;
    const now = this.clock.now();
    this.recordStep(rootId, row.step, 'taken', null, by.broadcastId, 0, [], now);
    this.finish(rootId, 'done');
    this.notify({ broadcastId: rootId, text: row.text, step: row.step, action: 'taken', group: null, followUpId: by.broadcastId, silent: this.answers.unconfirmed(rootId), at: now, by: { contactId: by.contactId, name: by.name, phone: by.phone } });
    this.schedule();
  }

  private step(row: EscalationRow, now: number): void {
    const root = stmt(this.store.db, 'SELECT id, text, confirm, author_id, cancelled_at, closed_at FROM broadcasts WHERE id = ?')
      .get(row.broadcast_id) as { id: number; text: string; confirm: string; author_id: number | null; cancelled_at: number | null; closed_at: number | null } | undefined;
    if (!root || root.cancelled_at !== null || root.closed_at !== null) return this.finish(row.broadcast_id, 'cancelled');
    const unconfirmed = this.answers.unconfirmed(root.id);
    if (unconfirmed.length === 0) return this.finish(root.id, 'done');
    const settings = JSON.parse(root.confirm) as StoredConfirm;
    const author = this.authorOf(root.author_id);
    const alert = (action: StepAction, step: number, group: ConfirmAlert['group'], followUpId: number | null, refused: number, silent: PersonRef[]): ConfirmAlert => ({
      broadcastId: root.id,
      text: root.text,
      step,
      action,
      group,
      followUpId,
      silent,
      at: now,
      ...(refused > 0 ? { refused } : {}),
    });

    // Re-sends go to those who have not answered at all: someone who wrote back "не могу" has the alert.
    const silent = this.answers.silent(root.id);
    if (row.step < settings.resends && silent.length > 0) {
      const sent = this.dispatcher.send(author, {
        text: root.text,
        kind: 'confirm',
        source: 'system',
        priority: 'high',
        phones: silent.map((p) => p.phone),
        groups: [],
        contacts: [],
        tags: [],
        parentId: root.id,
        followUp: 'resend',
      });
      const refused = this.onBehalf(sent.refused, author);
      this.recordStep(root.id, row.step + 1, sent.broadcastId === null ? 'refused' : 'resent', null, sent.broadcastId, sent.recipients, refused, now);
      this.advance(root.id, row.step + 1, now + settings.afterMs);
      this.notify(alert(sent.broadcastId === null ? 'refused' : 'resent', row.step + 1, null, sent.broadcastId, refused.length, silent));
      return;
    }
    // Nobody left to re-send to (everyone answered, some not with a confirmation): on to the chain.
    const stepNo = Math.max(row.step, settings.resends);
    const chainIndex = stepNo - settings.resends;
    const groupId = settings.chain[chainIndex];
    if (groupId === undefined) {
      const extraIndex = chainIndex - settings.chain.length;
      const extraCount = this.extra?.count(root.id) ?? 0;
      if (extraIndex < extraCount) {
        // An alert plan's own step (on-call people, a call): it sends as the plan's launcher itself.
        const done = this.extra!.run(root.id, extraIndex, silent, now);
        this.recordStep(root.id, stepNo + 1, done.action, done.group?.id ?? null, done.followUpId, 0, [], now);
        if (extraIndex === extraCount - 1) this.finish(root.id, 'done');
        else this.advance(root.id, stepNo + 1, now + settings.afterMs);
        this.notify(alert(done.action, stepNo + 1, done.group, done.followUpId, 0, unconfirmed));
        return;
      }
      this.recordStep(root.id, stepNo + 1, 'exhausted', null, null, 0, [], now);
      this.finish(root.id, 'done');
      this.notify(alert('exhausted', stepNo + 1, null, null, 0, unconfirmed));
      return;
    }
    const group = { id: groupId, name: this.store.groups.name(groupId) ?? `#${groupId}` };
    const sent = this.dispatcher.send(author, {
      text: escalationText(root.text, unconfirmed),
      kind: 'confirm',
      source: 'system',
      priority: 'high',
      groups: [groupId],
      contacts: [],
      phones: [],
      tags: [],
      parentId: root.id,
      followUp: 'escalation',
    });
    const refused = this.onBehalf(sent.refused, author);
    const action: StepAction = sent.broadcastId === null ? 'refused' : 'escalated';
    this.recordStep(root.id, stepNo + 1, action, groupId, sent.broadcastId, sent.recipients, refused, now);
    const last = chainIndex === settings.chain.length - 1;
    if (last) this.finish(root.id, 'done');
    else this.advance(root.id, stepNo + 1, now + settings.afterMs);
    this.notify(alert(action, stepNo + 1, group, sent.broadcastId, refused.length, unconfirmed));
  }

  /**
   * The author as the dispatcher sees them now: their current role and rights; a disabled or deleted
   * author reaches nobody. An alert the station itself made (no author) escalates as the system.
   */
  private authorOf(authorId: number | null): SendingActor {
    if (authorId === null) return SYSTEM_SENDER;
    const u = stmt(this.store.db, 'SELECT id, login, role, disabled FROM users WHERE id = ?').get(authorId) as
      | { id: number; login: string; role: SendingActor['role']; disabled: number }
      | undefined;
    if (!u) return { userId: authorId, name: `user:${authorId}`, role: 'dispatcher', disabled: true };
    return { userId: u.id, name: u.login, role: u.role, ...(u.disabled ? { disabled: true } : {}) };
  }

  /** The step's refusals say whose rights they are: the board's reader is rarely the author. */
  private onBehalf(refused: readonly StationRefusal[], author: SendingActor): StationRefusal[] {
    return refused.map((r) =>
      r.text.key === 'refusal.noRight' ? withReason(r, msg('refusal.escalationNoRight', { author: author.name })) : r,
    );
  }

  private recordStep(rootId: number, step: number, action: StepAction, groupId: number | null, broadcastId: number | null, reached: number, refused: StationRefusal[], at: number): void {
    stmt(this.store.db, 
        `INSERT OR REPLACE INTO escalation_steps (root_id, step, action, group_id, broadcast_id, reached, refused, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(rootId, step, action, groupId, broadcastId, reached, JSON.stringify(refused), at);
  }

  private advance(rootId: number, step: number, dueAt: number): void {
    stmt(this.store.db, `UPDATE escalations SET step = ?, due_at = ?, updated_at = ? WHERE broadcast_id = ?`)
      .run(step, dueAt, this.clock.now(), rootId);
  }

  private finish(rootId: number, state: 'done' | 'cancelled'): void {
    const changed = stmt(this.store.db, `UPDATE escalations SET state = ?, updated_at = ? WHERE broadcast_id = ? AND state = 'open'`)
      .run(state, this.clock.now(), rootId).changes;
    if (changed > 0) this.changed(rootId);
  }

  private changed(rootId: number): void {
    const counts = this.answers.countsOf(rootId);
    if (!counts) return;
    const esc = stmt(this.store.db, 'SELECT step, due_at, state FROM escalations WHERE broadcast_id = ?').get(rootId) as
      | { step: number; due_at: number; state: 'open' | 'done' | 'cancelled' }
      | undefined;
    this.listener.changed({
      broadcastId: rootId,
      counts,
      escalation: esc ? { step: esc.step, dueAt: esc.state === 'open' ? esc.due_at : null, state: esc.state } : null,
      resync: true,
    });
  }

  private notify(a: ConfirmAlert): void {
    this.store.audit.record(SYSTEM_ACTOR, `confirm.${a.action}`, `broadcast:${a.broadcastId}`, {
      step: a.step,
      group: a.group,
      silent: a.silent.map((p) => p.phone),
      ...(a.refused ? { refused: a.refused } : {}),
      ...(a.by ? { by: a.by.phone } : {}),
    });
    this.listener.alert(a);
    this.changed(a.broadcastId);
  }
}

const SYSTEM_SENDER: SendingActor = { userId: null, name: 'system', role: 'system' };

/** "Эскалация: <alert>. Не подтвердили: A, B, C и ещё 12", kept within the SMS limit. */
export function escalationText(alertText: string, silent: readonly PersonRef[]): string {
  const names = silent.map((p) => p.name ?? p.phone);
  // Three SMS hold a few dozen names at most: start there, not at a list of two thousand.
  for (let shown = Math.min(names.length, 60); shown >= 0; shown--) {
    const rest = names.length - shown;
    const list = names.slice(0, shown).join(', ') + (rest > 0 ? `${shown > 0 ? ' ' : ''}и ещё ${rest}` : '');
    const text = `Эскалация: ${alertText} Не подтвердили: ${list}. Ответьте 1.`;
    if (countSegments(text).segments <= Math.min(3, MAX_SEGMENTS)) return text;
  }
  return `Эскалация: ${alertText}`.slice(0, 300);
}
