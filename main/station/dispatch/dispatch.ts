// The one door every sending path goes through (DESIGN §1): UI, HTTP, SOAP and mail build a
// request and call `send`. Recipients are resolved and rights checked here, once; the broadcast
// and all its messages are committed in one transaction before the outbox sees them.
import { stmt } from '../store/statements.js';
import type { Store } from '../store/store.js';
import type { Rider } from '../store/rider.js';
import type {
  BroadcastKind,
  BroadcastSource,
  ConfirmSettings,
  PreviewResult,
  Priority,
  SendResult,
} from '../../../shared/protocol/index.js';
import { countSegments } from '../../../shared/sms/segments.js';
import { hasNamePlaceholder, renderOrder, segmentRange } from '../../../shared/sms/placeholders.js';
import { parseTags, streamTags } from '../domain/tags.js';
import { orderCodeOf } from '../domain/answers.js';
import { RightsError, StationError } from '../errors.js';
import { refusal, type StationRefusal } from '../i18n/refusals.js';
import { msg } from '../i18n/text.js';
import { carrierText } from '../i18n/tell-carrier-texts.js';
import { resolveRecipients, type RecipientRequest } from './recipients.js';
import { checkRights, mayManage, type SendingActor } from './rights.js';
import { audienceRows, audienceUpperBound, namesOf, personalTexts, resolveAudience, validateText } from './audience.js';
import { LargeCommits } from './large-commit.js';
import { SendGroup } from './send-group.js';

export { validateText } from './audience.js';

export interface DispatchRequest extends RecipientRequest {
  text: string;
  kind: BroadcastKind;
  source: BroadcastSource;
  priority?: Priority | undefined;
  scheduledAt?: number | undefined;
  validMinutes?: number | undefined;
  options?: string[] | undefined;
  code?: string | undefined;
  confirm?: ConfirmSettings | undefined;
  /** Set by the station for a re-send or escalation: the broadcast it follows up. */
  parentId?: number | undefined;
  /** What the follow-up is: a re-send asks the root's question again, an escalation asks its own. */
  followUp?: 'resend' | 'escalation' | undefined;
  /** The client's own id for this send; a retry with the same one returns the first result. */
  clientRef?: string | undefined;
  /**
   * Commit in one transaction however large, for a door that must answer with every message id at
   * once (the MTS SOAP operations); it holds the event loop while it commits.
   */
  commitAtOnce?: boolean | undefined;
}

/** What the escalation clock needs of a confirmation, stored with the broadcast. */
export interface StoredConfirm {
  afterMs: number;
  resends: number;
  chain: number[];
}

/** The protocol's results, with each refusal's reason as a catalog message the boundary re-tells. */
export type DispatchPreview = PreviewResult & { refused: StationRefusal[] };
export type DispatchResult = SendResult & {
  refused: StationRefusal[];
  /**
   * A send to more than `largeAudience` people is committed in steps (large-commit.ts): the result
   * is known once it is, and this resolves with it. Absent for an ordinary send, committed already.
   */
  ready?: Promise<DispatchResult>;
  /** For a large send: resolves once every message is in the outbox (each has its id). */
  queued?: Promise<void>;
};

/** Outbox order: an alert overtakes plain traffic, which overtakes a survey. */
export const PRIORITY_RANK: Record<Priority, number> = { high: 10, normal: 0, low: -10 };

