// Reading back over REST: one message, one broadcast with its progress and replies, and the
// message list with the history filters and cursor paging (`next` → `cursor=`).
import type { StationCore } from '../core.js';
import type { MessageFilter } from '../../../shared/protocol/history.js';
import { exportMessages } from '../history/export-xlsx.js';
import { searchMessages, CursorError, MESSAGE_COLUMNS, type MessageRow } from '../history/search.js';
import { StationError } from '../errors.js';
import { mayExport, readScopeOf, seesBroadcast, seesMessage, sqlScope, type ReadScope } from '../auth/read-scope.js';
import type { Caller } from './api-door.js';
import { apiTally } from './rest-broadcasts.js';

/** What the key's user may read: the same scope as in the control room. */
export function scopeOf(core: StationCore, caller: Caller): ReadScope {
  return readScopeOf(core.store.db, { id: caller.userId, role: caller.role });
}
import { sendJson } from '../server/http-routes.js';
import { keyed, type DoorDeps } from './api-door.js';
import { queryFields } from './http-body.js';
import { groupIds, listOf, rejectUnknown } from './rest-send.js';

export interface ApiMessage {
  id: number;
  direction: 'in' | 'out';
  phone: string;
  contact: { id: number; name: string | null } | null;
  text: string;
  tags: string[];
  status: string;
  error: string | null;
  broadcastId: number | null;
  replyTo: number | null;
  segments: number;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function apiMessage(r: {
  id: number;
  direction: 'in' | 'out';
  phone: string;
  contactId: number | null;
  contactName: string | null;
  text: string;
  tags: string[];
  status: string;
  error: string | null;
  broadcastId: number | null;
  replyTo: number | null;
  segments: number;
  createdAt: number;
  sentAt: number | null;
  deliveredAt: number | null;
}): ApiMessage {
  return {
    id: r.id,
    direction: r.direction,
    phone: r.phone,
    contact: r.contactId === null ? null : { id: r.contactId, name: r.contactName },
    text: r.text,
    tags: r.tags,
    status: r.status,
    error: r.error,
    broadcastId: r.broadcastId,
    replyTo: r.replyTo,
    segments: r.segments,
    createdAt: iso(r.createdAt)!,
    sentAt: iso(r.sentAt),
    deliveredAt: iso(r.deliveredAt),
  };
}

function rowToApi(r: MessageRow): ApiMessage {
  return apiMessage({
    ...r,
    contactId: r.contact_id,
    contactName: r.contact_name,
    tags: r.tags.split(' ').filter(Boolean),
    broadcastId: r.broadcast_id,
    replyTo: r.reply_to,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    deliveredAt: r.delivered_at,
  });
}

export function messageById(core: StationCore, id: number): ApiMessage | undefined {
  const row = core.store.db
    .prepare(`SELECT ${MESSAGE_COLUMNS} FROM messages m LEFT JOIN contacts c ON c.id = m.contact_id WHERE m.id = ?`)
    .get(id) as MessageRow | undefined;
  return row && rowToApi(row);
}

function idParam(raw: string | undefined, what: string): number {
  if (!raw || !/^\d{1,15}$/.test(raw)) throw new StationError('bad_request', `The ${what} id must be a number, not "${raw ?? ''}".`);
  return Number(raw);
}

/** `since=` as epoch milliseconds or an ISO date. */
function timeParam(raw: string, name: string): number {
  const t = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isFinite(t)) throw new StationError('bad_request', `"${name}" must be an ISO date (2026-01-31T08:00:00Z) or epoch ms.`, name);
  return t;
}

const LIST_FIELDS = new Set(['direction', 'since', 'until', 'q', 'tag', 'contact', 'group', 'limit', 'cursor', 'key']);

