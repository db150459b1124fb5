// The outbox: every queued SMS reaches a carrier through here. Each carrier has a lane with its
// own in-flight window (outbox/lane.ts); whenever a lane has a free place, the outbox looks at
// the queue in priority order and hands each due message to the best carrier the router offers
// for it, if that carrier's lane has room — so an alert queued after a 10,000-recipient
// broadcast goes at the next free place, and a slow or hung carrier never holds back another.
// There is no batch and no barrier: one claim per free place, one outcome recorded per answer
// (both coalesced into one transaction per turn of the event loop).
//
// What a carrier's answer means (DESIGN §4, carrier.ts CarrierErrorKind):
// - throttled: back-pressure, no attempt counted; the lane narrows and pauses, the SMS waits.
// - transient: an attempt; it goes to another carrier at once if one can take it, else later
//   (backing off to a minute). It fails after `maxAttempts` only while that carrier takes others.
// - permanent: failed. Validity over: expired.
// - in-doubt: no answer; it may have gone out. It waits for the late answer (a grace), then is
//   sent again once (outbox/in-doubt.ts). In doubt a second time, it is not sent a third time.
//
// Claims are committed before the carrier sees the SMS, so after a crash the SMS that may go out
// twice are those in flight (at most `batchSize`) plus those in doubt (each at most once more).
import type { CarrierState } from '../../../shared/protocol/index.js';
import type { Carrier, LateAnswer } from '../carriers/carrier.js';
import type { CarrierRouter } from '../carriers/router.js';
import type { OutboxItem, OutboxQueue, Outcome } from '../store/outbox-queue.js';
import type { Rider } from '../store/rider.js';
import { CarrierPace } from './carrier-pace.js';
import { InDoubtBook, type InDoubtEntry } from './outbox/in-doubt.js';
import { Lane, type LaneAnswer } from './outbox/lane.js';
import { RouteMemory } from './outbox/route-memory.js';
import { decideDoubt, decideRefusal, type Decision } from './outbox/decisions.js';
import { choose } from './outbox/choose.js';

export interface OutboxOptions {
  /** Most SMS in flight across all carriers at once: the bound on repeats after a crash. */
  batchSize: number;
  /**
   * Transient refusals before a message is failed for good — counted only while the refusing
   * carrier is up and takes other SMS (decisions.ts); a carrier refusing everything fails nothing.
   */
  maxAttempts: number;
  /** Retry delay after a transient failure when no other carrier can take the SMS; doubles… */
  retryBaseMs: number;
  /** …up to this. */
  maxRetryDelayMs: number;
  /** An SMS without a validity that carriers keep refusing is given up after this many tries (decisions.ts). */
  maxRefusedAttempts: number;
  /** How long to wait before looking again when no carrier is up. */
  noCarrierDelayMs: number;
  /** Carrier id → most SMS per second it may be given; carriers not named are not paced. */
  rateLimits: Readonly<Record<string, number>>;
  /** How long an SMS waits for a best carrier that is not `up` before another may take it. */
  moveAfterMs: { high: number; normal: number };
  /** How long an SMS in doubt waits for its late answer before it is sent again. */
  inDoubtGraceMs: number;
  /** False while the store is read-only: nothing is claimed; answers wait in memory to be recorded. */
  writable: () => boolean;
  now: () => number;
}

export const DEFAULT_OUTBOX_OPTIONS: OutboxOptions = {
  batchSize: 50,
  maxAttempts: 5,
  retryBaseMs: 5_000,
  maxRetryDelayMs: 60_000,
  maxRefusedAttempts: 1_440,
  noCarrierDelayMs: 2_000,
  rateLimits: {},
  moveAfterMs: { high: 3_000, normal: 30_000 },
  inDoubtGraceMs: 30_000,
  writable: () => true,
  now: Date.now,
};

export interface OutboxListener {
  /** Messages whose status changed in one recorded turn. */
  changed(messageIds: number[]): void;
  /** Sends just recorded as sent, with their references (delivery reports that came first can apply now). */
  recorded?(sent: { carrierId: string; refs: string[] }[]): void;
  /** Something went wrong that the outbox survived (a store write failing, a bug): for the log. */
  trouble?(what: string, err: unknown): void;
}

/** An outcome waiting for the next turn's transaction; `lane`: it frees a place of the in-flight bound. */
type Pending = { outcome: Outcome; lane: boolean };