export interface DispatchHooks {
  /** Called after a broadcast is committed, so the outbox wakes and clients hear of it. */
  committed(broadcastId: number, messageIds: number[], known?: { confirm: boolean }): void;
  /**
   * Called after a broadcast was cancelled; `messageIds` are the queued ones that will not go out,
   * `claimed` those already taken by the outbox. Returns how many of the claimed ones it could
   * still call back before their carrier got them.
   */
  cancelled?(broadcastId: number, messageIds: number[], claimed: number[], reason: string): number | void;
  /** Called after a scheduled broadcast moved: the outbox and the escalation clock look again. */
  rescheduled?(broadcastId: number): void;
  /** A large broadcast staged or moved a chunk (the board's "preparing N"). */
  progress?(broadcastId: number): void;
  /** A large broadcast's first messages are in the outbox. */
  queued?(broadcastId: number): void;
  /** A step of a large commit failed and will be tried again. */
  trouble?(err: unknown): void;
  /** What runs after a grouped send's commit (`committed`) threw; the send stays committed. */
  afterCommitFailed?(err: unknown): void;
}

/** Above this many possible recipients a send is committed in steps, off the event loop. */
export const LARGE_AUDIENCE = 2_000;

export class Dispatcher {
  /** Possible recipients above which a send is committed in steps; tests lower it. */
  largeAudience = LARGE_AUDIENCE;
  private readonly large: LargeCommits;
  private readonly group: SendGroup;
  /** While a group of sends is committed together: what each would run after its commit (send-group.ts). */
  private deferred: (() => void)[] | null = null;
  /** In a group tried without savepoints: a send writes straight into the group's transaction. */
  private inline = false;
  private readonly riders: (() => Rider | null)[] = [];

  constructor(
    private readonly store: Store,
    private readonly hooks: DispatchHooks,
    options: { chunk?: number } = {},
  ) {
    this.large = new LargeCommits(
      store,
      {
        progress: (id) => hooks.progress?.(id),
        queued: (id) => hooks.queued?.(id),
        committed: (id) => hooks.committed(id, []),
        trouble: (err) => hooks.trouble?.(err),
      },
      options.chunk,
    );
    this.group = new SendGroup(store.db, {
      send: (actor, req) => this.send(actor, req),
      isLarge: (req) => this.isLarge(req),
      sendAndWait: (actor, req, until) => this.sendAndWait(actor, req, until),
      joinGroup: (into, inline) => {
        this.deferred = into;
        this.inline = into !== null && inline;
      },
      commitFailed: (err) => this.commitFailed(err),
      afterCommitFailed: (err) => hooks.afterCommitFailed?.(err),
      riders: () => this.riders.flatMap((take) => take() ?? []),
    });
  }

  /** Whether a group commit of sends is due at the end of this turn (others' writes may ride in it). */
  get grouping(): boolean {
    return this.group.pending;
  }

  /** Writes that ride in a group commit of sends (store/rider.ts): the outbox's turn, queued audit lines. */
  rideAlong(take: () => Rider | null): void {
    this.riders.push(take);
  }

  /**
   * `sendAndWait` for a door whose callers send one small message each, many at a time (REST): the
   * sends of one event-loop turn are committed together (send-group.ts). Resolves, like
   * `sendAndWait`, once this send is committed; each send keeps its own result or error.
   */
  sendTogether(actor: SendingActor, req: DispatchRequest, until: 'committed' | 'queued' = 'committed'): Promise<DispatchResult> {
    return this.group.send(actor, req, until);
  }

  /** Whether `send` commits this one in steps (sendLarge). */
  private isLarge(req: DispatchRequest): boolean {
    return !req.commitAtOnce && audienceUpperBound(this.store.db, req) > this.largeAudience;
  }

  /** A group's commit that failed, as its senders hear it (WritableDispatcher words a full disk). */
  protected commitFailed(err: unknown): unknown {
    return err;
  }

  /** After a restart: large sends that were committed carry on into the outbox, unfinished ones are abandoned. */
  resume(): void {
    this.large.resume();
  }

  /** The station is stopping: large sends pause between steps (they carry on after the next start). */
  stop(): void {
    this.large.stop();
  }

