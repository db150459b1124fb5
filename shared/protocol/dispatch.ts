// Dispatch rules over the control-room protocol (issue 5): what a send may ask for beyond its
// recipients (priority, schedule, validity, poll options, order code, confirmation with
// escalation), cancelling, poll tallies, order timelines, the rights matrix, tag subscriptions
// and the audit log. Merged into `requests` / `events` in control-room.ts by spreading.
import { z } from 'zod';
import { BroadcastSummary, MessageView, Refusal, Role } from './entities.js';

export const Priority = z.enum(['low', 'normal', 'high']);
export type Priority = z.infer<typeof Priority>;

export const ConfirmSettings = z
  .object({
    /** Minutes without a confirmation before the next step (re-send, then escalation). */
    afterMinutes: z.number().positive().max(24 * 60),
    /** Re-sends to the silent before escalating. */
    resends: z.number().int().min(0).max(5).default(1),
    /** Groups alerted in turn, one per step, while someone is still silent. */
    escalateTo: z.array(z.number().int()).max(10).default([]),
  })
  .strict();
export type ConfirmSettings = z.input<typeof ConfirmSettings>;

/** Fields a send request may carry besides text, recipients and kind. */
export const dispatchSendFields = {
  /** An alert (high) overtakes a survey (low). Default: high for confirmations, low for polls. */
  priority: Priority.optional(),
  /** Epoch ms: nothing goes out before this. */
  scheduledAt: z.number().int().nonnegative().optional(),
  /** Minutes after sending starts (or the schedule) when an unsent SMS is dropped as expired. */
  validMinutes: z.number().positive().max(7 * 24 * 60).optional(),
  /** A poll's options, answered as 1..n or by their words. */
  options: z.array(z.string().trim().min(1).max(100)).max(9).optional(),
  /** Order number; taken from `#4711` in the text when not given. */
  code: z.string().regex(/^\d{3,12}$/, 'an order number is 3 to 12 digits').optional(),
  confirm: ConfirmSettings.optional(),
};

export const PersonRef = z.object({ contactId: z.number().int().nullable(), name: z.string().nullable(), phone: z.string() });
export type PersonRef = z.infer<typeof PersonRef>;

/** The option number of a free-text answer: a reply that fits none of the question's options. */
export const OTHER_OPTION = 0;

export const AnswerView = PersonRef.extend({
  /** 1..n, or 0 (OTHER_OPTION) for a free-text answer. */
  option: z.number().int(),
  /** The option this person gave before changing their mind, if they did. */
  previous: z.number().int().nullable(),
  changes: z.number().int(),
  at: z.number(),
  text: z.string().nullable(),
  /** 'call' when the person confirmed by calling the station back (no SMS text then). */
  via: z.enum(['sms', 'call']).optional(),
  /** The reply counted (to move it elsewhere, `reply.move`). */
  messageId: z.number().int().nullable().optional(),
  /** False for a phone the question was not sent to (it quoted the code): it leaves nobody less silent. */
  recipient: z.boolean().optional(),
});
export type AnswerView = z.infer<typeof AnswerView>;

/** On an original alert: someone reached by one of its escalation steps answered that step. */
export const EscalationAnswerView = PersonRef.extend({
  /** The escalation step's own broadcast, where the answer is counted. */
  broadcastId: z.number().int(),
  option: z.number().int(),
  at: z.number(),
  text: z.string().nullable(),
});
export type EscalationAnswerView = z.infer<typeof EscalationAnswerView>;

/** An escalation step as it ran, with whom the author's rights left out when it sent. */
export const EscalationStepView = z.object({
  step: z.number().int(),
  action: z.enum(['resent', 'escalated', 'called', 'exhausted', 'refused', 'taken']),
  group: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  broadcastId: z.number().int().nullable(),
  reached: z.number().int(),
  refused: z.array(Refusal),
  at: z.number(),
});
export type EscalationStepView = z.infer<typeof EscalationStepView>;

/** The figures of a tally: per option (index n-1), free text, answered and silent recipients. */
export const TallyCounts = z.object({
  options: z.array(z.number().int()),
  other: z.number().int(),
  answered: z.number().int(),
  silent: z.number().int(),
});
export type TallyCounts = z.infer<typeof TallyCounts>;

export const Tally = z.object({
  broadcastId: z.number().int(),
  kind: z.enum(['poll', 'confirm']),
  options: z.array(z.object({ n: z.number().int(), text: z.string(), count: z.number().int() })),
  /** Free-text answers ("other"): replies that fit none of the options. */
  other: z.number().int().optional(),
  answers: z.array(AnswerView),
  /** Recipients who have not answered yet. */
  silent: z.array(PersonRef),
  closed: z.boolean(),
  escalation: z
    .object({ step: z.number().int(), dueAt: z.number().nullable(), state: z.enum(['open', 'done', 'cancelled']) })
    .nullable(),
  /** Answers to this alert's escalation steps: shown here, counted on the steps. */
  byEscalation: z.array(EscalationAnswerView).optional(),
  /** The escalation steps that ran, each with whom the author's rights left out. */
  steps: z.array(EscalationStepView).optional(),
  /** Set when this is an escalation step: the alert it escalates. */
  escalates: z.number().int().nullable().optional(),
});
export type Tally = z.infer<typeof Tally>;

