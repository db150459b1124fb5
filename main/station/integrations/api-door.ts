// What every keyed HTTP call goes through: find the key (Bearer, X-Api-Key, or `key=` on a GET
// for old scripts), refuse a forged or revoked one with 401 and an audit line (429 once its
// address failed too often), apply the key's rate limit, run the handler, answer errors in one
// shape, and audit the call.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StationCore } from '../core.js';
import type { Actor } from '../store/audit.js';
import type { SendingActor } from '../dispatch/rights.js';
import type { RouteContext } from '../server/http-routes.js';
import { sendError } from '../server/http-routes.js';
import { StationError } from '../errors.js';
import { ApiKeyRepository, type KeyHolder } from './api-keys.js';
import { RateLimiter, RateLimitError } from './rate-limit.js';
import type { KeyFailureLimit } from '../auth/key-failures.js';

export interface Caller extends KeyHolder {
  /** For dispatcher.send: the key acts with its user's rights. */
  actor: SendingActor;
  /** For the audit log: the user, named with the key it used. */
  auditActor: Actor;
}

export interface DoorDeps {
  core: StationCore;
  keys: ApiKeyRepository;
  limiter: RateLimiter;
  /** Failed sign-ins per address: past the limit they are refused 429 and audited once a window. */
  keyFailures: KeyFailureLimit;
  maxBodyBytes: number;
}

export function callerOf(holder: KeyHolder): Caller {
  const name = `${holder.login} (key ${holder.prefix}…)`;
  return {
    ...holder,
    actor: { userId: holder.userId, name, role: holder.role },
    auditActor: { userId: holder.userId, name },
  };
}

/** The key a request carries, and where it was found. */
export function presentedKey(req: IncomingMessage, url: URL): string | null {
  const auth = req.headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    return m ? m[1]! : auth;
  }
  const header = req.headers['x-api-key'];
  if (typeof header === 'string') return header.trim();
  // Old scripts put the key in the URL; accepted on GET only, so a form post cannot smuggle it.
  if (req.method === 'GET' || req.method === 'HEAD') return url.searchParams.get('key');
  return null;
}

export const addressOf = (req: IncomingMessage): string => req.socket.remoteAddress ?? '?';

/**
 * Records a failed authentication and returns the 401 to throw; once the address is past its
 * limit of failures, the 429 instead, unaudited (auth/key-failures.ts audits the window once).
 */
export function authFailure(deps: DoorDeps, door: string, req: IncomingMessage, reason: string, hint: string | null, tried?: string): StationError {
  const wait = deps.keyFailures.failed(addressOf(req), door);
  if (wait !== null) {
    return new RateLimitError(
      wait,
      `Too many failed sign-ins from this address. Wait ${wait} s; meanwhile only a valid key is let in. Check the key (or the login and password) the script sends.`,
    );
  }
  deps.core.store.audit.record({ userId: null, name: hint ?? 'anonymous' }, 'api.auth.failed', `${door}:${addressOf(req)}`, {
    reason,
    ...(tried ? { tried } : {}),
  });
  const message =
    reason === 'missing'
      ? 'This call needs an API key: send "Authorization: Bearer KEY". An administrator creates keys (switchboard apikey create).'
      : reason === 'revoked'
        ? 'This API key was revoked. Ask an administrator for a new one.'
        : tried === 'login+md5'
          ? 'The login or the MD5 of the password is not valid. Check both, or ask an administrator to set the MTS sign-in on your key.'
          : 'This API key is not valid. Check it was copied whole, or ask an administrator for a new one.';
  return new StationError('unauthenticated', message);
}

export function authenticate(deps: DoorDeps, door: string, req: IncomingMessage, url: URL): Caller {
  const key = presentedKey(req, url);
  if (!key) throw authFailure(deps, door, req, 'missing', null);
  const holder = deps.keys.authenticate(key);
  if (!holder) throw authFailure(deps, door, req, deps.keys.describeFailure(key), key.slice(0, 9));
  deps.limiter.take(holder.keyId, Date.now(), holder.limits);
  return callerOf(holder);
}

export function sendApiError(res: ServerResponse, err: unknown): void {
  if (err instanceof RateLimitError && !res.headersSent) res.setHeader('retry-after', String(err.retryAfterSeconds));
  sendError(res, err);
}

export type KeyedHandler = (ctx: RouteContext, caller: Caller) => Promise<void> | void;

/** Wraps a REST handler: authenticate, rate-limit, run, one error shape, one audit line per call. */
export function keyed(deps: DoorDeps, handler: KeyedHandler) {
  return async (ctx: RouteContext): Promise<void> => {
    let caller: Caller | null = null;
    try {
      caller = authenticate(deps, 'rest', ctx.req, ctx.url);
      await handler(ctx, caller);
    } catch (err) {
      if (!(err instanceof StationError)) deps.core.log.error({ err, path: ctx.url.pathname }, 'REST call failed');
      sendApiError(ctx.res, err);
    } finally {
      if (caller) {
        // Written with the other calls of this turn in one commit (the answer is already out).
        deps.core.store.audit.recordSoon(caller.auditActor, 'api.call', `${ctx.req.method} ${ctx.url.pathname}`, {
          door: 'rest',
          status: ctx.res.statusCode,
        });
      }
    }
  };
}
