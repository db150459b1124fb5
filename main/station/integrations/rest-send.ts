// `GET|POST /api/v1/send`: the door monitoring scripts use. Fields: `to` (phones, comma-separated
// or repeated), `group` (id or name, repeatable), `tag` (repeatable), `text`. Answers 202 with the
// broadcast, one entry per SMS and what was refused; 403 when every recipient was refused.
import { stmt } from '../store/statements.js';
import type { StationCore } from '../core.js';
import type { Refusal } from '../../../shared/protocol/index.js';
import { StationError } from '../errors.js';
import { sendJson } from '../server/http-routes.js';
import type { RecipientRequest } from '../dispatch/recipients.js';
import { keyed, type DoorDeps } from './api-door.js';
import { queryFields, readFields } from './http-body.js';
import { refusalSentence } from './refusals.js';
import { splitPhones } from './phone-list.js';

const SEND_FIELDS = new Set(['to', 'group', 'tag', 'text', 'key']);

/** Field values as a flat list of strings; numbers are accepted from JSON. */
export function listOf(fields: Record<string, unknown>, name: string, split: RegExp | null): string[] {
  const raw = fields[name];
  if (raw === undefined || raw === null) return [];
  const items = Array.isArray(raw) ? raw : [raw];
  const out: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string' && typeof item !== 'number') {
      throw new StationError('bad_request', `Field "${name}" must be text or a list of texts.`, name);
    }
    const parts = split ? String(item).split(split) : [String(item)];
    out.push(...parts.map((p) => p.trim()).filter((p) => p.length > 0));
  }
  return out;
}

export function rejectUnknown(fields: Record<string, unknown>, allowed: ReadonlySet<string>): void {
  for (const name of Object.keys(fields)) {
    if (!allowed.has(name)) {
      throw new StationError('bad_request', `Unknown field "${name}". Allowed: ${[...allowed].filter((f) => f !== 'key').join(', ')}.`, name);
    }
  }
}

/** A group given by id or by name. */
export function groupIds(core: StationCore, names: readonly string[]): number[] {
  return names.map((g) => {
    if (/^\d+$/.test(g) && core.store.groups.exists(Number(g))) return Number(g);
    const found = core.store.groups.byName(g);
    if (!found) throw new StationError('bad_request', `There is no group "${g}". Check the name or use the group's id.`, 'group');
    return found.id;
  });
}

export function sendRequestFrom(core: StationCore, fields: Record<string, unknown>): RecipientRequest & { text: string } {
  rejectUnknown(fields, SEND_FIELDS);
  const text = listOf(fields, 'text', null);
  if (text.length > 1) throw new StationError('bad_request', 'Give "text" once.', 'text');
  return {
    text: typeof fields.text === 'string' ? fields.text : (text[0] ?? ''),
    phones: listOf(fields, 'to', /[,;]+/),
    groups: groupIds(core, listOf(fields, 'group', null)),
    tags: listOf(fields, 'tag', /[,\s]+/),
    contacts: [],
  };
}

export function refusedForApi(refused: readonly Refusal[]) {
  return refused.map((r) => ({ [r.kind]: r.target, reason: r.reason }));
}

export function mountSend(deps: DoorDeps, add: (method: string, path: string, h: ReturnType<typeof keyed>) => void): void {
  const { core } = deps;
  const handler = keyed(deps, async ({ req, res }, caller) => {
    const fields = req.method === 'POST' ? await readFields(req, deps.maxBodyBytes) : queryFields(req);
    const request = sendRequestFrom(core, fields);
    // A malformed number is refused alone, as the operator did; the rest of the list still goes.
    const split = splitPhones(request.phones);
    if (split.phones.length + request.groups.length + request.tags.length === 0 && split.refused.length > 0) {
      sendJson(res, 400, { error: { code: 'bad_request', message: refusalSentence(split.refused), field: 'to' }, refused: refusedForApi(split.refused) });
      return;
    }
    // The sends of one turn are committed together (send-group.ts); a send to many thousands is
    // committed in steps: answer once every message exists.
    const result = await core.dispatcher.sendTogether(caller.actor, { ...request, phones: split.phones, kind: 'plain', source: 'http' }, 'queued');
    const all = [...split.refused, ...result.refused];
    const refused = refusedForApi(all);
    if (result.broadcastId === null) {
      const err = all.length > 0 ? refusalSentence(all) : 'Nothing was sent: no recipient was found.';
      sendJson(res, 403, { error: { code: 'forbidden', message: err }, refused });
      return;
    }
    const messages = stmt(core.store.db, `SELECT id, phone, status FROM messages WHERE broadcast_id = ? AND direction = 'out' ORDER BY id`)
      .all(result.broadcastId) as { id: number; phone: string; status: string }[];
    sendJson(res, 202, { broadcastId: result.broadcastId, messages, refused });
  });
  add('GET', '/api/v1/send', handler);
  add('POST', '/api/v1/send', handler);
}
