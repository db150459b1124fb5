// Settings of the integration doors (REST, SOAP, mail2sms, webhooks), the `integrations` part of
// config.json. Every listener other than HTTP is off or loopback-only unless configured.
import { z } from 'zod';
import { DEFAULT_RATE_LIMITS } from './rate-limit.js';

export const IntegrationsConfig = z
  .object({
    /**
     * Sustained requests per key per minute, and how many a key may make at once after a quiet
     * spell: a monitoring storm (an alert per failed device) passes, a script stuck in a loop gets
     * 429. Each key may have its own figures (admin screen, `apikey limit`); docs/api.md.
     */
    rateLimitPerMinute: z.number().int().positive().default(DEFAULT_RATE_LIMITS.perMinute),
    rateLimitBurst: z.number().int().positive().default(DEFAULT_RATE_LIMITS.burst),
    /** Largest request body any HTTP door accepts (REST, SOAP, .asmx forms). */
    maxBodyBytes: z.number().int().positive().default(1024 * 1024),
    smtp: z
      .object({
        enabled: z.boolean().default(false),
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(2525),
        /** Mail domains this station answers for: mail2sms@DOMAIN, PHONE@DOMAIN, GROUP@DOMAIN. */
        domains: z.array(z.string().min(1)).default(['localhost']),
        /** Sender address (lower case) → user login allowed to send through mail. */
        senders: z.record(z.string(), z.string()).default({}),
        /** Longest accepted mail text in characters after trimming; longer mail is rejected. */
        maxTextChars: z.number().int().positive().default(670),
        maxMessageBytes: z.number().int().positive().default(2 * 1024 * 1024),
      })
      .strict()
      .prefault({}),
    imap: z
      .object({
        enabled: z.boolean().default(false),
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(1).max(65535).default(993),
        secure: z.boolean().default(true),
        user: z.string().default(''),
        password: z.string().default(''),
        mailbox: z.string().default('INBOX'),
        pollSeconds: z.number().positive().default(60),
        /** Outgoing SMTP relay for bounces of refused mail; without it a refusal is only flagged and audited. */
        bounce: z
          .object({
            host: z.string().min(1),
            port: z.number().int().min(1).max(65535),
            secure: z.boolean().default(false),
            user: z.string().optional(),
            password: z.string().optional(),
            /** The bounce's From: address, e.g. mail2sms@sms.example.org. */
            from: z.string().min(3),
          })
          .strict()
          .optional(),
      })
      .strict()
      .prefault({}),
    webhooks: z
      .array(
        z
          .object({
            url: z.string().url(),
            secret: z.string().min(16),
            events: z.array(z.enum(['reply', 'delivery', 'poll', 'confirm'])).default(['reply', 'delivery', 'poll', 'confirm']),
          })
          .strict(),
      )
      .default([]),
    /** First webhook retry after this long, doubling each attempt, up to an hour. */
    webhookRetryBaseMs: z.number().int().positive().default(2000),
    webhookMaxAttempts: z.number().int().positive().default(8),
  })
  .strict();
export type IntegrationsConfig = z.infer<typeof IntegrationsConfig>;