  /**
   * `send`, waiting for a large send's commit (`until: 'committed'`: it will be sent, the board shows
   * it preparing) or until every message is in the outbox (`'queued'`: a door that answers with the
   * message ids). The result carries no promises.
   */
  async sendAndWait(actor: SendingActor, req: DispatchRequest, until: 'committed' | 'queued' = 'committed'): Promise<DispatchResult> {
    const { ready, queued, ...sent } = this.send(actor, req);
    if (!ready) return sent;
    const { ready: _r, queued: _q, ...result } = await ready;
    if (until === 'queued') await queued;
    return result;
  }

  /** What a send would do, without storing anything: the compose screen's live count. */
  preview(actor: SendingActor, req: DispatchRequest): DispatchPreview {
    const text = renderOrder(req.text, req.code);
    const seg = countSegments(text);
    const { recipients, refused } = this.resolve(actor, req);
    const range = segmentRange(text, namesOf(this.store.db, text, recipients));
    return {
      recipients: recipients.length,
      segments: hasNamePlaceholder(text) && recipients.length > 0 ? range.min : seg.segments,
      segmentsMax: hasNamePlaceholder(text) && recipients.length > 0 ? range.max : seg.segments,
      encoding: seg.encoding,
      characters: seg.characters,
      refused,
      smsTotal: range.total,
    };
  }

  send(actor: SendingActor, req: DispatchRequest): DispatchResult {
    const text = renderOrder(req.text.trim(), req.code);
    const seg = validateText(text);
    if (req.clientRef !== undefined) {
      // A click retried after a lost connection: the first commit stands, nothing is sent twice.
      const earlier = this.store.broadcasts.byClientRef(actor.userId, req.clientRef);
      if (earlier) {
        this.store.audit.record(actor, 'send.repeat', `broadcast:${earlier.id}`, { source: req.source, clientRef: req.clientRef });
        return { broadcastId: earlier.id, recipients: earlier.total, segments: seg.segments, refused: [] };
      }
    }
    if (req.groups.length + req.contacts.length + req.phones.length + req.tags.length === 0) {
      throw new StationError('bad_request', msg('send.noRecipients'), 'recipients');
    }
    const options = req.kind === 'poll' ? pollOptions(req.options) : req.options && req.options.length > 0 ? req.options : null;
    const code = req.code ?? orderCodeOf(text);
    if (req.kind === 'order' && !code) {
      throw new StationError('bad_request', msg('send.orderWithoutNumber'), 'code');
    }
    const requested = { groups: req.groups, contacts: req.contacts, phones: req.phones, tags: req.tags };
    const estimate = audienceUpperBound(this.store.db, req);
    if (estimate > this.largeAudience && !req.commitAtOnce) return this.sendLarge(actor, req, { text, seg, options, code, requested, estimate });
    const { recipients, refused } = this.resolve(actor, req);
    const confirm = req.kind === 'confirm' && req.confirm ? this.confirmChain(actor, req.confirm, refused) : null;
    if (refused.length > 0) {
      this.store.audit.record(actor, 'send.refused', null, { source: req.source, requested, refused });
    }
    if (recipients.length === 0) {
      return { broadcastId: null, recipients: 0, segments: seg.segments, refused };
    }
    // `{name}`: each recipient's own text, counted and checked against the limit one by one.
    const personal = personalTexts(this.store.db, text, recipients);
    const now = Date.now();
    const scheduledAt = req.scheduledAt !== undefined && req.scheduledAt > now ? req.scheduledAt : null;
    const validUntil = req.validMinutes !== undefined ? (scheduledAt ?? now) + req.validMinutes * 60_000 : null;
    const priority = PRIORITY_RANK[req.priority ?? (req.kind === 'confirm' ? 'high' : req.kind === 'poll' ? 'low' : 'normal')];
    const tags = parseTags(text);
    // An order number is the order's thread, not a stream: no permanent tag for it.
    const tagIds = streamTags(tags).map((t) => this.store.tags.ensure(t));
    const write = () => {
      const created = this.store.broadcasts.create(
        {
          authorId: actor.userId,
          source: req.source,
          kind: req.kind,
          text,
          tags,
          tagIds,
          segments: seg.segments,
          priority,
          scheduledAt,
          validUntil,
          options,
          code,
          confirm,
          parentId: req.parentId ?? null,
          followUp: req.parentId ? (req.followUp ?? 'resend') : null,
          clientRef: req.clientRef ?? null,
          recipients: audienceRows(recipients, personal),
        },
        now,
      );
      this.store.audit.record(actor, 'send', `broadcast:${created.broadcastId}`, {
        source: req.source,
        kind: req.kind,
        recipients: recipients.length,
        segments: personal ? Math.max(...personal.map((p) => p.segments)) : seg.segments,
        ...(personal ? { personalised: true } : {}),
        requested,
        ...(scheduledAt ? { scheduledAt } : {}),
        ...(req.parentId ? { followUpOf: req.parentId } : {}),
      });
      return created;
    };
    const { broadcastId, messageIds } = this.inline ? write() : this.store.db.transaction(write)();
    // Whether it carries escalation settings, so the clock need not read every plain alert back.
    const known = { confirm: confirm !== null };
    if (this.deferred) this.deferred.push(() => this.hooks.committed(broadcastId, messageIds, known));
    else this.hooks.committed(broadcastId, messageIds, known);
    const segments = personal ? Math.max(...personal.map((p) => p.segments)) : seg.segments;
    return { broadcastId, recipients: recipients.length, segments, refused };
  }