/** What a turn claimed and decided, applied after its commit. */
interface Claims {
  go: { m: OutboxItem; carrier: Carrier }[];
  claimed: Set<number>;
  expired: number[];
  /** Queued SMS whose "why it waits" changed. */
  waitingChanged: number[];
  /** When to look again unless woken. */
  next: number;
  deep: boolean;
  now: number;
}

/** Most queue rows looked at in one turn beyond the free places (messages bound for full lanes). */
const DEEP_SCAN = 256;
const NO_CARRIER = 'No carrier is connected that can take this SMS; waiting for one.';
const DEEP_SCAN_EVERY_MS = 250;

export class Outbox {
  private running = false;
  private turnQueued = false;
  private waitFor: (() => boolean) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Number.POSITIVE_INFINITY;
  private readonly opts: OutboxOptions;
  private readonly pace: CarrierPace;
  private readonly lanes = new Map<string, Lane>();
  private readonly pending: Pending[] = [];
  private readonly memory = new RouteMemory();
  private readonly doubts: InDoubtBook;
  /** Messages claimed whose outcome is not recorded yet: what `batchSize` bounds. */
  private inflight = 0;
  /** Sends under way, so stop() can wait for them. */
  private readonly sends = new Set<Promise<void>>();
  /** Message id → carrier, while a lane is sending it (a late answer can overtake the in-doubt). */
  private readonly sending = new Map<number, string>();
  private readonly earlyLate = new Map<number, LateAnswer>();
  private dirty = true;
  private deepScanAt = 0;
  private lastRefresh = 0;
  private backoffMs = 0;
  /** Why an SMS called back from a lane was cancelled (the cancel's own words), until recorded. */
  private readonly cancelledBy = new Map<number, string>();
  /** Late answers that said "sent" for an SMS already sent again: it reached the phone twice. */
  twice = 0;

