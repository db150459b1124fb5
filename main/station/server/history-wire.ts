// The history, import/export and billing requests as control-room handlers: who may call
// which (anyone logged in reads; only admins read files in, import, undo and choose the plan),
// what is audited, and their errors given protocol codes.
import type { z } from 'zod';
import { historyRequests, type HistoryResult } from '../../../shared/protocol/history.js';
import type { StationCore } from '../core.js';
import type { HistoryHandlers } from '../history/handlers.js';
import { RightsError } from '../errors.js';
import { msg } from '../i18n/text.js';
import { asStationError } from './error-codes.js';
import { sayImportResult } from '../i18n/row-errors.js';
import type { ImportResult } from '../../../shared/protocol/history.js';
import type { ClientSession } from './control-room.js';
import { mayExport, readScopeOf, type ReadScope } from '../auth/read-scope.js';

type Requests = typeof historyRequests;
type Name = keyof Requests;
type Params<K extends Name> = z.output<Requests[K]['params']>;

export type HistoryWsHandlers = {
  [K in Name]: (session: ClientSession, params: Params<K>) => Promise<HistoryResult<K>>;
};

// Reading a file is part of importing: a viewer may not make the station parse one (issue 14 case 8).
const ADMIN_ONLY: ReadonlySet<Name> = new Set(['contacts.import.preview', 'contacts.import.commit', 'contacts.import.undo', 'billing.setPlan']);
/** What takes data out of the station: not for viewers (auth/read-scope.ts). */
const EXPORTS: ReadonlySet<Name> = new Set(['history.export.start', 'contacts.export']);
/** What changes or takes data out is audited; plain reading is not. */
const AUDITED: ReadonlySet<Name> = new Set([
  'history.export.start',
  'contacts.import.commit',
  'contacts.import.undo',
  'contacts.export',
  'billing.setPlan',
]);

export function historyWsHandlers(core: StationCore, history: HistoryHandlers): HistoryWsHandlers {
  const wrap = <K extends Name>(name: K) =>
    async (session: ClientSession, params: Params<K>): Promise<HistoryResult<K>> => {
      const user = session.user!;
      const actor = { userId: user.id, name: user.login };
      if (ADMIN_ONLY.has(name) && user.role !== 'admin') {
        core.store.audit.record(actor, 'admin.refused', name, { role: user.role });
        throw new RightsError(msg('admin.only'));
      }
      if (EXPORTS.has(name) && !mayExport(user.role)) {
        core.store.audit.record(actor, 'export.refused', name, { role: user.role });
        throw new RightsError(msg('read.noExport'));
      }
      try {
        const handler = history[name] as (p: Params<K>, a: { userId: number; locale: 'ru' | 'en'; scope: ReadScope }) => HistoryResult<K> | Promise<HistoryResult<K>>;
        const result = await handler(params, { userId: user.id, locale: session.locale, scope: readScopeOf(core.store.db, user) });
        if (AUDITED.has(name)) core.store.audit.record(actor, name, null, auditDetail(name, params, result));
        // An import (or its undo) changed people and groups: every desk redraws its tree.
        if (name === 'contacts.import.commit' || name === 'contacts.import.undo') {
          core.events.emit('directory.changed', { groups: core.store.groups.tree(), contacts: core.store.contacts.all() });
        }
        if (name === 'contacts.import.preview' || name === 'contacts.import.commit') {
          return sayImportResult(result as ImportResult, session.locale) as HistoryResult<K>;
        }
        return result;
      } catch (err) {
        throw asStationError(err);
      }
    };
  const out = {} as Record<Name, unknown>;
  for (const name of Object.keys(historyRequests) as Name[]) out[name] = wrap(name);
  return out as HistoryWsHandlers;
}

function auditDetail(name: Name, params: unknown, result: unknown): unknown {
  switch (name) {
    case 'contacts.import.preview':
    case 'contacts.import.commit': {
      const r = result as { batchId?: number; totals?: unknown };
      return { batchId: r.batchId, totals: r.totals };
    }
    case 'history.export.start':
      return { filter: (params as { filter: unknown }).filter, ...(result as object) };
    default:
      return params;
  }
}
