// What a script may do to a broadcast it sent, over REST, with its key's user's rights — the same
// rule as on the control room (dispatch.ts `managed`): its author, an administrator, or a
// dispatcher with the right to manage others' broadcasts. A monitoring system that alerted on a
// failed device closes the confirmation (escalation stops) or cancels the alert when the device
// is back. Refusals are 403 in the catalog's words (Accept-Language: ru or en) and audited (`close.refused`, `cancel.refused`);
// what the key's user may not see is 404, as on every read.
//   POST /api/v1/broadcasts/{id}/cancel → 200 {"broadcastId", "unsent"}
//   POST /api/v1/broadcasts/{id}/close  → 200 {"broadcastId", "closed": true, "tally": {…}}
import type { StationCore } from '../core.js';
import { StationError } from '../errors.js';
import { msg } from '../i18n/text.js';
import { sendJson } from '../server/http-routes.js';
import { readScopeOf, seesBroadcast } from '../auth/read-scope.js';
import { keyed, type Caller, type DoorDeps } from './api-door.js';

/** A question's figures as scripts read them: per option, free text ("other"), answered, silent. */
export interface ApiTally {
  kind: 'poll' | 'confirm';
  options: { n: number; text: string; count: number }[];
  other: number;
  answered: number;
  silent: number;
  closed: boolean;
}

/** The figures of the question a broadcast asked (from counters: constant work), or null for a plain one. */
export function apiTally(core: StationCore, broadcastId: number): ApiTally | null {
  const q = core.inbound.answers.question(broadcastId);
  if (!q) return null;
  const c = core.inbound.answers.counts(q);
  return {
    kind: q.kind,
    options: q.options.map((text, i) => ({ n: i + 1, text, count: c.options[i] ?? 0 })),
    other: c.other,
    answered: c.answered,
    silent: c.silent,
    closed: q.closed,
  };
}

function visibleBroadcast(core: StationCore, caller: Caller, raw: string | undefined): number {
  if (!raw || !/^\d{1,15}$/.test(raw)) throw new StationError('bad_request', `The broadcast id must be a number, not "${raw ?? ''}".`);
  const id = Number(raw);
  const known = core.store.db.prepare('SELECT 1 FROM broadcasts WHERE id = ?').get(id) !== undefined;
  if (!known || !seesBroadcast(core.store.db, readScopeOf(core.store.db, { id: caller.userId, role: caller.role }), id)) throw new StationError('not_found', msg('send.noBroadcast', { id }));
  return id;
}

export function mountBroadcastActions(deps: DoorDeps, add: (method: string, path: string, h: ReturnType<typeof keyed>) => void): void {
  const { core } = deps;
  add(
    'POST',
    '/api/v1/broadcasts/:id/cancel',
    keyed(deps, ({ res, params }, caller) => {
      const id = visibleBroadcast(core, caller, params.id);
      const unsent = core.dispatcher.cancel(caller.actor, id);
      sendJson(res, 200, { broadcastId: id, unsent });
    }),
  );
  add(
    'POST',
    '/api/v1/broadcasts/:id/close',
    keyed(deps, ({ res, params }, caller) => {
      const id = visibleBroadcast(core, caller, params.id);
      // A plain message asks nothing, so there is nothing to close: say so before any right is weighed.
      if (!core.inbound.answers.question(id)) throw new StationError('bad_request', msg('poll.notTallied', { id }));
      const root = core.dispatcher.close(caller.actor, id) ?? core.inbound.answers.rootOf(id);
      sendJson(res, 200, { broadcastId: root, closed: true, tally: apiTally(core, root) });
    }),
  );
}
