// The ten sending operations. Each builds one request for the one door (dispatcher.send), so the
// caller's rights and refusals are those of every other door. A list is accepted in part, as the
// operator did: each msid gets its entry in the caller's order, `MessageID` 0 for a number that is
// not one or that the caller may not reach; only when nothing at all can go is the call a fault.
import type { DispatchResult } from '../../../dispatch/dispatch.js';
import { StationError } from '../../../errors.js';
import { requireSent } from '../../refusals.js';
import { splitPhones } from '../../phone-list.js';
import { M2mFault } from '../faults.js';
import { parseValidityPeriod } from '../validity.js';
import { parseDateTime } from '../args.js';
import { msidOf, num, records, str, strings, type Args, type OpContext, type OpRun } from './kit.js';

const MAX_MSIDS = 10_000;

interface SendOptions {
  naming: string;
  validity?: string;
  scheduledAt?: number | null;
}

type Ids = { Msid: string; MessageID: number }[];

/** Sends one text to the numbers; one entry per msid asked for, in the caller's order. */
function sendTo(ctx: OpContext, msids: string[], message: string, opts: SendOptions): Ids {
  if (msids.length === 0) throw new M2mFault('MSID_FORMAT_ERROR', 'bad_request', 'Give at least one msid (a phone number, 79161234567).', 'msids');
  if (msids.length > MAX_MSIDS) throw new M2mFault('TOO_MANY_PARAMETERS', 'too_large', `At most ${MAX_MSIDS} msids per call. Split the list.`, 'msids');
  const split = splitPhones(msids);
  if (split.phones.length === 0) {
    const shown = split.refused.slice(0, 3).map((r) => r.reason).join(' ');
    throw new M2mFault('MSID_FORMAT_ERROR', 'bad_request', `Nothing was sent: no msid is a phone number. ${shown}`, 'msid');
  }
  const result = dispatch(ctx, split.phones, message, opts);
  for (const r of split.refused) ctx.notes.push(`${r.target}: ${r.reason}`);
  return idsFor(ctx, result, split.entries);
}

function dispatch(ctx: OpContext, phones: string[], message: string, opts: SendOptions): DispatchResult {
  const validMinutes = opts.validity ? parseValidityPeriod(opts.validity) : undefined;
  const result = ctx.core.dispatcher.send(ctx.caller.actor, {
    text: message,
    phones,
    groups: [],
    contacts: [],
    tags: [],
    kind: 'plain',
    source: 'soap',
    // The answer lists a MessageID per msid: every message must exist when it is written.
    commitAtOnce: true,
    ...(validMinutes !== undefined ? { validMinutes } : {}),
    ...(opts.scheduledAt ? { scheduledAt: opts.scheduledAt } : {}),
  });
  for (const r of result.refused) ctx.notes.push(`${r.target}: ${r.reason}`);
  const broadcastId = requireSent(result);
  ctx.m2m.noteBroadcast(broadcastId, { naming: opts.naming });
  return result;
}

function idsFor(ctx: OpContext, result: DispatchResult, entries: { raw: string; phone: string | null }[]): Ids {
  const rows = ctx.core.store.db
    .prepare(`SELECT id, phone FROM messages WHERE broadcast_id = ? AND direction = 'out'`)
    .all(result.broadcastId) as { id: number; phone: string }[];
  const byPhone = new Map(rows.map((r) => [r.phone, r.id]));
  return entries.map((e) => ({ Msid: e.phone ? msidOf(e.phone) : e.raw, MessageID: (e.phone && byPhone.get(e.phone)) || 0 }));
}

function one(ctx: OpContext, args: Args, opts: Omit<SendOptions, 'naming'>): number {
  const msid = str(args, 'msid');
  const [entry] = sendTo(ctx, [msid], str(args, 'message'), { ...opts, naming: str(args, 'naming') });
  return entry!.MessageID;
}

const many = (ctx: OpContext, args: Args, opts: Omit<SendOptions, 'naming'>) =>
  sendTo(ctx, strings(args, 'msids'), str(args, 'message'), { ...opts, naming: str(args, 'naming') });