/**
 * What one reply (or one action) changed in a tally: a few hundred bytes, whatever the size of the
 * question. A desk holding the tally applies it; one without it ignores it (and asks for the tally
 * with `broadcast.tally` when it shows it). `resync` asks desks holding the tally to fetch it again
 * (a step ran, the question closed): rare, and on request.
 */
export const TallyChange = z.object({
  broadcastId: z.number().int(),
  counts: TallyCounts,
  /** Someone answered, or changed their answer. */
  answer: AnswerView.optional(),
  /** An answer was taken away (its reply moved elsewhere); `silent` = the person is silent again. */
  removed: z.object({ phone: z.string(), silent: PersonRef.nullable() }).optional(),
  /** Someone answered one of this alert's escalation steps. */
  byEscalation: EscalationAnswerView.optional(),
  closed: z.boolean().optional(),
  escalation: z
    .object({ step: z.number().int(), dueAt: z.number().nullable(), state: z.enum(['open', 'done', 'cancelled']) })
    .nullable()
    .optional(),
  resync: z.boolean().optional(),
});
export type TallyChange = z.infer<typeof TallyChange>;

export const ConfirmAlert = z.object({
  broadcastId: z.number().int(),
  text: z.string(),
  step: z.number().int(),
  action: z.enum(['resent', 'escalated', 'called', 'exhausted', 'refused', 'taken']),
  /** The group alerted at an escalation step (for an on-call step, the group and role). */
  group: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  followUpId: z.number().int().nullable(),
  silent: z.array(PersonRef),
  at: z.number(),
  /** How many the step did not alert because its author may not reach them (the reasons: the tally's steps). */
  refused: z.number().int().optional(),
  /** `taken`: who answered the escalation. */
  by: PersonRef.optional(),
});
export type ConfirmAlert = z.infer<typeof ConfirmAlert>;

/** Send scopes (all · group · contact · tag), and `manage`: close or cancel broadcasts others sent. */
export const RightScope = z.enum(['all', 'group', 'contact', 'tag', 'manage']);
export const Right = z.object({ scope: RightScope, targetId: z.number().int().nullable() });
export type Right = z.infer<typeof Right>;

export const RightsMatrix = z.object({
  users: z.array(z.object({ id: z.number().int(), login: z.string(), name: z.string(), role: Role, rights: z.array(Right) })),
});
export type RightsMatrix = z.infer<typeof RightsMatrix>;

export const AuditEntryView = z.object({
  id: z.number().int(),
  at: z.number(),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  detail: z.unknown(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const OrderTimeline = z.object({
  code: z.string(),
  broadcasts: z.array(BroadcastSummary),
  /** Outgoing and incoming messages of the order, oldest first. */
  messages: z.array(MessageView),
});
export type OrderTimeline = z.infer<typeof OrderTimeline>;

const Id = z.number().int().positive();

export const dispatchRequests = {
  'broadcast.cancel': {
    params: z.object({ broadcastId: Id }).strict(),
    result: z.object({ cancelled: z.number().int() }),
  },
  /** A scheduled broadcast to another time; a time in the past sends it now. */
  'broadcast.reschedule': {
    params: z.object({ broadcastId: Id, scheduledAt: z.number().int().nonnegative() }).strict(),
    result: BroadcastSummary,
  },
  /** Closes a poll or confirmation: later answers are kept in the feed but no longer counted. */
  'broadcast.close': { params: z.object({ broadcastId: Id }).strict(), result: Tally },
  'broadcast.tally': { params: z.object({ broadcastId: Id }).strict(), result: Tally },
  /**
   * Moves a reply to another broadcast (or, null, to none), in one step, audited: it is counted there
   * (as one of its answers or its free text), and taken out of the tally it was counted in.
   */
  'reply.move': {
    params: z.object({ messageId: Id, broadcastId: Id.nullable() }).strict(),
    result: MessageView,
  },
  'order.timeline': { params: z.object({ code: z.string().regex(/^#?\d{3,12}$/) }).strict(), result: OrderTimeline },
  'rights.matrix': { params: z.object({}).strict(), result: RightsMatrix },
  'rights.set': {
    params: z.object({ userId: Id, role: Role.optional(), rights: z.array(Right).max(1000) }).strict(),
    result: RightsMatrix,
  },
  'tags.subscribe': {
    params: z.object({ tagId: Id, contactId: Id, subscribed: z.boolean() }).strict(),
    result: z.object({ subscribers: z.number().int() }),
  },
  'tags.selfService': {
    params: z.object({ tagId: Id, on: z.boolean() }).strict(),
    result: z.object({}),
  },
  'audit.list': {
    params: z
      .object({ limit: z.number().int().min(1).max(500).default(100), before: Id.optional(), action: z.string().max(64).optional() })
      .strict(),
    result: z.object({ entries: z.array(AuditEntryView), next: z.number().int().nullable() }),
  },
} as const;

export const dispatchEvents = {
  /** A poll or confirmation changed: who answered what, the new figures; never the whole tally. */
  'tally.changed': TallyChange,
  /** A confirmation was re-sent or escalated: the dispatcher should hear who is silent. */
  'confirm.alert': ConfirmAlert,
} as const;
