import { z } from 'zod';
import { CarrierKind, CarrierState, StoreStatus } from './entities.js';

/** `GET /api/v1/health`: a public contract (DESIGN §6). */
export const Health = z.object({
  ok: z.boolean(),
  version: z.string(),
  carriers: z.array(
    z.object({
      id: z.string(),
      kind: CarrierKind,
      state: CarrierState,
      /** Why, in words: the link's reason or what the outbox saw (throttled, slow, silent). */
      detail: z.string().nullable().optional(),
      /** SMS sent through it with no answer yet: they may have gone out. */
      inDoubt: z.number().int().optional(),
      /** SMS sent again after no answer, since the station started. */
      resent: z.number().int().optional(),
    }),
  ),
  /** `ok` is false while the store is read-only: the station answers, but takes no sends. */
  store: StoreStatus.extend({ detail: z.string().nullable() }).optional(),
  /** Parts that failed and are being (or were) started again: a carrier, the webhook queues. */
  subsystems: z
    .array(z.object({ name: z.string(), state: z.enum(['running', 'restarting']), detail: z.string().nullable(), restarts: z.number().int() }))
    .optional(),
});
export type Health = z.infer<typeof Health>;
