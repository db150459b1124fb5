import { z } from 'zod';
import { CarrierKind, CarrierState } from './entities.js';

/** `GET /api/v1/health`: a public contract (DESIGN §6). */
export const Health = z.object({
  ok: z.boolean(),
  version: z.string(),
  carriers: z.array(z.object({ id: z.string(), kind: CarrierKind, state: CarrierState })),
});
export type Health = z.infer<typeof Health>;
