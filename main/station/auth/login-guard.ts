// Everything a login goes through before and after its password check: the throttle (per account
// and address), the bounded queue of password checks (a few at a time, a share per address), and
// one login at a time per socket. Refusals are audited, at most once per key every 30 s so that a
// flood of refused tries does not become a flood of writes.
import { availableParallelism } from 'node:os';
import type { UserView } from '../../../shared/protocol/index.js';
import type { Store } from '../store/store.js';
import { StationError } from '../errors.js';
import { msg } from '../i18n/text.js';
import { DEFAULT_THROTTLE, LoginThrottle, type ThrottleRules } from './login-throttle.js';
import { QueueFullError, WorkQueue } from './work-queue.js';

const AUDIT_EVERY_MS = 30_000;

export interface LoginAttempt {
  login: string;
  password: string;
  /** Remote address, the throttle's second key and the queue's share. */
  address: string;
  /** Where the attempt came from, for the audit log: `ws:127.0.0.1`. */
  door: string;
}

export class LoginGuard {
  readonly throttle: LoginThrottle;
  private readonly checks: WorkQueue;
  private readonly audited = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly store: Store,
    rules: ThrottleRules = DEFAULT_THROTTLE,
    // Half the cores at most: password checks must never take the CPU the rest of the station needs.
    queue = { concurrency: Math.max(1, Math.floor(availableParallelism() / 2)), waiting: 32, perAddress: 2 },
  ) {
    this.throttle = new LoginThrottle(store.db, store.audit, rules);
    this.checks = new WorkQueue(queue.concurrency, queue.waiting, queue.perAddress);
  }

  /** The user for a right password; a StationError (unauthenticated or rate_limited) otherwise. */
  async login(attempt: LoginAttempt): Promise<UserView> {
    const { login, address } = attempt;
    const verdict = this.throttle.check(login, address);
    if (!verdict.ok) {
      this.auditRefusal(`${verdict.kind}:${verdict.kind === 'account' ? login.toLowerCase() : address}`, login, attempt.door, verdict.locked ? 'locked' : 'throttled');
      const seconds = Math.max(1, Math.ceil(verdict.waitMs / 1000));
      throw new StationError('rate_limited', msg(verdict.locked ? 'login.locked' : 'login.throttled', { seconds }));
    }
    let user: UserView | undefined;
    try {
      user = await this.checks.run(address, () => this.store.users.authenticate(login, attempt.password), this.throttle.recentFailures(address));
    } catch (err) {
      if (!(err instanceof QueueFullError)) throw err;
      this.auditRefusal(`queue:${address}`, login, attempt.door, 'busy');
      throw new StationError('rate_limited', msg('login.busy'));
    }
    if (!user) {
      this.throttle.failed(login, address);
      this.store.audit.record({ userId: null, name: login }, 'login.failed', attempt.door);
      throw new StationError('unauthenticated', msg('session.wrongLogin'));
    }
    this.throttle.succeeded(login);
    return user;
  }

  private auditRefusal(key: string, login: string, door: string, why: 'locked' | 'throttled' | 'busy'): void {
    const now = Date.now();
    const last = this.audited.get(key);
    if (last && now - last.at < AUDIT_EVERY_MS) {
      last.suppressed += 1;
      return;
    }
    this.store.audit.record({ userId: null, name: login }, 'login.refused', door, { why, key, ...(last?.suppressed ? { alsoRefused: last.suppressed } : {}) });
    this.audited.set(key, { at: now, suppressed: 0 });
    if (this.audited.size > 10_000) this.audited.clear();
  }
}
