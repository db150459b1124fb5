// Reading back: GetMessageStatus, GetMessagesStatus and GetMessages, filled for outgoing (MT) and
// incoming (MO) messages alike, the way pollers written against the operator read them.
//
// An incoming message carries one DeliveryInfoExt with an empty TargetMsid, delivered at the time
// it arrived. A published CXF-generated poller (wayrecall's m2msms RichMessage) takes
// `getDeliveryInfo().getDeliveryInfoExt().head` for every message and tells incoming ones by that
// empty TargetMsid: an empty list makes it throw, so replies would never be processed.
//
// A key reads what its user reads in the control room (auth/read-scope.ts, docs/security.md): an
// administrator's key and a key of a user with the right "all" every message, any other key the
// traffic with its user's people and the messages of its user's own broadcasts.
import type { MessageStatus } from '../../../../../shared/protocol/index.js';
import { scopeWhere, sqlScope } from '../../../auth/read-scope.js';
import { M2mFault } from '../faults.js';
import { splitPhones } from '../../phone-list.js';
import { list, msidOf, num, requiredId, strings, str, type OpContext, type OpRun } from './kit.js';

const MAX_MESSAGES = 5_000;
const MAX_IDS = 10_000;

interface Row {
  id: number;
  direction: 'in' | 'out';
  phone: string;
  text: string;
  status: MessageStatus;
  segments: number;
  created_at: number;
  sent_at: number | null;
  delivered_at: number | null;
  author_name: string | null;
  contact_name: string | null;
  naming: string | null;
  mailing_name: string | null;
}

const COLUMNS = `m.id, m.direction, m.phone, m.text, m.status, m.segments, m.created_at, m.sent_at, m.delivered_at,
  u.name AS author_name, c.name AS contact_name, mb.naming, mb.mailing_name`;
const FROM = `messages m LEFT JOIN broadcasts b ON b.id = m.broadcast_id LEFT JOIN users u ON u.id = b.author_id
  LEFT JOIN contacts c ON c.id = m.contact_id LEFT JOIN m2m_broadcasts mb ON mb.broadcast_id = m.broadcast_id`;

export function deliveryStatus(status: MessageStatus, sentAt: number | null): string {
  switch (status) {
    case 'queued':
      return 'Pending';
    case 'sending':
      return 'Sending';
    case 'sent':
      return 'Sent';
    case 'delivered':
    case 'received':
      return 'Delivered';
    case 'failed':
      return sentAt === null ? 'NotSent' : 'NotDelivered';
    case 'expired':
      return 'TimedOut';
    case 'cancelled':
      return 'Cancelled';
    default:
      return 'Error';
  }
}

/**
 * What the key's user may read, as a condition on `messages m` (null: everything): their people's
 * traffic both ways and every message of their own broadcasts, replies matched to them included.
 */
function scoped(ctx: OpContext): { where: string; params: unknown[] } | null {
  const scope = sqlScope(ctx.scope());
  return scope && scopeWhere(scope);
}

function deliveryInfo(r: Row) {
  const mo = r.direction === 'in';
  return {
    Msid: mo ? '' : msidOf(r.phone),
    DeliveryStatus: deliveryStatus(r.status, r.sent_at),
    DeliveryDate: mo ? r.created_at : (r.sent_at ?? r.created_at),
    UserDeliveryDate: mo ? r.created_at : r.delivered_at,
    PartCount: r.segments,
  };
}

/** The messages of these ids the caller may read; one outside the scope is as unknown as a missing one. */
function rowsById(ctx: OpContext, ids: number[]): Map<number, Row> {
  const scope = scoped(ctx);
  const rows = ctx.core.store.db
    .prepare(`SELECT ${COLUMNS} FROM ${FROM} WHERE m.id IN (SELECT value FROM json_each(?))${scope ? ` AND ${scope.where}` : ''}`)
    .all(JSON.stringify(ids), ...(scope?.params ?? [])) as Row[];
  return new Map(rows.map((r) => [r.id, r]));
}