export function mountMessages(deps: DoorDeps, add: (method: string, path: string, h: ReturnType<typeof keyed>) => void): void {
  const { core } = deps;
  add(
    'GET',
    '/api/v1/messages/:id',
    keyed(deps, ({ res, params }, caller) => {
      const m = messageById(core, idParam(params.id, 'message'));
      // Out of the key's user's read scope is, to them, not there (auth/read-scope.ts).
      if (!m || !seesMessage(core.store.db, scopeOf(core, caller), { contactId: m.contact?.id ?? null, broadcastId: m.broadcastId })) {
        throw new StationError('not_found', `There is no message ${params.id}.`);
      }
      sendJson(res, 200, m);
    }),
  );

  add(
    'GET',
    '/api/v1/broadcasts/:id',
    keyed(deps, ({ res, params }, caller) => {
      const id = idParam(params.id, 'broadcast');
      const summary = core.store.broadcasts.summary(id);
      if (!summary || !seesBroadcast(core.store.db, scopeOf(core, caller), id)) throw new StationError('not_found', `There is no broadcast ${id}.`);
      const rows = core.store.db
        .prepare(
          `SELECT ${MESSAGE_COLUMNS} FROM messages m LEFT JOIN contacts c ON c.id = m.contact_id
           WHERE m.broadcast_id = ? AND m.direction = 'in' ORDER BY m.created_at, m.id LIMIT 1000`,
        )
        .all(id) as MessageRow[];
      sendJson(res, 200, {
        id: summary.id,
        author: summary.authorName,
        source: summary.source,
        kind: summary.kind,
        text: summary.text,
        tags: summary.tags,
        createdAt: iso(summary.createdAt),
        total: summary.total,
        progress: summary.counts,
        // A poll's or confirmation's figures (rest-broadcasts.ts); null for a plain message.
        tally: apiTally(core, id),
        replies: rows.map(rowToApi),
      });
    }),
  );

  add(
    'GET',
    '/api/v1/messages',
    keyed(deps, ({ req, res }, caller) => {
      const f = queryFields(req);
      rejectUnknown(f, LIST_FIELDS);
      const one = (name: string) => listOf(f, name, null)[0];
      const filter = filterOf(core, one);
      const limitRaw = one('limit');
      const limit = limitRaw === undefined ? 50 : Number(limitRaw);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new StationError('bad_request', '"limit" is a number from 1 to 500.', 'limit');
      try {
        const page = searchMessages(core.store.db, filter, { limit, cursor: one('cursor') ?? null, scope: sqlScope(scopeOf(core, caller)) });
        sendJson(res, 200, { messages: page.hits.map((h) => apiMessage({ ...h })), next: page.next });
      } catch (err) {
        if (err instanceof CursorError) throw new StationError('bad_request', err.message, 'cursor');
        throw err;
      }
    }),
  );

  // All messages, or the same filters as /messages, as an Excel file streamed as it is written.
  add(
    'GET',
    '/api/v1/messages.xlsx',
    keyed(deps, async ({ req, res }, caller) => {
      if (!mayExport(caller.role)) throw new StationError('forbidden', 'Viewers may not export. Ask an administrator for the file.');
      const f = queryFields(req);
      rejectUnknown(f, EXPORT_FIELDS);
      const one = (name: string) => listOf(f, name, null)[0];
      const filter = filterOf(core, one);
      const locale = one('locale') === 'en' ? 'en' : 'ru';
      const timeZone = one('tz');
      if (timeZone !== undefined && !isTimeZone(timeZone)) {
        throw new StationError('bad_request', `"${timeZone}" is not a time zone; use a name like Europe/Moscow.`, 'tz');
      }
      res.writeHead(200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': 'attachment; filename="messages.xlsx"',
        'cache-control': 'no-store',
      });
      const aborted = new AbortController();
      res.on('close', () => aborted.abort());
      await exportMessages(core.store.db, res, { filter: { ...filter, scope: sqlScope(scopeOf(core, caller)) }, locale, signal: aborted.signal, ...(timeZone ? { timeZone } : {}) });
    }),
  );
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const EXPORT_FIELDS = new Set(['direction', 'since', 'until', 'q', 'tag', 'contact', 'group', 'locale', 'tz', 'key']);

/** The message filter shared by /messages and /messages.xlsx. */
function filterOf(core: StationCore, one: (name: string) => string | undefined): MessageFilter {
  const filter: MessageFilter = {};
      const direction = one('direction');
      if (direction !== undefined) {
        if (direction !== 'in' && direction !== 'out') throw new StationError('bad_request', '"direction" is in or out.', 'direction');
        filter.direction = direction;
      }
      const since = one('since');
      if (since) filter.from = timeParam(since, 'since');
      const until = one('until');
      if (until) filter.to = timeParam(until, 'until');
      const q = one('q');
      if (q) filter.q = q.slice(0, 500);
      const tag = one('tag');
      if (tag) filter.tag = tag;
      const contact = one('contact');
      if (contact) filter.contactId = idParam(contact, 'contact');
      const group = one('group');
      if (group) filter.groupId = groupIds(core, [group])[0]!;
  return filter;
}
