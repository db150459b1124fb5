// What the outbox sees of one carrier, beyond what its link says: a link can be "up" while the
// SMSC throttles every submit, answers after 11 s, refuses half of them, or answers enquire_link
// and nothing else. From the answers to submits this keeps a verdict — degraded or down, with a
// reason in words — that holds for a while and then lets one SMS test the carrier again
// ("probing"); a good answer clears it, a bad one renews it for twice as long.

export type SubmitAnswer =
  /** The network took it. */
  | 'accepted'
  /** Back-pressure: ESME_RTHROTTLED, ESME_RMSGQFUL, HTTP 429/503. */
  | 'throttled'
  /** A transient refusal (system error, 5xx, link lost before sending). */
  | 'refused'
  /** A permanent refusal of this SMS (a bad number): says nothing about the carrier. */
  | 'rejected'
  /** No answer in time: the submit is in doubt. */
  | 'unanswered';

export interface HealthThresholds {
  /** Submits outstanding this long with no answer at all make the carrier degraded… */
  silentDegradedMs: number;
  /** …and this long, down ("link up, but no submit answered"). */
  silentDownMs: number;
  /** Unanswered submits in a row, with no answer of any kind between them: down. */
  unansweredInARow: number;
  /** Median time to answer a submit above this: degraded ("slow"). */
  slowMs: number;
  /** Throttles among the recent answers: at least this many and this share: degraded. */
  throttleMin: number;
  throttleShare: number;
  /** Transient refusals among the recent answers: at least this many and this share: degraded. */
  errorMin: number;
  errorShare: number;
  /** Answers remembered for the shares. */
  recent: number;
  /** How long a throttling verdict holds before a test SMS; other verdicts hold `holdMs`. */
  throttleHoldMs: number;
  holdMs: number;
  /** A verdict renewed by a failed test holds twice as long, up to this. */
  maxHoldMs: number;
}

export const DEFAULT_THRESHOLDS: HealthThresholds = {
  silentDegradedMs: 5_000,
  silentDownMs: 15_000,
  unansweredInARow: 3,
  slowMs: 3_000,
  throttleMin: 3,
  throttleShare: 0.2,
  errorMin: 10,
  errorShare: 0.5,
  recent: 20,
  throttleHoldMs: 1_000,
  holdMs: 30_000,
  maxHoldMs: 300_000,
};

export interface Verdict {
  state: 'degraded' | 'down';
  reason: string;
}

type Cause = 'throttled' | 'slow' | 'errors' | 'silent';

interface Held extends Verdict {
  cause: Cause;
  until: number;
}

export class LaneHealth {
  private verdict: Held | null = null;
  private probing: string | null = null;
  private holdFactor = 1;
  private readonly answers: SubmitAnswer[] = [];
  /** How many of each answer `answers` holds, kept as it changes: judging runs on every answer. */
  private readonly tally: Record<SubmitAnswer, number> = { accepted: 0, throttled: 0, refused: 0, rejected: 0, unanswered: 0 };
  private readonly latencies: number[] = [];
  private readonly outstanding = new Map<number, number>();
  private nextToken = 0;
  private lastAnswerAt = Number.NEGATIVE_INFINITY;
  private unansweredRun = 0;
  private lastError = '';
  /** SMS of this carrier's now in doubt, and re-sent since the station started (the outbox says). */
  inDoubt = 0;
  resent = 0;

  constructor(private readonly t: HealthThresholds = DEFAULT_THRESHOLDS) {}

  /** A submit left for this carrier; pass the token to `answered`. */
  submitted(now: number): number {
    const token = ++this.nextToken;
    this.outstanding.set(token, now);
    return token;
  }

  answered(token: number, answer: SubmitAnswer, now: number, error?: string): void {
    const started = this.outstanding.get(token) ?? now;
    this.outstanding.delete(token);
    if (error) this.lastError = error;
    if (answer === 'unanswered') this.unansweredRun++;
    else {
      this.unansweredRun = 0;
      this.lastAnswerAt = now;
    }
    if (answer === 'accepted') remember(this.latencies, now - started, 10);
    if (this.probing !== null) {
      if (answer === 'accepted') this.clear();
      else if (answer !== 'rejected') this.renew(now, answer);
      return;
    }
    this.answers.push(answer);
    this.tally[answer]++;
    if (this.answers.length > this.t.recent) this.tally[this.answers.shift()!]--;
    // The common case, a healthy carrier: nothing to judge.
    if (answer === 'accepted' && this.tally.throttled + this.tally.refused + this.tally.unanswered === 0 && now - started <= this.t.slowMs) return;
    this.judge(now);
  }

  /**
   * A late answer to an earlier submit came (`lost`: its link went instead). An answer, however
   * late, shows the carrier alive: a "no answer" verdict becomes "slow", still usable.
   */
  lateAnswer(now: number, kind: 'sent' | 'refused' | 'lost'): void {
    if (kind === 'lost') return;
    this.lastAnswerAt = now;
    this.unansweredRun = 0;
    if (this.verdict?.cause === 'silent' || (this.probing !== null && kind === 'sent')) {
      this.probing = null;
      this.verdict = {
        state: 'degraded',
        cause: 'slow',
        reason: 'Slow: the carrier answers submits, but only after the deadline.',
        until: Math.max(this.verdict?.until ?? 0, now + this.t.holdMs),
      };
    }
  }

