// Who is calling the M2M door, in every way the operator's clients sign in:
//   - `Authorization: Bearer <token>` (API 2.x), the token a Switchboard key or an old MTS token;
//   - the token as `password` with an empty `login` (what the 2.x docs told form clients to do);
//   - `login` + MD5-hex of a password (API 1.x): the MTS login and password an administrator set
//     on a key, or — keys flagged legacy — the user's login and MD5 of the key itself.
// A failure is audited with what was tried (never the secret) and answered INCORRECT_PASSWORD;
// past its address's limit of failures, RATE_LIMIT_EXCEEDED (auth/key-failures.ts).
import type { IncomingMessage } from 'node:http';
import { addressOf, authFailure, callerOf, type Caller, type DoorDeps } from '../api-door.js';
import type { KeyHolder } from '../api-keys.js';
import { QueueFullError } from '../../auth/work-queue.js';
import { RateLimitError } from '../rate-limit.js';

const MD5_HEX = /^[0-9a-f]{32}$/i;

function bearerOf(req: IncomingMessage): string | null {
  const auth = req.headers.authorization;
  if (!auth) return null;
  // `Bearer  <key>` with two spaces is what one published PHP client sends.
  return /^Bearer\s+(\S+)\s*$/i.exec(auth)?.[1] ?? auth.trim();
}

function byToken(deps: DoorDeps, token: string): KeyHolder | undefined {
  return deps.keys.authenticate(token) ?? deps.keys.authenticateToken(token);
}

export async function authenticateM2m(deps: DoorDeps, door: string, req: IncomingMessage, login: string, password: string): Promise<Caller> {
  let holder: KeyHolder | undefined;
  let tried: string;
  let hint: string | null;
  const bearer = bearerOf(req);
  if (bearer !== null) {
    holder = byToken(deps, bearer);
    tried = 'bearer';
    hint = bearer.slice(0, 9);
  } else if (password === '') {
    throw authFailure(deps, door, req, 'missing', login || null);
  } else if (login.trim() === '' || !MD5_HEX.test(password)) {
    // API 2.x: the token in `password`; a login beside it (some clients keep sending one) is not needed.
    holder = byToken(deps, password.trim());
    tried = 'token';
    hint = login.trim() || password.slice(0, 9);
  } else {
    // An address past its limit of failures gets no password check: only a pair verified lately passes.
    const address = addressOf(req);
    try {
      holder = (await deps.keys.authenticateM2m(login, password, { address, cachedOnly: deps.keyFailures.over(address) })) ?? deps.keys.authenticateLegacy(login, password);
    } catch (err) {
      if (!(err instanceof QueueFullError)) throw err;
      throw new RateLimitError(1, 'The station is checking other passwords sent from this address. Try again in a second.');
    }
    tried = 'login+md5';
    hint = login;
  }
  if (!holder) throw authFailure(deps, door, req, bearer !== null ? deps.keys.describeFailure(bearer) : 'unknown', hint, tried);
  deps.limiter.take(holder.keyId);
  return callerOf(holder);
}