  /**
   * A send to many thousands: the broadcast row now (its id answers the click, the board shows it
   * "preparing"), the audience resolved on a worker thread and committed in steps. `ready` resolves
   * with the real count and refusals once every message is in the outbox.
   */
  private sendLarge(
    actor: SendingActor,
    req: DispatchRequest,
    p: { text: string; seg: ReturnType<typeof validateText>; options: string[] | null; code: string | null; requested: RecipientRequest; estimate: number },
  ): DispatchResult {
    const refused: StationRefusal[] = [];
    const confirm = req.kind === 'confirm' && req.confirm ? this.confirmChain(actor, req.confirm, refused) : null;
    const now = Date.now();
    const scheduledAt = req.scheduledAt !== undefined && req.scheduledAt > now ? req.scheduledAt : null;
    const validUntil = req.validMinutes !== undefined ? (scheduledAt ?? now) + req.validMinutes * 60_000 : null;
    const tags = parseTags(p.text);
    const tagIds = streamTags(tags).map((t) => this.store.tags.ensure(t));
    const { broadcastId } = this.store.broadcasts.create(
      {
        authorId: actor.userId,
        source: req.source,
        kind: req.kind,
        text: p.text,
        tags,
        tagIds,
        segments: p.seg.segments,
        priority: PRIORITY_RANK[req.priority ?? (req.kind === 'confirm' ? 'high' : req.kind === 'poll' ? 'low' : 'normal')],
        scheduledAt,
        validUntil,
        options: p.options,
        code: p.code,
        confirm,
        parentId: req.parentId ?? null,
        followUp: req.parentId ? (req.followUp ?? 'resend') : null,
        clientRef: req.clientRef ?? null,
        preparing: 'staging',
        // The board shows the estimate as "preparing N" until the count is known.
        total: p.estimate,
        recipients: [],
      },
      now,
    );
    this.hooks.progress?.(broadcastId);
    const { committed: ready, queued } = this.large.commit({
      broadcastId,
      actor,
      request: { ...p.requested, source: req.source, kind: req.kind },
      text: p.text,
      segments: p.seg.segments,
      refused,
      audit: {
        source: req.source,
        kind: req.kind,
        requested: p.requested,
        ...(scheduledAt ? { scheduledAt } : {}),
        ...(req.parentId ? { followUpOf: req.parentId } : {}),
      },
    });
    // A caller that does not wait must not leave a rejection unheard: the audit and the board have it.
    ready.catch(() => undefined);
    return { broadcastId, recipients: p.estimate, segments: p.seg.segments, refused, ready, queued };
  }

