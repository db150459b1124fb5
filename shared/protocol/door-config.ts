// The mail doors (SMTP listener, IMAP mailbox) and the webhook endpoints configured on screen
// (issue 16 item 2), applied without a restart and audited, each with a test: a mail through the
// SMTP door, a login to the IMAP mailbox, a signed test delivery to a webhook. Passwords and
// secrets go in and never come back. Admin only; merged into `requests` (control-room.ts).
import { z } from 'zod';
import { WebhookEventName } from './integrations.js';

const Host = z.string().trim().min(1).max(255);
const Port = z.number().int().min(0).max(65535);

export const SmtpDoor = z
  .object({
    enabled: z.boolean(),
    host: Host,
    port: Port,
    /** mail2sms@DOMAIN, PHONE@DOMAIN, GROUP@DOMAIN: the domains answered for. */
    domains: z.array(z.string().trim().min(1).max(255)).min(1).max(20),
    /** Sender address → the user whose rights a mail from it sends with. */
    senders: z.record(z.string().trim().min(3).max(255), z.string().trim().min(1).max(100)),
    maxTextChars: z.number().int().positive().max(10_000),
  })
  .strict();
export type SmtpDoor = z.infer<typeof SmtpDoor>;

const BounceView = z.object({ host: Host, port: Port, secure: z.boolean(), user: z.string(), passwordSet: z.boolean(), from: z.string() });

export const ImapDoorView = z.object({
  enabled: z.boolean(),
  host: z.string(),
  port: Port,
  secure: z.boolean(),
  user: z.string(),
  passwordSet: z.boolean(),
  mailbox: z.string(),
  pollSeconds: z.number(),
  /** The relay refused mail is bounced through; null: refusals are only flagged and audited. */
  bounce: BounceView.nullable(),
});
export type ImapDoorView = z.infer<typeof ImapDoorView>;

export const ImapDoorInput = z
  .object({
    enabled: z.boolean(),
    host: Host,
    port: Port.min(1),
    secure: z.boolean(),
    user: z.string().trim().max(255),
    /** A new password; null clears it; left out, the stored one stays. */
    password: z.string().max(500).nullable().optional(),
    mailbox: z.string().trim().min(1).max(255),
    pollSeconds: z.number().positive().max(24 * 3600),
    bounce: z
      .object({
        host: Host,
        port: Port.min(1),
        secure: z.boolean(),
        user: z.string().trim().max(255),
        password: z.string().max(500).nullable().optional(),
        from: z.string().trim().min(3).max(255),
      })
      .strict()
      .nullable(),
  })
  .strict();
export type ImapDoorInput = z.input<typeof ImapDoorInput>;

export const MailDoorsView = z.object({
  smtp: SmtpDoor,
  imap: ImapDoorView,
  /** Where the SMTP listener is listening now (null: it is off). */
  listening: Port.nullable(),
});
export type MailDoorsView = z.infer<typeof MailDoorsView>;

export const DoorTestResult = z.object({ ok: z.boolean(), detail: z.string(), tookMs: z.number() });
export type DoorTestResult = z.infer<typeof DoorTestResult>;

export const WebhookEndpointInput = z
  .object({
    url: z.string().trim().url().max(2000),
    events: z.array(WebhookEventName).min(1),
    /** A new signing secret (16 characters or more); left out, the stored one stays. */
    secret: z.string().min(16).max(500).optional(),
  })
  .strict();
export type WebhookEndpointInput = z.input<typeof WebhookEndpointInput>;

export const doorConfigRequests = {
  'doors.mail': { params: z.object({}).strict(), result: MailDoorsView },
  'doors.saveMail': { params: z.object({ smtp: SmtpDoor, imap: ImapDoorInput }).strict(), result: MailDoorsView },
  /** `smtp`: a mail from `from` to `to` through the running SMTP door (it sends the SMS it asks for). `imap`: a login to the mailbox. */
  'doors.testMail': {
    params: z.union([
      z.object({ door: z.literal('smtp'), from: z.string().trim().min(3).max(255), to: z.string().trim().min(3).max(255) }).strict(),
      z.object({ door: z.literal('imap') }).strict(),
    ]),
    result: DoorTestResult,
  },
  'webhooks.save': {
    params: z.object({ endpoints: z.array(WebhookEndpointInput).max(50) }).strict(),
    result: z.object({ endpoints: z.array(z.object({ url: z.string(), events: z.array(WebhookEventName) })) }),
  },
  /** A signed `test` event to one configured endpoint, at once (not through the queue). */
  'webhooks.test': {
    params: z.object({ url: z.string().trim().min(1).max(2000) }).strict(),
    result: DoorTestResult.extend({ status: z.number().int().nullable() }),
  },
} as const;
