// Compose templates over the control-room protocol: texts with placeholders ({name}, {order})
// stored by the station. A template is its owner's, or shared by an administrator with every desk.
// Spread into `requests` in control-room.ts.
import { z } from 'zod';
import { BroadcastKind } from './entities.js';

export const TemplateView = z.object({
  id: z.number().int(),
  name: z.string(),
  text: z.string(),
  kind: BroadcastKind,
  /** A poll template's answer options. */
  options: z.array(z.string()).nullable(),
  updatedAt: z.number(),
  /** On every desk, changed only by administrators; else the owner's own. */
  shared: z.boolean().optional(),
  ownerId: z.number().int().nullable().optional(),
  ownerName: z.string().nullable().optional(),
  /** Whether the user who asked may change or delete it. */
  mayChange: z.boolean().optional(),
});
export type TemplateView = z.infer<typeof TemplateView>;

const TemplateList = z.object({ templates: z.array(TemplateView) });

export const templateRequests = {
  'templates.list': { params: z.object({}).strict(), result: TemplateList },
  /** Creates (no id) or replaces (id) a template; answers with the whole list. */
  'templates.save': {
    params: z
      .object({
        id: z.number().int().positive().optional(),
        name: z.string().trim().min(1).max(80),
        text: z.string().trim().min(1).max(2000),
        kind: BroadcastKind.default('plain'),
        options: z.array(z.string().trim().min(1).max(100)).max(9).optional(),
        /** Share with every desk (administrators only); absent keeps what the template was. */
        shared: z.boolean().optional(),
      })
      .strict(),
    result: TemplateList,
  },
  'templates.delete': { params: z.object({ id: z.number().int().positive() }).strict(), result: TemplateList },
} as const;