  /**
   * Stops a broadcast and its follow-ups: what is still queued is marked `cancelled` and never
   * sent; what a carrier already took cannot be called back. For its author, an administrator, or a
   * dispatcher with the right to manage others' broadcasts. Returns how many SMS stay unsent.
   */
  cancel(actor: SendingActor, broadcastId: number): number {
    const b = this.managed(actor, broadcastId, 'cancel');
    const root = b.parent_id ?? b.id;
    const now = Date.now();
    const reason = carrierText('carrier.cancelled', { name: actor.name });
    const { ids, claimed } = this.store.db.transaction(() => {
      this.store.db
        .prepare('UPDATE broadcasts SET cancelled_at = ? WHERE (id = ? OR parent_id = ?) AND cancelled_at IS NULL')
        .run(now, root, root);
      const cancelled = stmt(this.store.db, 
          `UPDATE messages SET status = 'cancelled', error = ?, updated_at = ?
           WHERE status = 'queued' AND broadcast_id IN (SELECT id FROM broadcasts WHERE id = ? OR parent_id = ?) RETURNING id`,
        )
        .pluck()
        .all(reason, now, root, root) as number[];
      const taken = this.store.db
        .prepare(`SELECT id FROM messages WHERE status = 'sending' AND broadcast_id IN (SELECT id FROM broadcasts WHERE id = ? OR parent_id = ?)`)
        .pluck()
        .all(root, root) as number[];
      this.store.db.prepare(`UPDATE escalations SET state = 'cancelled', updated_at = ? WHERE broadcast_id = ? AND state = 'open'`).run(now, root);
      return { ids: cancelled, claimed: taken };
    })();
    // Claimed SMS still waiting for a carrier's rate slot are called back too; what a carrier took is gone.
    const calledBack = this.hooks.cancelled?.(root, ids, claimed, reason) ?? 0;
    this.store.audit.record(actor, 'broadcast.cancel', `broadcast:${root}`, { unsent: ids.length + calledBack });
    return ids.length + calledBack;
  }

  /**
   * Moves a scheduled broadcast to another time (or to now): its queued SMS and, for a
   * confirmation, its escalation clock move with it. Only what has not started can move; the same
   * people may do it as may cancel. Returns the new time.
   */
  reschedule(actor: SendingActor, broadcastId: number, at: number): number {
    const b = this.managed(actor, broadcastId, 'reschedule');
    const now = Date.now();
    if (b.cancelled_at !== null) throw new StationError('bad_request', msg('send.rescheduleCancelled', { id: broadcastId }), 'broadcastId');
    if (b.scheduled_at === null || b.scheduled_at <= now) throw new StationError('bad_request', msg('send.rescheduleStarted', { id: broadcastId }), 'broadcastId');
    const next = Math.max(at, now);
    const shift = next - b.scheduled_at;
    this.store.db.transaction(() => {
      stmt(this.store.db, 'UPDATE broadcasts SET scheduled_at = ?, valid_until = valid_until + ? WHERE id = ?').run(next > now ? next : null, shift, b.id);
      stmt(this.store.db, 
          `UPDATE messages SET next_attempt_at = ?, valid_until = valid_until + ?, updated_at = ?
           WHERE broadcast_id = ? AND direction = 'out' AND status = 'queued'`,
        )
        .run(next, shift, now, b.id);
      stmt(this.store.db, `UPDATE escalations SET due_at = due_at + ?, updated_at = ? WHERE broadcast_id = ? AND state = 'open'`).run(shift, now, b.id);
      this.store.audit.record(actor, 'broadcast.reschedule', `broadcast:${b.id}`, { before: b.scheduled_at, after: next > now ? next : 'now' });
    })();
    this.hooks.rescheduled?.(b.id);
    return next;
  }

