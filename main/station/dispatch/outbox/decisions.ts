// What an answer means for one SMS, as data: the outcome to record, and what the outbox should
// remember for routing it next (DESIGN §4, carrier.ts CarrierErrorKind). Pure, so every rule of
// the bad day — throttle, transient, permanent, in doubt once, in doubt twice — is read here.
import type { LateAnswer, CarrierError } from '../../carriers/carrier.js';
import type { OutboxItem, Outcome } from '../../store/outbox-queue.js';
import type { InDoubtEntry } from './in-doubt.js';

export interface Decision {
  outcome: Outcome;
  /** Do not offer the SMS to this carrier again before `until`. */
  avoid?: { carrierId: string; until: number };
  /** The SMS now waits for a carrier (its wait, for moving on, starts if it had not). */
  waits?: boolean;
  /** Settled for good: its routing memory can go. */
  settled?: boolean;
  /** Counted as an in-doubt re-send on this carrier. */
  resentOn?: string;
}

export interface Rules {
  maxAttempts: number;
  retryBaseMs: number;
  /** The retry delay after transient refusals doubles up to this. */
  maxRetryDelayMs: number;
  /** Tries after which an SMS without a validity, refused by carriers that refuse everything, is given up (about a day at the longest delay). */
  maxRefusedAttempts: number;
  inDoubtGraceMs: number;
}

/**
 * A refusal the carrier answered in time (anything but in-doubt). `elsewhere`: another carrier
 * could take it now. `carrierWell`: the carrier is up and takes other SMS — so a transient
 * refusal is about this SMS (a number the network keeps refusing), and after `maxAttempts` of
 * them it fails. A carrier refusing everything says nothing about the SMS: it waits, backing
 * off, for a carrier that takes it, until its validity runs out (the outbox expires it then).
 */
export function decideRefusal(
  m: OutboxItem,
  via: string,
  e: CarrierError,
  rules: Rules,
  now: number,
  elsewhere: boolean,
  carrierWell = true,
): Decision {
  const error = `${via}: ${e.message}`;
  switch (e.kind) {
    case 'permanent':
      return { outcome: { kind: 'failed', id: m.id, error }, settled: true };
    case 'throttled':
      // Back-pressure: the lane pauses; the SMS waits for it, or goes to a better carrier.
      return { outcome: { kind: 'retry', id: m.id, at: now, error, countAttempt: false }, waits: true };
    default: {
      if (m.attempts >= rules.maxAttempts && carrierWell) return { outcome: { kind: 'failed', id: m.id, error }, settled: true };
      // No validity to end it: refused this often (a day of tries, at the longest delay), it is given up.
      if (m.validUntil === null && m.attempts >= rules.maxRefusedAttempts) {
        return { outcome: { kind: 'failed', id: m.id, error: `${error} Refused ${m.attempts} times over every route that could take it; given up.` }, settled: true };
      }
      const delay = elsewhere ? 0 : Math.min(rules.maxRetryDelayMs, rules.retryBaseMs * 2 ** Math.min(m.attempts - 1, 30));
      return {
        outcome: { kind: 'retry', id: m.id, at: now + delay, error, countAttempt: true },
        avoid: { carrierId: via, until: now + Math.max(delay, rules.retryBaseMs) },
      };
    }
  }
}

/**
 * What becomes of an SMS in doubt: its late answer, or none (`null`: the grace ran out).
 * The rule for a second doubt: an SMS already re-sent once after a doubt, in doubt again with
 * no answer, is not sent a third time — two submits may both have gone out, and a third could
 * only add a copy. It fails as unresolved, still flagged in doubt, and a late "sent" for either
 * submit turns it into sent.
 */
export function decideDoubt(entry: InDoubtEntry, answer: LateAnswer | null, rules: Rules, now: number): Decision {
  const { id, carrierId } = entry;
  if (answer?.kind === 'sent') return { outcome: { kind: 'sent', id, carrierId, refs: answer.refs }, settled: true };
  if (answer?.kind === 'refused') {
    // It surely did not go: an ordinary refusal, whatever was in doubt before.
    const error = `${carrierId}: ${answer.error.message}`;
    if (answer.error.kind === 'permanent') return { outcome: { kind: 'failed', id, error }, settled: true };
    return {
      outcome: { kind: 'retry', id, at: now, error, countAttempt: answer.error.kind === 'transient' },
      avoid: { carrierId, until: now + rules.retryBaseMs },
    };
  }
  if (entry.resends >= 1) {
    return {
      outcome: {
        kind: 'unresolved',
        id,
        error: `${carrierId}: in doubt twice — no carrier confirmed this SMS. It may have arrived; it is not sent a third time.`,
      },
      settled: true,
    };
  }
  const error =
    answer === null
      ? `${carrierId}: no answer within ${Math.round(rules.inDoubtGraceMs / 1000)} s of the submit; sent again once.`
      : `${carrierId}: the link was lost before the carrier answered; sent again once.`;
  return {
    outcome: { kind: 'resend', id, at: now, error },
    // Lost: its link is gone, a fresh one may carry it. No answer: that carrier is hung; another.
    ...(answer === null ? { avoid: { carrierId, until: now + rules.inDoubtGraceMs } } : {}),
    resentOn: carrierId,
  };
}
