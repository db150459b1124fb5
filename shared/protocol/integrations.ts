// Integrations administration over the control-room protocol (issue 6 items 1 and 5, issue 8
// item 4): API keys (list, create, revoke) and outgoing webhooks (endpoints, delivery log).
// Admin only; merged into `requests` in control-room.ts by spreading.
import { z } from 'zod';

const Id = z.number().int().positive();

export const ApiKeyView = z.object({
  id: Id,
  name: z.string(),
  userId: Id,
  userLogin: z.string(),
  /** The first characters of the key: enough to tell keys apart, useless to an attacker. */
  prefix: z.string(),
  /** Also answers MTS API 1.45 style login + MD5(key) (docs/mts-compat.md). */
  legacy: z.boolean(),
  /** MTS Communicator sign-in set by an administrator (docs/mts-compat.md): the login old scripts send… */
  m2mLogin: z.string().nullable(),
  /** …whether a password is set for it (scripts send MD5 of it), and whether an old MTS token is. */
  m2mPassword: z.boolean(),
  m2mToken: z.boolean(),
  createdAt: z.number(),
  lastUsedAt: z.number().nullable(),
  revokedAt: z.number().nullable(),
  /** The key's own rate limit (calls per minute, calls at once); null = the station's default. */
  ratePerMinute: z.number().int().nullable().optional(),
  burst: z.number().int().nullable().optional(),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;

const Limit = z.number().int().min(1).max(10_000_000);
/** The station's default rate limit, for keys without their own (docs/api.md, "Rate limits"). */
export const RateLimitDefaults = z.object({ perMinute: z.number().int(), burst: z.number().int() });
export type RateLimitDefaults = z.infer<typeof RateLimitDefaults>;

/** A user a key may be created for (the key acts with that user's rights). */
export const KeyOwner = z.object({ id: Id, login: z.string(), name: z.string(), role: z.string() });
export type KeyOwner = z.infer<typeof KeyOwner>;

export const WebhookEventName = z.enum(['reply', 'delivery', 'poll', 'confirm']);
export type WebhookEventName = z.infer<typeof WebhookEventName>;

/** A configured endpoint. Its secret never leaves the station. */
export const WebhookEndpointView = z.object({ url: z.string(), events: z.array(WebhookEventName) });
export type WebhookEndpointView = z.infer<typeof WebhookEndpointView>;

export const WebhookDeliveryView = z.object({
  id: Id,
  /** When the event happened (the delivery row was stored). */
  createdAt: z.number(),
  url: z.string(),
  event: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  /** HTTP status of the last attempt; null when the receiver could not be reached or not tried yet. */
  statusCode: z.number().int().nullable(),
  attempts: z.number().int(),
  /** When the next attempt is due; null once delivered or given up. */
  nextRetryAt: z.number().nullable(),
  deliveredAt: z.number().nullable(),
  error: z.string().nullable(),
});
export type WebhookDeliveryView = z.infer<typeof WebhookDeliveryView>;

/** A group and the mail address an administrator gave it (mail2sms: `alias@domain`). */
export const GroupMailAddress = z.object({ id: Id, name: z.string(), parentName: z.string().nullable(), alias: z.string().nullable() });
export type GroupMailAddress = z.infer<typeof GroupMailAddress>;

export const integrationRequests = {
  'apikeys.list': {
    params: z.object({}).strict(),
    result: z.object({ keys: z.array(ApiKeyView), owners: z.array(KeyOwner), rateDefaults: RateLimitDefaults.optional() }),
  },
  /** The clear key is in this result and nowhere else, ever: show it once. */
  'apikeys.create': {
    params: z
      .object({
        userId: Id.optional(),
        login: z.string().trim().min(1).max(100).optional(),
        name: z.string().trim().min(1).max(100),
        legacy: z.boolean().default(false),
        ratePerMinute: Limit.nullable().optional(),
        burst: Limit.nullable().optional(),
      })
      .strict()
      .refine((p) => (p.userId === undefined) !== (p.login === undefined), {
        message: 'Name the key owner by userId or by login, not both.',
        path: ['userId'],
      }),
    result: z.object({ key: z.string(), view: ApiKeyView }),
  },
  /** Gives a key its own rate limit, or (null) puts it back on the station's default. */
  'apikeys.limits': {
    params: z.object({ id: Id, ratePerMinute: Limit.nullable(), burst: Limit.nullable() }).strict(),
    result: z.object({ view: ApiKeyView }),
  },
  /**
   * The MTS Communicator sign-in of a key, so an old script changes only its URL: its login and
   * password (it sends MD5 of the password) and/or its old token. Absent = unchanged, null = removed.
   */
  'apikeys.setM2m': {
    params: z
      .object({
        id: Id,
        login: z.string().trim().min(1).max(100).nullable().optional(),
        password: z.string().min(8).max(200).nullable().optional(),
        token: z.string().trim().min(16).max(200).nullable().optional(),
      })
      .strict(),
    result: z.object({ view: ApiKeyView }),
  },
  'apikeys.revoke': {
    params: z.object({ id: Id }).strict(),
    result: z.object({ view: ApiKeyView }),
  },
  /** Every group with its mail alias, and the domains mail2sms answers for (docs/api.md, mail2sms). */
  'mail.addresses': {
    params: z.object({}).strict(),
    result: z.object({ enabled: z.boolean(), domains: z.array(z.string()), groups: z.array(GroupMailAddress) }),
  },
  /** Gives a group a mail alias (Latin letters, digits, `.`, `-`, `_`), or (null) takes it away. */
  'mail.setAlias': {
    params: z.object({ groupId: Id, alias: z.string().trim().min(1).max(64).nullable() }).strict(),
    result: z.object({ group: GroupMailAddress }),
  },
  'webhooks.list': {
    params: z.object({}).strict(),
    result: z.object({ endpoints: z.array(WebhookEndpointView) }),
  },
  /** Newest first; `cursor` is the `next` of the previous page. */
  'webhooks.log': {
    params: z.object({ limit: z.number().int().min(1).max(500).default(50), cursor: Id.optional() }).strict(),
    result: z.object({ deliveries: z.array(WebhookDeliveryView), next: z.number().int().nullable() }),
  },
} as const;