  /**
   * Closes a poll or confirmation: later answers stay in the feed but are not counted, and its
   * escalation stops. For the same people as `cancel`. Returns the root broadcast's id, or null
   * when it was closed already.
   */
  close(actor: SendingActor, broadcastId: number): number | null {
    const b = this.managed(actor, broadcastId, 'close');
    const root = b.parent_id ?? b.id;
    const now = Date.now();
    const closed = this.store.db.transaction(() => {
      const changed = stmt(this.store.db, 'UPDATE broadcasts SET closed_at = ? WHERE id = ? AND closed_at IS NULL').run(now, root).changes;
      if (changed === 0) return false;
      // A closed confirmation stops escalating too: nobody is waited for any more.
      stmt(this.store.db, `UPDATE escalations SET state = 'cancelled', updated_at = ? WHERE broadcast_id = ? AND state = 'open'`).run(now, root);
      this.store.audit.record(actor, 'broadcast.close', `broadcast:${root}`);
      return true;
    })();
    if (closed) this.hooks.cancelled?.(root, [], [], '');
    return closed ? root : null;
  }

  /**
   * The broadcast, if the actor may cancel, close or reschedule it: its author, an administrator,
   * or a dispatcher with the right to manage others' broadcasts; else a refusal in words, audited.
   */
  private managed(actor: SendingActor, broadcastId: number, action: 'cancel' | 'close' | 'reschedule') {
    const b = stmt(this.store.db, 'SELECT id, author_id, parent_id, scheduled_at, cancelled_at FROM broadcasts WHERE id = ?').get(broadcastId) as
      | { id: number; author_id: number | null; parent_id: number | null; scheduled_at: number | null; cancelled_at: number | null }
      | undefined;
    if (!b) throw new StationError('not_found', msg('send.noBroadcast', { id: broadcastId }));
    // Rights go with the alert the dispatcher sees on the board: the root's author.
    const author =
      b.parent_id === null ? b.author_id : ((stmt(this.store.db, 'SELECT author_id FROM broadcasts WHERE id = ?', 'pluck').get(b.parent_id) as number | null) ?? null);
    if (!mayManage(this.store.db, actor, author)) {
      this.store.audit.record(actor, `${action}.refused`, `broadcast:${b.parent_id ?? b.id}`, { role: actor.role, author });
      throw new RightsError(msg(action === 'cancel' ? 'send.cancelNotAuthor' : action === 'close' ? 'send.closeNotAuthor' : 'send.rescheduleNotAuthor'));
    }
    return b;
  }

  /** The escalation chain the actor may use; a group beyond their rights is refused and left out. */
  private confirmChain(actor: SendingActor, settings: ConfirmSettings, refused: StationRefusal[]): StoredConfirm {
    const chain: number[] = [];
    for (const groupId of settings.escalateTo ?? []) {
      const name = this.store.groups.name(groupId);
      if (name === undefined) throw new StationError('bad_request', msg('send.unknownEscalationGroup', { id: groupId }), 'confirm');
      const members = resolveRecipients(this.store.db, { groups: [groupId], contacts: [], phones: [], tags: [] }).recipients;
      if (checkRights(this.store.db, actor, members).refused.length > 0) {
        refused.push(refusal('group', name, msg('refusal.escalationGroup')));
        continue;
      }
      chain.push(groupId);
    }
    return { afterMs: settings.afterMinutes * 60_000, resends: settings.resends ?? 1, chain };
  }

  private resolve(actor: SendingActor, req: DispatchRequest) {
    return resolveAudience(this.store.db, actor, req);
  }

}

/** A poll needs 2 to 9 distinct options. */
function pollOptions(options: string[] | undefined): string[] {
  const clean = (options ?? []).map((o) => o.trim()).filter(Boolean);
  if (clean.length < 2) throw new StationError('bad_request', msg('send.pollOptions'), 'options');
  return clean;
}
