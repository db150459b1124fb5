// The MTS Communicator M2M operations, answered from our store. Each takes the arguments as
// the client named them (SOAP elements or .asmx form fields) and returns the XML content of its
// result plus the name of the bare root element the .asmx HTTP form answers with.
import type { StationCore } from '../../core.js';
import type { MessageStatus } from '../../../../shared/protocol/index.js';
import { StationError } from '../../errors.js';
import type { Caller } from '../api-door.js';
import { requireSent } from '../refusals.js';
import { escapeXml } from './xml-guard.js';
import { parseValidityPeriod } from './validity.js';

export const M2M_NS = 'http://mcommunicator.ru/M2M';

export type M2mArgs = Record<string, unknown>;
export interface M2mResult {
  /** Root element of the bare .asmx answer, e.g. `long`, `ArrayOfSendMessageIDs`. */
  type: string;
  inner: string;
}

type Run = (core: StationCore, caller: Caller, args: M2mArgs) => M2mResult;

const el = (name: string, value: string | number | null) =>
  value === null ? `<${name} xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" />` : `<${name}>${escapeXml(String(value))}</${name}>`;

/** A scalar argument; SOAP sends text, the form sends text, repeated names become arrays. */
export function text(args: M2mArgs, name: string, required = true): string {
  const v = args[name];
  const s = Array.isArray(v) ? v[0] : v;
  if (s === undefined || s === null || (typeof s === 'object' && Object.keys(s).length === 0)) {
    if (required) throw new StationError('bad_request', `Parameter "${name}" is missing.`, name);
    return '';
  }
  if (typeof s !== 'string' && typeof s !== 'number') throw new StationError('bad_request', `Parameter "${name}" must be text.`, name);
  return String(s);
}

/** An array argument: SOAP's `<msids><string>…</string>…</msids>` or repeated form fields. */
export function list(args: M2mArgs, name: string): unknown[] {
  const v = args[name];
  if (v === undefined || v === null || v === '') return [];
  if (Array.isArray(v)) return v.flatMap((x) => (typeof x === 'object' && x !== null ? unwrap(x) : [x]));
  if (typeof v === 'object') return unwrap(v as Record<string, unknown>);
  return [v];
}

function unwrap(container: Record<string, unknown>): unknown[] {
  const inner = Object.values(container)[0];
  if (inner === undefined) return [];
  return Array.isArray(inner) ? inner : [inner];
}

/** `7XXXXXXXXXX` (a leading + is tolerated) → E.164. */
export function msidToPhone(msid: string): string {
  const m = /^\+?(7\d{10})$/.exec(msid.trim());
  if (!m) throw new StationError('bad_request', `msid "${msid}" is not a number in the form 7XXXXXXXXXX.`, 'msid');
  return `+${m[1]}`;
}
const phoneToMsid = (phone: string) => phone.replace(/^\+/, '');

const xsdDate = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function parseDate(raw: string, name: string): number {
  const t = Date.parse(raw);
  if (!Number.isFinite(t)) throw new StationError('bad_request', `${name} "${raw}" is not a date (2026-01-31T08:00:00).`, name);
  return t;
}