  constructor(
    private readonly queue: OutboxQueue,
    private readonly router: CarrierRouter,
    private readonly listener: OutboxListener,
    opts: Partial<OutboxOptions> = {},
  ) {
    this.opts = { ...DEFAULT_OUTBOX_OPTIONS, ...opts };
    this.pace = new CarrierPace(this.opts.rateLimits, this.opts.now);
    this.doubts = new InDoubtBook((carrierId, count) => {
      this.router.health.lane(carrierId).inDoubt = count;
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.wake();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.clearTimer();
    // A hung carrier's sends end at its own timeout; do not wait that long to stop. What is not
    // recorded stays `sending` and goes again after the next start (the crash bound).
    await Promise.race([Promise.allSettled([...this.sends]), new Promise((r) => setTimeout(r, 3_000).unref())]);
    // What was answered is recorded (no claims: not running); a failed write leaves it `sending` for the next start.
    this.turn();
    // What is still in doubt stays so in the store; the next start re-sends it (requeueInflight).
    this.doubts.clear();
  }

  /** New work was committed, or a carrier changed state: look now instead of at the next tick. */
  wake(): void {
    this.dirty = true;
    this.schedule();
  }

  /** SMS in doubt now (all carriers). */
  get inDoubt(): number {
    return this.doubts.size;
  }

  /** The late outcome of a submit that was in doubt (CarrierSink.late). */
  late(messageId: number, answer: LateAnswer, carrierId: string): void {
    this.router.health.lane(carrierId).lateAnswer(this.opts.now(), answer.kind);
    if (answer.kind === 'sent') this.lanes.get(carrierId)?.window.accepted();
    if (this.sending.get(messageId) === carrierId) {
      // The carrier reported before its send() returned in doubt: apply it right after.
      this.earlyLate.set(messageId, answer);
      return;
    }
    const entry = this.doubts.take(messageId, carrierId);
    if (entry) this.settleDoubt(entry, answer);
    else this.lateAfterSettled(messageId, answer, carrierId);
  }

  // ── one turn ──────────────────────────────────────────────────────────────────────────────

  private schedule(): void {
    if (this.turnQueued || !this.running) return;
    this.turnQueued = true;
    setImmediate(() => {
      // A group commit of sends due in this same turn takes this turn's writes into its commit
      // (`ride`): look once more in the next turn, in case it did not.
      if (this.waitFor?.()) setImmediate(() => this.turn());
      else this.turn();
    });
  }

  /** While this says so, a turn waits one more for a commit its writes may ride in. */
  rideWith(pending: () => boolean): void {
    this.waitFor = pending;
  }

  private turn(): void {
    this.turnQueued = false;
    // Read-only: the store comes back by itself and wakes the outbox; until then, no claims.
    if (!this.opts.writable()) return this.armTimer(this.opts.now() + 1_000);
    if (!this.running && this.pending.length === 0) return;
    const step = this.step();
    try {
      // With no outcome to record, a turn only reads the queue: no transaction unless it claims.
      if (step.records) this.queue.atomically(() => step.write());
      else step.write();
    } catch (err) {
      step.rolledBack();
      this.listener.trouble?.('outbox turn failed', err);
      return;
    }
    step.committed();
  }

  /**
   * This turn's writes, for a transaction somebody else holds: a group commit of sends takes the
   * outcomes waiting and claims the free places (its new messages included) in its own commit, so
   * a send costs one commit, not three. Null when there is nothing to write. The caller calls
   * `committed` after its commit, or `rolledBack` if it failed (the outbox tries again itself).
   */
  ride(): Rider | null {
    if (!this.opts.writable() || (this.pending.length === 0 && !this.running)) return null;
    return this.step();
  }

  /** A turn failed (the store refused a write): look again later, backing off to 30 s. */
  private retryLater(): void {
    this.backoffMs = Math.min(30_000, Math.max(100, this.backoffMs * 2));
    this.armTimer(this.opts.now() + this.backoffMs);
  }

  /**
   * One turn as a step: every outcome waiting is recorded and the free places claimed, in the
   * transaction `write` runs in; what follows from it (places freed, messages launched, listeners
   * told) happens only in `committed`, so nothing reaches a carrier that could still roll back.
   */
  private step(): Rider & { records: boolean } {
    const batch = this.pending.splice(0);
    let changed: number[] = [];
    let claims: Claims | null = null;
    let state: 'open' | 'written' | 'done' = 'open';
    return {
      records: batch.length > 0,
      write: () => {
        if (state !== 'open') throw new Error('an outbox turn is written once');
        const now = this.opts.now();
        changed = batch.length > 0 ? this.queue.record(batch.map((p) => p.outcome), now) : [];
        // The places the recorded answers free count for the claims of this same turn.
        const freed = batch.reduce((n, p) => n + (p.lane ? 1 : 0), 0);
        claims = this.running ? this.claimFreePlaces(now, this.inflight - freed) : null;
        state = 'written';
      },
      committed: () => {
        if (state !== 'written') return;
        state = 'done';
        this.backoffMs = 0;
        for (const p of batch) if (p.lane) this.inflight--;
        if (changed.length > 0) this.listener.changed(changed);
        const sent = batch.flatMap((p) => (p.outcome.kind === 'sent' ? [{ carrierId: p.outcome.carrierId, refs: p.outcome.refs }] : []));
        if (sent.length > 0) this.listener.recorded?.(sent);
        const now = this.opts.now();
        if (batch.length > 0 && now - this.lastRefresh >= 200) {
          this.lastRefresh = now;
          this.router.refresh();
        }
        if (claims) this.launchClaimed(claims);
      },
      rolledBack: () => {
        if (state === 'done') return;
        state = 'done';
        this.pending.unshift(...batch);
        this.dirty = true;
        this.retryLater();
      },
    };
  }

  /** Which due messages go where now, claimed in the caller's transaction; launched once it commits. */
  private claimFreePlaces(now: number, inflight: number): Claims {
    const places = new Map<string, number>();
    const states = new Map<string, CarrierState>();
    const result: Claims = { go: [], claimed: new Set(), expired: [], waitingChanged: [], next: this.laneResumeAt(), deep: false, now };
    let free = 0;
    let usable = 0;
    for (const carrier of this.router.list()) {
      const state = this.router.status(carrier.id)!.state;
      states.set(carrier.id, state);
      if (state !== 'up' && state !== 'degraded') continue;
      usable++;
      const n = this.lane(carrier).free(this.router.health.isProbing(carrier.id));
      if (n > 0) {
        places.set(carrier.id, n);
        free += n;
      }
    }
    let budget = Math.min(free, this.opts.batchSize - inflight);
    if (usable === 0) {
      result.waitingChanged = this.queue.noteWaiting(NO_CARRIER, now, { limit: 50 });
      result.next = Math.min(result.next, now + this.opts.noCarrierDelayMs);
      return result;
    }
    if (budget <= 0) return result;

    result.deep = this.dirty || now - this.deepScanAt >= DEEP_SCAN_EVERY_MS;
    const maxScan = budget + (result.deep ? DEEP_SCAN : 0);
    let scanned = 0;
    let cursor: OutboxItem | undefined;
    let waiting = false;
    const noCarrier: number[] = [];
    while (budget > 0 && scanned < maxScan) {
      const want = Math.min(maxScan - scanned, Math.max(budget, 16));
      const page = this.queue.due(want, now, cursor);
      for (const m of page) {
        if (budget <= 0) break;
        scanned++;
        cursor = m;
        if (m.validUntil !== null && m.validUntil < now) {
          result.expired.push(m.id);
          continue;
        }
        const choice = choose(m, places, now, this.router, this.memory, this.opts.moveAfterMs, states);
        if (choice.kind === 'go') {
          result.go.push({ m, carrier: choice.carrier });
          places.set(choice.carrier.id, places.get(choice.carrier.id)! - 1);
          budget--;
        } else {
          waiting = true;
          if (choice.kind === 'none') noCarrier.push(m.id);
          else if (choice.moveAt !== undefined) result.next = Math.min(result.next, choice.moveAt);
        }
      }
      if (page.length < want) break;
    }
    if (result.go.length > 0 || result.expired.length > 0) {
      result.claimed = this.queue.claim(
        result.go.map((g) => g.m.id),
        result.expired,
        now,
      );
    }
    // When to look again without being woken: due work waits for a move, a pause, a carrier.
    if (scanned === 0 && budget > 0) {
      const due = this.queue.nextDue();
      if (due !== null) result.next = Math.min(result.next, Math.max(now + 10, due));
    } else if (waiting) {
      result.next = Math.min(result.next, now + (noCarrier.length > 0 ? this.opts.noCarrierDelayMs : 1_000));
    }
    if (noCarrier.length > 0) result.waitingChanged = this.queue.noteWaiting(NO_CARRIER, now, { ids: noCarrier });
    return result;
  }

  private launchClaimed(c: Claims): void {
    if (c.deep) {
      this.dirty = false;
      this.deepScanAt = c.now;
    }
    for (const id of c.expired) this.memory.forget(id);
    if (c.expired.length > 0) this.listener.changed(c.expired);
    for (const { m, carrier } of c.go) {
      if (!c.claimed.has(m.id)) continue; // cancelled meanwhile
      m.attempts += 1;
      this.launch(this.lane(carrier), m);
    }
    if (c.waitingChanged.length > 0) this.listener.changed(c.waitingChanged);
    this.armTimer(Math.min(c.next, c.now + 60_000));
  }

  /**
   * A broadcast was cancelled: those of its SMS claimed but still waiting for a carrier's rate
   * slot are called back (the queued ones the cancel itself stopped). Returns how many.
   */
  callBack(messageIds: readonly number[], reason: string): number {
    const ids = new Set(messageIds);
    let n = 0;
    for (const lane of this.lanes.values()) {
      for (const id of lane.callBack(ids)) {
        this.cancelledBy.set(id, reason);
        n++;
      }
    }
    return n;
  }

  /** The move bounds or the in-doubt grace changed on screen: they apply from the next SMS. */
  tune(t: { moveAfterMs: { high: number; normal: number }; inDoubtGraceMs: number }): void {
    this.opts.moveAfterMs = { ...t.moveAfterMs };
    this.opts.inDoubtGraceMs = t.inDoubtGraceMs;
    this.wake();
  }

  /** A rate limit changed on screen: applies to this carrier's next slot. */
  setRateLimit(carrierId: string, perSecond: number | null): void {
    this.pace.setRate(carrierId, perSecond);
    this.wake();
  }

  private lane(carrier: Carrier): Lane {
    let lane = this.lanes.get(carrier.id);
    // A carrier replaced under the same id (its settings changed on screen) gets a fresh lane;
    // what the old one still has in flight finishes on the old lane.
    if (!lane || lane.carrier !== carrier) {
      lane = new Lane(carrier, this.router.health.lane(carrier.id), this.pace, this.opts.now);
      this.lanes.set(carrier.id, lane);
    }
    return lane;
  }

  private laneResumeAt(): number {
    let at = Number.POSITIVE_INFINITY;
    for (const lane of this.lanes.values()) {
      const r = lane.resumesAt();
      if (r > 0) at = Math.min(at, r);
    }
    return at;
  }

  // ── sending and answers ───────────────────────────────────────────────────────────────────

  private launch(lane: Lane, m: OutboxItem): void {
    this.inflight++;
    this.memory.claimed(m.id);
    this.sending.set(m.id, lane.carrier.id);
    const done = lane
      .send(m)
      .then(
        (answer) => this.answered(lane.carrier, m, answer),
        (err: unknown) => {
          // Lane.send catches the carrier's errors; this is a bug of ours. Keep the SMS.
          this.listener.trouble?.('outbox lane failed', err);
          this.apply({ outcome: { kind: 'retry', id: m.id, at: this.opts.now() + this.opts.retryBaseMs, error: null, countAttempt: false } }, true);
        },
      )
      .finally(() => {
        this.sending.delete(m.id);
        this.sends.delete(done);
        this.schedule();
      });
    this.sends.add(done);
  }

  private answered(carrier: Carrier, m: OutboxItem, answer: LaneAnswer): void {
    const now = this.opts.now();
    const { id } = m;
    const via = carrier.id;
    if (answer.kind === 'sent') return this.apply({ outcome: { kind: 'sent', id, carrierId: via, refs: answer.result.refs }, settled: true }, true);
    if (answer.kind === 'cancelled') {
      return this.apply({ outcome: { kind: 'cancelled', id, error: this.cancelledBy.get(id) ?? 'Cancelled before it was sent.' }, settled: true }, true);
    }
    if (answer.kind === 'expired') {
      return this.apply({ outcome: { kind: 'expired', id, error: 'Not sent before its validity ran out.' }, settled: true }, true);
    }
    const e = answer.error;
    if (e.kind !== 'in-doubt') {
      if (e.kind !== 'transient') return this.apply(decideRefusal(m, via, e, this.opts, now, false), true);
      // Elsewhere: a carrier that has not refused it lately (two refusing routes must not trade it back and forth at once).
      const exclude = [via, ...this.memory.avoided(id, now)];
      const elsewhere = this.router.candidates(m.phone, { messageId: id, exclude }).length > 0;
      const carrierWell = this.router.status(via)?.state === 'up' && this.router.health.lane(via).takesOthers;
      return this.apply(decideRefusal(m, via, e, this.opts, now, elsewhere, carrierWell), true);
    }
    this.apply({ outcome: { kind: 'in-doubt', id, carrierId: via, error: `${via}: ${e.message}` } }, true);
    const entry: InDoubtEntry = { id, carrierId: via, phone: m.phone, resends: m.resends, since: now };
    const early = this.earlyLate.get(id);
    this.earlyLate.delete(id);
    if (early) return this.settleDoubt(entry, early);
    this.doubts.add(entry, this.opts.inDoubtGraceMs, (gone) => this.settleDoubt(gone, null));
  }

  private settleDoubt(entry: InDoubtEntry, answer: LateAnswer | null): void {
    this.apply(decideDoubt(entry, answer, this.opts, this.opts.now()), false);
  }

  /** Queues the outcome for the next turn and remembers what routing needs to. */
  private apply(d: Decision, lane: boolean): void {
    const { id } = d.outcome;
    const now = this.opts.now();
    if (d.settled) {
      this.memory.forget(id);
      this.cancelledBy.delete(id);
    }
    if (d.waits) this.memory.waitingSince(id, now);
    if (d.avoid) this.memory.avoid(id, d.avoid.carrierId, d.avoid.until);
    if (d.resentOn) this.router.health.lane(d.resentOn).resent++;
    this.pending.push({ outcome: d.outcome, lane });
    this.schedule();
  }

  /** A late answer for an SMS no longer in doubt here (already re-sent, or after a restart). */
  private lateAfterSettled(id: number, answer: LateAnswer, carrierId: string): void {
    if (answer.kind !== 'sent') return;
    try {
      const result = this.queue.lateSent(id, carrierId, answer.refs, this.opts.now());
      if (result === 'sent') {
        this.memory.forget(id);
        this.listener.changed([id]);
        this.listener.recorded?.([{ carrierId, refs: answer.refs }]);
      }
      // The first submit went after all, and so did (or does) the re-send: it reached the phone twice.
      if (result === 'twice') this.twice++;
    } catch (err) {
      this.listener.trouble?.('outbox could not record a late answer', err);
    }
  }

  // ── timer ─────────────────────────────────────────────────────────────────────────────────

  private armTimer(at: number): void {
    if (!this.running || !Number.isFinite(at)) return;
    if (this.timer && this.timerAt <= at) return;
    this.clearTimer();
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Number.POSITIVE_INFINITY;
      this.dirty = true;
      this.schedule();
    }, Math.max(0, at - this.opts.now()));
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Number.POSITIVE_INFINITY;
  }
}