/** `scheduledSendDate` as the AtDate operations take it (xsd:dateTime, required there). */
function scheduled(args: Args): number | null {
  return num(args, 'scheduledSendDate');
}

/** SendVariousMessages: each msid its own text; one broadcast per distinct text, ids in the caller's order. */
function various(ctx: OpContext, args: Args): Ids {
  const items = records(args, 'msidsAndMessages');
  if (items.length === 0) throw new M2mFault('MSID_FORMAT_ERROR', 'bad_request', 'Give at least one Submit (Msid and Message).', 'msidsAndMessages');
  if (items.length > MAX_MSIDS) throw new M2mFault('TOO_MANY_PARAMETERS', 'too_large', `At most ${MAX_MSIDS} items per call. Split the list.`, 'msidsAndMessages');
  const rawDate = str(args, 'scheduledSendDate');
  const scheduledAt = rawDate.trim() ? parseDateTime(rawDate, ctx.zone) : null;
  if (rawDate.trim() && scheduledAt === null) {
    throw new StationError('bad_request', `scheduledSendDate "${rawDate}" is not a date and time like 2026-01-31T08:00:00.`, 'scheduledSendDate');
  }
  const opts: SendOptions = { naming: str(args, 'naming'), validity: str(args, 'validityPeriod'), scheduledAt };
  const split = splitPhones(items.map((it) => str(it, 'Msid')));
  for (const r of split.refused) ctx.notes.push(`${r.target}: ${r.reason}`);
  const byText = new Map<string, Set<string>>();
  items.forEach((it, i) => {
    const phone = split.entries[i]!.phone;
    if (!phone) return;
    const text = str(it, 'Message');
    byText.set(text, (byText.get(text) ?? new Set()).add(phone));
  });
  const idOf = new Map<string, number>();
  let firstError: unknown = null;
  for (const [text, phones] of byText) {
    try {
      const result = dispatch(ctx, [...phones], text, opts);
      const rows = ctx.core.store.db
        .prepare(`SELECT id, phone FROM messages WHERE broadcast_id = ? AND direction = 'out'`)
        .all(result.broadcastId) as { id: number; phone: string }[];
      for (const r of rows) idOf.set(`${text}\n${r.phone}`, r.id);
    } catch (err) {
      // One bad text (empty, too long, nobody reachable) leaves the other texts going.
      if (!(err instanceof StationError)) throw err;
      firstError ??= err;
      ctx.notes.push(`${[...phones].map(msidOf).join(', ')}: ${err.message}`);
    }
  }
  if (idOf.size === 0) throw firstError ?? new M2mFault('MSID_FORMAT_ERROR', 'bad_request', 'Nothing was sent: no Msid is a phone number.', 'msid');
  return items.map((it, i) => {
    const e = split.entries[i]!;
    return { Msid: e.phone ? msidOf(e.phone) : e.raw, MessageID: (e.phone && idOf.get(`${str(it, 'Message')}\n${e.phone}`)) || 0 };
  });
}

export const sendOperations: Record<string, OpRun> = {
  SendMessage: (ctx, args) => one(ctx, args, {}),
  SendMessageAtDate: (ctx, args) => one(ctx, args, { scheduledAt: scheduled(args) }),
  SendMessageWithValidityPeriod: (ctx, args) => one(ctx, args, { validity: str(args, 'validityPeriod') }),
  SendMessageToMultipleSubscribers: (ctx, args) => many(ctx, args, {}),
  SendMessageToMultipleSubscribersAtDate: (ctx, args) => many(ctx, args, { scheduledAt: scheduled(args) }),
  SendMessages: (ctx, args) => many(ctx, args, {}),
  SendMessagesAtDate: (ctx, args) => many(ctx, args, { scheduledAt: scheduled(args) }),
  SendMessagesWithValidityPeriod: (ctx, args) => many(ctx, args, { validity: str(args, 'validityPeriod') }),
  SendMessagesAtDateWithValidityPeriod: (ctx, args) => many(ctx, args, { scheduledAt: scheduled(args), validity: str(args, 'validityPeriod') }),
  SendVariousMessages: (ctx, args) => various(ctx, args),
};