export function deliveryStatus(status: MessageStatus, sentAt: number | null): string {
  switch (status) {
    case 'queued':
      return 'Pending';
    case 'sending':
      return 'Sending';
    case 'sent':
      return 'Sent';
    case 'delivered':
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

function sendTo(core: StationCore, caller: Caller, msids: string[], message: string, validity: string, scheduled = ''): M2mResult {
  if (msids.length === 0) throw new StationError('bad_request', 'Give at least one msid.', 'msids');
  if (msids.length > 10_000) throw new StationError('too_large', 'At most 10,000 msids per call. Split the list.', 'msids');
  const phones = msids.map(msidToPhone);
  const validMinutes = parseValidityPeriod(validity);
  const scheduledAt = scheduled.trim() ? parseDate(scheduled, 'scheduledSendDate') : undefined;
  const result = core.dispatcher.send(caller.actor, {
    text: message,
    phones,
    groups: [],
    contacts: [],
    tags: [],
    kind: 'plain',
    source: 'soap',
    ...(validMinutes !== undefined ? { validMinutes } : {}),
    ...(scheduledAt !== undefined && scheduledAt > Date.now() ? { scheduledAt } : {}),
  });
  const broadcastId = requireSent(result);
  const rows = core.store.db
    .prepare(`SELECT id, phone FROM messages WHERE broadcast_id = ? AND direction = 'out' ORDER BY id`)
    .all(broadcastId) as { id: number; phone: string }[];
  const byPhone = new Map(rows.map((r) => [r.phone, r.id]));
  // One entry per msid asked for, in the caller's order; a refused msid gets MessageID 0.
  const inner = phones
    .map((p) => `<SendMessageIDs>${el('Msid', phoneToMsid(p))}${el('MessageID', byPhone.get(p) ?? 0)}</SendMessageIDs>`)
    .join('');
  return { type: 'ArrayOfSendMessageIDs', inner };
}

const strings = (args: M2mArgs, name: string) => list(args, name).map((x) => String(x));

export const operations: Record<string, Run> = {
  SendMessage(core, caller, args) {
    const r = sendTo(core, caller, [text(args, 'msid')], text(args, 'message'), text(args, 'validityPeriod', false));
    const id = /<MessageID>(\d+)<\/MessageID>/.exec(r.inner)![1]!;
    return { type: 'long', inner: id };
  },
  SendMessages(core, caller, args) {
    return sendTo(core, caller, strings(args, 'msids'), text(args, 'message'), '');
  },
  SendMessagesWithValidityPeriod(core, caller, args) {
    return sendTo(core, caller, strings(args, 'msids'), text(args, 'message'), text(args, 'validityPeriod', false));
  },
  SendVariousMessages(core, caller, args) {
    // Each msid its own text: one broadcast per distinct text, ids returned in the caller's order.
    const items = list(args, 'msidsAndMessages') as { Msid?: unknown; Message?: unknown }[];
    if (items.length === 0) throw new StationError('bad_request', 'Give at least one MsidAndMessage.', 'msidsAndMessages');
    const validity = text(args, 'validityPeriod', false);
    const scheduled = text(args, 'scheduledSendDate', false);
    const parts = items.map((it) => {
      if (typeof it !== 'object' || it === null) throw new StationError('bad_request', 'Each item needs Msid and Message.', 'msidsAndMessages');
      return sendTo(core, caller, [String(it.Msid ?? '')], String(it.Message ?? ''), validity, scheduled).inner;
    });
    return { type: 'ArrayOfSendMessageIDs', inner: parts.join('') };
  },
  GetMessageStatus(core, caller, args) {
    const raw = text(args, 'messageID');
    if (!/^\d{1,15}$/.test(raw)) throw new StationError('bad_request', `messageID "${raw}" must be a number.`, 'messageID');
    const row = core.store.db
      .prepare(
        `SELECT m.phone, m.status, m.segments, m.created_at, m.sent_at, m.delivered_at, b.author_id
         FROM messages m LEFT JOIN broadcasts b ON b.id = m.broadcast_id WHERE m.id = ? AND m.direction = 'out'`,
      )
      .get(Number(raw)) as
      | { phone: string; status: MessageStatus; segments: number; created_at: number; sent_at: number | null; delivered_at: number | null; author_id: number | null }
      | undefined;
    if (!row || (caller.role !== 'admin' && row.author_id !== caller.userId)) {
      throw new StationError('not_found', `There is no message ${raw} sent by this account.`, 'messageID');
    }
    const info =
      el('Msid', phoneToMsid(row.phone)) +
      el('DeliveryStatus', deliveryStatus(row.status, row.sent_at)) +
      el('DeliveryDate', xsdDate(row.sent_at ?? row.created_at)) +
      el('UserDeliveryDate', row.delivered_at === null ? null : xsdDate(row.delivered_at)) +
      el('PartCount', row.segments);
    return { type: 'ArrayOfDeliveryInfo', inner: `<DeliveryInfo>${info}</DeliveryInfo>` };
  },
  GetMessages(core, _caller, args) {
    const type = text(args, 'messageType', false) || 'All';
    if (!['All', 'MO', 'MT', 'ALL'].includes(type)) throw new StationError('bad_request', 'messageType is All, MO or MT.', 'messageType');
    const from = parseDate(text(args, 'DateFrom'), 'DateFrom');
    const to = parseDate(text(args, 'DateTo'), 'DateTo');
    const phones = strings(args, 'subscriberMsids').map(msidToPhone);
    const where = ['m.created_at >= ?', 'm.created_at < ?'];
    const params: unknown[] = [from, to];
    if (type === 'MO') where.push(`m.direction = 'in'`);
    if (type === 'MT') where.push(`m.direction = 'out'`);
    if (phones.length > 0) {
      where.push('m.phone IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(phones));
    }
    const rows = core.store.db
      .prepare(
        `SELECT m.id, m.direction, m.phone, m.text, m.status, m.created_at, m.sent_at, m.delivered_at, c.name
         FROM messages m LEFT JOIN contacts c ON c.id = m.contact_id WHERE ${where.join(' AND ')} ORDER BY m.created_at, m.id LIMIT 5000`,
      )
      .all(...params) as {
      id: number;
      direction: 'in' | 'out';
      phone: string;
      text: string;
      status: MessageStatus;
      created_at: number;
      sent_at: number | null;
      delivered_at: number | null;
      name: string | null;
    }[];
    const inner = rows
      .map((r) => {
        const mo = r.direction === 'in';
        const delivery = mo
          ? ''
          : `<DeliveryInfoExt>${el('TargetMsid', phoneToMsid(r.phone))}${el('DeliveryStatus', deliveryStatus(r.status, r.sent_at))}${el('DeliveryDate', xsdDate(r.sent_at ?? r.created_at))}${el('TargetName', r.name ?? '')}${el('UserDeliveryDate', r.delivered_at === null ? null : xsdDate(r.delivered_at))}</DeliveryInfoExt>`;
        return (
          '<MessageInfo>' +
          el('MessageID', r.id) +
          el('CreationDate', xsdDate(r.created_at)) +
          (mo ? el('SenderMsid', phoneToMsid(r.phone)) + el('SenderName', r.name ?? '') : '') +
          `<DeliveryInfo>${delivery}</DeliveryInfo>` +
          el('MessageType', mo ? 'MO' : 'MT') +
          el('MessageText', r.text) +
          '</MessageInfo>'
        );
      })
      .join('');
    return { type: 'ArrayOfMessageInfo', inner };
  },
  GetGroups(core) {
    const inner = core.store.groups
      .tree()
      .map((g) => `<SubscriberGroupInfo>${el('ID', g.id)}${el('Name', g.name)}${el('Color', 0)}</SubscriberGroupInfo>`)
      .join('');
    return { type: 'ArrayOfSubscriberGroupInfo', inner };
  },
  AddUser(core, caller, args) {
    // In MTS terms a "user" is a subscriber who receives SMS: here, a contact in a group.
    if (caller.role !== 'admin') throw new StationError('forbidden', 'Only an administrator may add users. Ask an administrator.');
    const level = text(args, 'accessLevel', false) || 'BaseUser';
    if (!['Administrator', 'Operator', 'BaseUser'].includes(level)) {
      throw new StationError('bad_request', 'accessLevel is Administrator, Operator or BaseUser.', 'accessLevel');
    }
    const phone = msidToPhone(text(args, 'userMSID'));
    const groupRaw = text(args, 'userGroupId', false);
    const groupId = groupRaw && groupRaw !== '0' ? Number(groupRaw) : null;
    if (groupId !== null && !core.store.groups.exists(groupId)) {
      throw new StationError('bad_request', `There is no group ${groupRaw}. Call GetGroups for the ids.`, 'userGroupId');
    }
    const contact = core.store.contacts.upsert({
      name: text(args, 'userName', false) || phone,
      phone,
      email: text(args, 'userEmail', false) || null,
    });
    if (groupId !== null) core.store.groups.addMember(groupId, contact.id);
    core.store.audit.record(caller.auditActor, 'contact.create', `contact:${contact.id}`, { door: 'soap', accessLevel: level });
    return { type: 'long', inner: String(contact.id) };
  },
};

export type OperationName = keyof typeof operations;
export function isOperation(name: string): name is OperationName {
  return Object.prototype.hasOwnProperty.call(operations, name);
}
