// What the control room shows before anything goes out, beyond people and SMS (issue 16 item 8):
// what the send adds to this month's bill under the chosen tariff, and the admin's thresholds
// above which the dispatcher is asked a second time. Merged into `requests` by spreading; the
// preview carries `cost` and `limits` (control-room.ts).
import { z } from 'zod';

export const SendCost = z.object({
  /** Roubles this send adds to the month under the plan chosen now (0 while inside a package). */
  rub: z.number(),
  /** The plan's name in the asker's language. */
  planName: z.string(),
  /** SMS of the plan still unused this month before this send; null when the plan includes none. */
  leftBefore: z.number().int().nullable(),
  /** SMS of this send beyond what the plan includes (billed at the overage price). */
  overSms: z.number().int(),
  /** Roubles per SMS beyond the plan. */
  overagePrice: z.number(),
});
export type SendCost = z.infer<typeof SendCost>;

/** Above these a send is asked about twice; null: never. */
export const SendLimits = z
  .object({
    /** SMS one person's text takes (a long text splits into many). */
    smsPerPerson: z.number().int().positive().max(1000).nullable(),
    /** SMS the whole send takes. */
    smsTotal: z.number().int().positive().max(10_000_000).nullable(),
  })
  .strict();
export type SendLimits = z.infer<typeof SendLimits>;

export const sendCheckRequests = {
  'sendLimits.get': { params: z.object({}).strict(), result: z.object({ limits: SendLimits, defaults: SendLimits }) },
  /** Admin only, audited with before and after. */
  'sendLimits.set': { params: SendLimits, result: z.object({ limits: SendLimits, defaults: SendLimits }) },
} as const;
