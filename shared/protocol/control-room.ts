// The control-room protocol spoken over ws between the station and every client (the Electron
// window, a browser on the next desk, Playwright). Declared once: one map of requests and their
// results, one map of events. The method name is the wire key, so the two sides cannot drift.
import { z } from 'zod';
import {
  Locale,
  BroadcastKind,
  BroadcastSummary,
  CarrierStatus,
  ContactView,
  GroupNode,
  MessageView,
  Refusal,
  TagView,
  UserView,
  StoreStatus,
} from './entities.js';
import { dispatchEvents, dispatchRequests, dispatchSendFields } from './dispatch.js';
import { integrationRequests } from './integrations.js';
import { carrierRequests } from './carriers.js';
import { templateRequests } from './templates.js';
import { historyEvents, historyRequests } from './history.js';
import { adminRequests } from './admin.js';
import { planEvents, planRequests } from './plans.js';
import { SendCost, SendLimits, sendCheckRequests } from './send-check.js';
import { securityRequests } from './security.js';
import { directoryEvents, directoryRequests } from './directory.js';
import { carrierConfigEvents, carrierConfigRequests } from './carrier-config.js';
import { doorConfigRequests } from './door-config.js';

export const PROTOCOL_VERSION = 1;

/** A hard cap on any text crossing the wire; the station enforces the real SMS limit. */
export const MAX_WIRE_TEXT = 10_000;

export const SendRequest = z
  .object({
    text: z.string().max(MAX_WIRE_TEXT),
    groups: z.array(z.number().int()).default([]),
    contacts: z.array(z.number().int()).default([]),
    phones: z.array(z.string().max(40)).default([]),
    tags: z.array(z.string().max(100)).default([]),
    kind: BroadcastKind.default('plain'),
    /** The client's own id for this click: a send retried after a lost link is stored once. */
    clientRef: z.string().min(8).max(64).optional(),
    ...dispatchSendFields,
  })
  .strict();
export type SendRequest = z.input<typeof SendRequest>;

export const SendResult = z.object({
  broadcastId: z.number().int().nullable(),
  recipients: z.number().int(),
  segments: z.number().int(),
  refused: z.array(Refusal),
});
export type SendResult = z.infer<typeof SendResult>;

export const PreviewResult = z.object({
  recipients: z.number().int(),
  /** SMS per recipient; with `{name}` in the text, the fewest any recipient's text takes. */
  segments: z.number().int(),
  /** With `{name}`: the most SMS any recipient's text takes (names differ in length). */
  segmentsMax: z.number().int().optional(),
  encoding: z.enum(['gsm7', 'ucs2']),
  characters: z.number().int(),
  refused: z.array(Refusal),
  /** What the send costs: the SMS of every recipient's text, added up. */
  smsTotal: z.number().int(),
  /** What the SMS add to this month's bill; absent when the station could not price them. */
  cost: SendCost.optional(),
  /** The admin's thresholds for asking twice. */
  limits: SendLimits.optional(),
});
export type PreviewResult = z.infer<typeof PreviewResult>;

export const Snapshot = z.object({
  version: z.string(),
  user: UserView,
  groups: z.array(GroupNode),
  contacts: z.array(ContactView),
  tags: z.array(TagView),
  broadcasts: z.array(BroadcastSummary),
  feed: z.array(MessageView),
  carriers: z.array(CarrierStatus),
  /** Absent from stations before the read-only state existed. */
  store: StoreStatus.optional(),
});
export type Snapshot = z.infer<typeof Snapshot>;

const Session = z.object({ token: z.string(), user: UserView });

/** Every request: its params schema and its result schema. */
export const requests = {
  // `locale`: the language the station answers this connection in (errors, refusal reasons).
  // A client that sends none gets English, so scripts read the same sentences they always did.
  login: {
    params: z.object({ login: z.string().min(1).max(100), password: z.string().min(1).max(200), locale: Locale.optional() }).strict(),
    result: Session,
  },
  resume: {
    params: z.object({ token: z.string().min(1).max(200), locale: Locale.optional() }).strict(),
    result: Session,
  },
  /** The dispatcher switched the language: answers on this connection follow from now on. */
  'session.locale': { params: z.object({ locale: Locale }).strict(), result: z.object({ locale: Locale }) },
  logout: { params: z.object({}).strict(), result: z.object({}) },
  snapshot: { params: z.object({}).strict(), result: Snapshot },
  preview: { params: SendRequest, result: PreviewResult },
  send: { params: SendRequest, result: SendResult },
  ...dispatchRequests,
  ...integrationRequests,
  ...carrierRequests,
  ...templateRequests,
  ...historyRequests,
  ...adminRequests,
  ...planRequests,
  ...sendCheckRequests,
  ...securityRequests,
  ...directoryRequests,
  ...carrierConfigRequests,
  ...doorConfigRequests,
} as const;

export type RequestName = keyof typeof requests;
export type RequestParams<K extends RequestName> = z.input<(typeof requests)[K]['params']>;
export type RequestResult<K extends RequestName> = z.infer<(typeof requests)[K]['result']>;

/** Every event the station pushes to logged-in clients. */
export const events = {
  'message.created': MessageView,
  'message.updated': MessageView,
  'broadcast.progress': BroadcastSummary,
  'carrier.status': CarrierStatus,
  /** The store became read-only, or writable again. */
  'station.store': StoreStatus,
  ...dispatchEvents,
  ...historyEvents,
  ...directoryEvents,
  ...carrierConfigEvents,
  ...planEvents,
} as const;

export type EventName = keyof typeof events;
export type EventData<K extends EventName> = z.infer<(typeof events)[K]>;

export const ErrorCode = z.enum([
  'bad_request',
  'unauthenticated',
  'forbidden',
  'not_found',
  'too_large',
  'rate_limited',
  /** The station cannot do it now (its store is read-only); it will again by itself. */
  'unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const WireError = z.object({
  code: ErrorCode,
  /** A sentence a dispatcher can act on. */
  message: z.string(),
  /** The field that failed, for a form to point at. */
  field: z.string().optional(),
});
export type WireError = z.infer<typeof WireError>;

// Frames on the wire.
export const ClientFrame = z
  .object({
    id: z.number().int().nonnegative(),
    method: z.string().max(64),
    params: z.unknown(),
  })
  .strict();
export type ClientFrame = z.infer<typeof ClientFrame>;

export const ReplyFrame = z.union([
  z.object({ id: z.number().int(), ok: z.literal(true), value: z.unknown() }),
  z.object({ id: z.number().int(), ok: z.literal(false), error: WireError }),
]);
export type ReplyFrame = z.infer<typeof ReplyFrame>;

export const EventFrame = z.object({ event: z.string(), data: z.unknown() });
export type EventFrame = z.infer<typeof EventFrame>;

export const ServerFrame = z.union([ReplyFrame, EventFrame]);
export type ServerFrame = z.infer<typeof ServerFrame>;

export function isRequestName(name: string): name is RequestName {
  return Object.prototype.hasOwnProperty.call(requests, name);
}

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}