  /** Time passes: silent links are noticed, held verdicts expire into a test. */
  tick(now: number): void {
    this.judgeSilence(now);
    if (this.verdict && now >= this.verdict.until && !this.stillSilent(now)) {
      this.probing = `${this.verdict.reason} Testing it with one SMS.`;
      this.verdict = null;
      this.forgetAnswers();
    }
  }

  /** The link went down or came back: what the lane saw of the old link no longer counts. */
  linkChanged(): void {
    this.outstanding.clear();
    this.unansweredRun = 0;
    if (this.verdict?.cause === 'silent') {
      this.verdict = null;
      this.probing = null;
    }
  }

  /** The verdict now, or null when the lane sees nothing wrong. */
  current(): Verdict | null {
    if (this.verdict) return { state: this.verdict.state, reason: this.verdict.reason };
    if (this.probing !== null) return { state: 'degraded', reason: this.probing };
    return null;
  }

  /**
   * The carrier takes SMS: nothing wrong is held against it and some recent submit was accepted.
   * A transient refusal from such a carrier is about that SMS, not the carrier.
   */
  get takesOthers(): boolean {
    return this.verdict === null && this.probing === null && this.tally.accepted > 0;
  }

  /** Held verdict over: the lane may send one SMS to see whether the carrier recovered. */
  get isProbing(): boolean {
    return this.probing !== null;
  }

  private clear(): void {
    this.verdict = null;
    this.probing = null;
    this.holdFactor = 1;
    this.forgetAnswers();
  }

  private forgetAnswers(): void {
    this.answers.length = 0;
    this.latencies.length = 0;
    for (const k of Object.keys(this.tally) as SubmitAnswer[]) this.tally[k] = 0;
  }

  private renew(now: number, answer: SubmitAnswer): void {
    this.holdFactor = Math.min(this.holdFactor * 2, 1024);
    const cause: Cause = answer === 'throttled' ? 'throttled' : answer === 'unanswered' ? 'silent' : 'errors';
    const reason =
      cause === 'throttled'
        ? 'The carrier still asks to slow down (throttled).'
        : cause === 'silent'
          ? 'The test SMS got no answer in time.'
          : `The test SMS was refused: ${this.lastError || 'no reason given'}`;
    this.hold(now, { state: cause === 'silent' ? 'down' : 'degraded', reason, cause });
  }

  private judge(now: number): void {
    const n = this.answers.length;
    const count = (a: SubmitAnswer) => this.tally[a];
    if (this.unansweredRun >= this.t.unansweredInARow) {
      return this.hold(now, {
        state: 'down',
        cause: 'silent',
        reason: `Connected, but the last ${this.unansweredRun} submits got no answer in time.`,
      });
    }
    const throttled = count('throttled');
    if (throttled >= this.t.throttleMin && throttled >= this.t.throttleShare * n) {
      return this.hold(now, {
        state: 'degraded',
        cause: 'throttled',
        reason: `The carrier asks to slow down: ${throttled} of the last ${n} submits were throttled.`,
      });
    }
    const refused = count('refused') + count('unanswered');
    if (refused >= this.t.errorMin && refused >= this.t.errorShare * n) {
      return this.hold(now, {
        state: 'degraded',
        cause: 'errors',
        reason: `${refused} of the last ${n} submits failed${this.lastError ? ` (${this.lastError})` : ''}.`,
      });
    }
    const median = this.latencies.length >= 3 && this.latencies.some((l) => l > this.t.slowMs) ? medianOf(this.latencies) : 0;
    if (median > this.t.slowMs) {
      return this.hold(now, {
        state: 'degraded',
        cause: 'slow',
        reason: `Slow: the carrier takes ${seconds(median)} to answer a submit.`,
      });
    }
  }

  private judgeSilence(now: number): void {
    const oldest = this.oldestOutstanding();
    if (oldest === null || this.lastAnswerAt >= oldest) return;
    const quiet = now - oldest;
    if (quiet < this.t.silentDegradedMs) return;
    const down = quiet >= this.t.silentDownMs;
    if (this.verdict?.state === 'down' && !down) return;
    this.hold(now, {
      state: down ? 'down' : 'degraded',
      cause: 'silent',
      reason: `Connected, but no submit answered for ${seconds(quiet)} (${this.outstanding.size} waiting).`,
    });
  }

  private stillSilent(now: number): boolean {
    const oldest = this.oldestOutstanding();
    return oldest !== null && this.lastAnswerAt < oldest && now - oldest >= this.t.silentDegradedMs;
  }

  private hold(now: number, v: Verdict & { cause: Cause }): void {
    this.probing = null;
    const base = v.cause === 'throttled' ? this.t.throttleHoldMs : this.t.holdMs;
    const until = now + Math.min(this.t.maxHoldMs, base * this.holdFactor);
    // A worse verdict replaces a milder one; the same one keeps the later end.
    const worse = this.verdict === null || (v.state === 'down' && this.verdict.state === 'degraded');
    if (worse || v.cause === this.verdict!.cause) {
      this.verdict = { ...v, until: Math.max(until, this.verdict?.until ?? 0) };
    }
  }

  private oldestOutstanding(): number | null {
    let oldest: number | null = null;
    for (const t of this.outstanding.values()) if (oldest === null || t < oldest) oldest = t;
    return oldest;
  }
}

function remember<T>(list: T[], value: T, max: number): void {
  list.push(value);
  if (list.length > max) list.splice(0, list.length - max);
}

function medianOf(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