function messageInfo(r: Row) {
  const mo = r.direction === 'in';
  return {
    MessageID: r.id,
    CreationDate: r.created_at,
    SenderMsid: mo ? msidOf(r.phone) : undefined,
    SenderName: mo ? (r.contact_name ?? '') : (r.naming ?? r.author_name ?? ''),
    DeliveryInfo: [
      mo
        ? { TargetMsid: '', DeliveryStatus: 'Delivered', DeliveryDate: r.created_at, TargetName: '', UserDeliveryDate: r.created_at }
        : {
            TargetMsid: msidOf(r.phone),
            DeliveryStatus: deliveryStatus(r.status, r.sent_at),
            DeliveryDate: r.sent_at ?? r.created_at,
            TargetName: r.contact_name ?? '',
            UserDeliveryDate: r.delivered_at,
          },
    ],
    MessageType: mo ? 'MO' : r.mailing_name !== null ? 'Mailing' : 'MT',
    MessageText: r.text,
  };
}

export const statusOperations: Record<string, OpRun> = {
  GetMessageStatus(ctx, args) {
    const id = requiredId(args, 'messageID');
    const row = rowsById(ctx, [id]).get(id);
    if (!row) throw new M2mFault('WRONG_ID', 'not_found', `There is no message ${id} this key may read.`, 'messageID');
    return [deliveryInfo(row)];
  },

  GetMessagesStatus(ctx, args) {
    const ids = list(args, 'messageIDs').filter((v): v is number => typeof v === 'number');
    if (ids.length > MAX_IDS) throw new M2mFault('TOO_MANY_PARAMETERS', 'too_large', `At most ${MAX_IDS} messageIDs per call.`, 'messageIDs');
    const rows = rowsById(ctx, ids);
    // One entry per id asked for; an unknown one has no Delivery, as a partial answer.
    return ids.map((id) => {
      const r = rows.get(id);
      return { MessageID: id, Delivery: r ? [deliveryInfo(r)] : [] };
    });
  },

  GetMessages(ctx, args) {
    const type = str(args, 'messageType') || 'All';
    const from = num(args, 'DateFrom');
    const to = num(args, 'DateTo');
    if (from === null || to === null) {
      throw new M2mFault('MESSAGE_FORMAT_ERROR', 'bad_request', 'Give DateFrom and DateTo (2026-01-31T00:00:00).', from === null ? 'DateFrom' : 'DateTo');
    }
    const split = splitPhones(strings(args, 'subscriberMsids'));
    for (const r of split.refused) ctx.notes.push(`${r.target}: ${r.reason}`);
    if (split.entries.length > 0 && split.phones.length === 0) {
      throw new M2mFault('MSID_FORMAT_ERROR', 'bad_request', 'None of the subscriberMsids is a phone number.', 'subscriberMsids');
    }
    const where = ['m.created_at >= ?', 'm.created_at <= ?'];
    const params: unknown[] = [from, to];
    if (type === 'MO') where.push(`m.direction = 'in'`);
    if (type === 'MT') where.push(`m.direction = 'out'`);
    const scope = scoped(ctx);
    if (scope) {
      where.push(scope.where);
      params.push(...scope.params);
    }
    if (split.phones.length > 0) {
      where.push('m.phone IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(split.phones));
    }
    const rows = ctx.core.store.db
      .prepare(`SELECT ${COLUMNS} FROM ${FROM} WHERE ${where.join(' AND ')} ORDER BY m.created_at, m.id LIMIT ${MAX_MESSAGES}`)
      .all(...params) as Row[];
    if (rows.length === MAX_MESSAGES) ctx.notes.push(`only the first ${MAX_MESSAGES} messages; ask again from the last CreationDate`);
    return rows.map(messageInfo);
  },
};
