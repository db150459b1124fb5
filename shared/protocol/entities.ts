// Shapes of the things the control room shows. Both the station and the renderer validate them,
// so they are zod schemas first and TypeScript types second.
import { z } from 'zod';

export const Role = z.enum(['admin', 'dispatcher', 'viewer']);
export type Role = z.infer<typeof Role>;

export const Locale = z.enum(['ru', 'en']);
export type Locale = z.infer<typeof Locale>;

export const UserView = z.object({
  id: z.number().int(),
  login: z.string(),
  name: z.string(),
  role: Role,
  locale: Locale,
});
export type UserView = z.infer<typeof UserView>;

export const GroupNode = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  /** Active members of this group alone. */
  memberCount: z.number().int(),
  /** Active members of this group and all its subgroups, each person counted once. */
  totalCount: z.number().int(),
});
export type GroupNode = z.infer<typeof GroupNode>;

export const ContactView = z.object({
  id: z.number().int(),
  name: z.string(),
  phone: z.string(),
  position: z.string().nullable(),
  active: z.boolean(),
  groupIds: z.array(z.number().int()),
});
export type ContactView = z.infer<typeof ContactView>;

export const TagView = z.object({
  id: z.number().int(),
  name: z.string(),
  subscribers: z.number().int(),
  selfService: z.boolean(),
});
export type TagView = z.infer<typeof TagView>;

export const Direction = z.enum(['in', 'out']);
export type Direction = z.infer<typeof Direction>;

export const MessageStatus = z.enum([
  'queued',
  'sending',
  'sent',
  'delivered',
  'failed',
  'expired',
  'cancelled',
  'received',
]);
export type MessageStatus = z.infer<typeof MessageStatus>;

export const MessageView = z.object({
  id: z.number().int(),
  direction: Direction,
  broadcastId: z.number().int().nullable(),
  /** For a reply: the outgoing message it answers, when one was found. */
  replyTo: z.number().int().nullable(),
  contactId: z.number().int().nullable(),
  contactName: z.string().nullable(),
  phone: z.string(),
  text: z.string(),
  tags: z.array(z.string()),
  segments: z.number().int(),
  status: MessageStatus,
  error: z.string().nullable(),
  carrier: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /**
   * For a reply: how it was linked to `broadcastId` (docs/replies.md): its code, the SMS the phone
   * got last and had not answered, a follow-up of the conversation, moved by a dispatcher, or a
   * subscription command; null = it answers nothing (flagged).
   */
  matchedBy: z.enum(['code', 'question', 'window', 'manual', 'command']).nullable().optional(),
  /** For a reply: the poll or confirmation whose tally counts it, when one does. */
  countedFor: z.number().int().nullable().optional(),
});
export type MessageView = z.infer<typeof MessageView>;

export const BroadcastCounts = z.object({
  queued: z.number().int(),
  sending: z.number().int(),
  sent: z.number().int(),
  delivered: z.number().int(),
  failed: z.number().int(),
  replied: z.number().int(),
});
export type BroadcastCounts = z.infer<typeof BroadcastCounts>;

export const BroadcastKind = z.enum(['plain', 'poll', 'confirm', 'order']);
export type BroadcastKind = z.infer<typeof BroadcastKind>;

export const BroadcastSource = z.enum(['ui', 'http', 'soap', 'mail', 'system']);
export type BroadcastSource = z.infer<typeof BroadcastSource>;

export const BroadcastSummary = z.object({
  id: z.number().int(),
  authorId: z.number().int().nullable(),
  authorName: z.string().nullable(),
  source: BroadcastSource,
  kind: BroadcastKind,
  text: z.string(),
  tags: z.array(z.string()),
  createdAt: z.number(),
  total: z.number().int(),
  counts: BroadcastCounts,
  /** The order number the broadcast carries (its thread: `order.timeline`). */
  code: z.string().nullable().optional(),
  /** Nothing goes out before this (epoch ms); null or absent: sent at once. */
  scheduledAt: z.number().nullable().optional(),
  /** When it was cancelled; what was still queued then stays unsent. */
  cancelledAt: z.number().nullable().optional(),
  /** A send to many thousands committed in steps: recipients not in the outbox yet ("preparing N"). */
  preparing: z.number().int().optional(),
  /** It could not be committed (an error, or cancelled while preparing): nothing was sent. */
  abandoned: z.boolean().optional(),
});
export type BroadcastSummary = z.infer<typeof BroadcastSummary>;

export const CarrierState = z.enum(['connecting', 'up', 'degraded', 'down', 'disabled']);
export type CarrierState = z.infer<typeof CarrierState>;

export const CarrierKind = z.enum(['simulator', 'modem', 'smpp', 'http']);
export type CarrierKind = z.infer<typeof CarrierKind>;

export const CarrierStatus = z.object({
  id: z.string(),
  kind: CarrierKind,
  name: z.string(),
  state: CarrierState,
  /** A sentence for the dispatcher: why it is down, what the modem answered. */
  detail: z.string().nullable(),
  /** Signal quality in percent, when the carrier knows it (modems). */
  signal: z.number().nullable(),
  operator: z.string().nullable(),
  queue: z.number().int(),
  sentToday: z.number().int(),
  /** SMS whose submit got no answer yet: they may have gone out (absent when none). */
  inDoubt: z.number().int().optional(),
  /** SMS sent again after a submit left in doubt, since the station started (absent when none). */
  resent: z.number().int().optional(),
});
export type CarrierStatus = z.infer<typeof CarrierStatus>;

/** Whether the station's store can write (disk full, I/O error, a locked file make it read-only). */
export const StoreStatus = z.object({
  state: z.enum(['ok', 'read-only']),
  reason: z.enum(['disk full', 'I/O error', 'locked', 'read-only file']).nullable(),
  /** Since when it is read-only (epoch ms). */
  since: z.number().nullable(),
});
export type StoreStatus = z.infer<typeof StoreStatus>;

/** Why a requested recipient was not sent to. */
export const Refusal = z.object({
  kind: z.enum(['phone', 'group', 'contact', 'tag']),
  target: z.string(),
  reason: z.string(),
});
export type Refusal = z.infer<typeof Refusal>;
