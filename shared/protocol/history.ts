// History, contacts import/export and billing over the control-room protocol. Same shape as
// `requests` in control-room.ts ({ name: { params, result } }) so the lead can merge the map.
import { z } from 'zod';
import { BroadcastKind, BroadcastSource, Direction, MessageStatus, MessageView } from './entities.js';

const Id = z.number().int().nonnegative();

export const MessageFilter = z
  .object({
    /** The search box: words, "phrases", prefix*, #tags, -exclusions, OR. See docs/history.md. */
    q: z.string().max(500).optional(),
    /** UTC epoch ms, inclusive. */
    from: z.number().optional(),
    /** UTC epoch ms, exclusive. */
    to: z.number().optional(),
    direction: Direction.optional(),
    status: z.array(MessageStatus).max(8).optional(),
    contactId: Id.optional(),
    /** A group and all its subgroups. */
    groupId: Id.optional(),
    broadcastId: Id.optional(),
    carrierId: z.string().max(100).optional(),
    tag: z.string().max(100).optional(),
  })
  .strict();
export type MessageFilter = z.infer<typeof MessageFilter>;

export const Paging = z
  .object({
    limit: z.number().int().min(1).max(500).default(50),
    /** `next` from the previous page; absent for the first page. */
    cursor: z.string().max(200).nullish(),
    /** Newest first (default) or oldest first (a conversation read top to bottom). */
    order: z.enum(['desc', 'asc']).default('desc'),
  })
  .strict();
export type Paging = z.input<typeof Paging>;

export const MessageHit = MessageView.extend({
  sentAt: z.number().nullable(),
  deliveredAt: z.number().nullable(),
  /** The text, or a window of it around the first hit. */
  snippet: z.string(),
  /** [start, end) offsets of hits within `snippet`. */
  highlights: z.array(z.tuple([z.number().int(), z.number().int()])),
});
export type MessageHit = z.infer<typeof MessageHit>;

export const SearchResult = z.object({ hits: z.array(MessageHit), next: z.string().nullable() });
export type SearchResult = z.infer<typeof SearchResult>;

export const RecipientStatus = z.object({
  messageId: Id,
  contactId: Id.nullable(),
  contactName: z.string().nullable(),
  phone: z.string(),
  status: MessageStatus,
  error: z.string().nullable(),
  sentAt: z.number().nullable(),
  deliveredAt: z.number().nullable(),
  /** The latest reply from this recipient to this broadcast, if any. */
  reply: z.object({ messageId: Id, text: z.string(), createdAt: z.number() }).nullable(),
  replies: z.number().int(),
});
export type RecipientStatus = z.infer<typeof RecipientStatus>;

export const BroadcastDetail = z.object({
  id: Id,
  authorId: Id.nullable(),
  authorName: z.string().nullable(),
  source: BroadcastSource,
  kind: BroadcastKind,
  text: z.string(),
  tags: z.array(z.string()),
  createdAt: z.number(),
  recipients: z.array(RecipientStatus),
  /** Replies that could not be tied to one recipient message (e.g. from an unknown phone). */
  otherReplies: z.array(MessageView),
});
export type BroadcastDetail = z.infer<typeof BroadcastDetail>;

export const ExportLocale = z.enum(['ru', 'en']);

export const ExportState = z.enum(['running', 'done', 'failed', 'cancelled']);
export const ExportProgress = z.object({
  exportId: z.string(),
  state: ExportState,
  rows: z.number().int(),
  total: z.number().int(),
  /** For `done`: the name to download under GET /api/v1/exports/{exportId}. */
  fileName: z.string().nullable(),
  /** For `failed`: a sentence for the dispatcher. */
  error: z.string().nullable(),
});
export type ExportProgress = z.infer<typeof ExportProgress>;

export const ContactField = z.enum(['name', 'phone', 'position', 'groups', 'tags', 'email', 'notes', 'active']);
export type ContactField = z.infer<typeof ContactField>;

/** Column index in the file → contact field; unmapped columns are ignored. */
export const ColumnMapping = z.partialRecord(ContactField, z.number().int().nonnegative().nullable());
export type ColumnMapping = z.infer<typeof ColumnMapping>;

export const RowError = z.object({
  /** 1-based row number as the spreadsheet shows it (the header is row 1). */
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  reason: z.string(),
});
export type RowError = z.infer<typeof RowError>;

export const ImportTotals = z.object({
  rows: z.number().int(),
  blank: z.number().int(),
  errors: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
export type ImportTotals = z.infer<typeof ImportTotals>;

export const ImportPreview = z.object({
  uploadId: z.string(),
  encoding: z.enum(['utf-8', 'windows-1251', 'xlsx']),
  headers: z.array(z.string()),
  mapping: ColumnMapping,
  /** The first rows as they would be stored. */
  sample: z.array(
    z.object({
      row: z.number().int(),
      name: z.string(),
      phone: z.string(),
      position: z.string().nullable(),
      groups: z.array(z.string()),
      tags: z.array(z.string()),
      email: z.string().nullable(),
    }),
  ),
  totals: ImportTotals,
  errors: z.array(RowError),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportResult = z.object({
  batchId: Id,
  totals: ImportTotals,
  errors: z.array(RowError),
  /** The errors as a CSV file (UTF-8 with BOM, `;`-separated, opens in Excel). */
  errorsCsv: z.string(),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const UndoResult = z.object({ batchId: Id, removed: z.number().int(), restored: z.number().int() });

export const PlanChoice = z.discriminatedUnion('planId', [
  z.object({ planId: z.literal('company'), packages: z.array(z.number().int().nonnegative()).max(20) }),
  z.object({ planId: z.literal('employee') }),
]);
export type PlanChoice = z.infer<typeof PlanChoice>;

export const CostLine = z.object({ label: z.string(), quantity: z.number(), unitPrice: z.number(), amount: z.number() });
export const Cost = z.object({
  planId: z.string(),
  planName: z.string(),
  choice: PlanChoice,
  included: z.number().int(),
  used: z.number().int(),
  overage: z.number().int(),
  total: z.number(),
  lines: z.array(CostLine),
});
export type Cost = z.infer<typeof Cost>;

const UsageCount = z.object({ messages: z.number().int(), segments: z.number().int() });
export const BillingSummary = z.object({
  month: z.string(),
  timeZone: z.string(),
  usage: z.object({
    in: UsageCount,
    out: UsageCount,
    byCarrier: z.array(z.object({ carrierId: z.string().nullable(), in: UsageCount, out: UsageCount })),
    byUser: z.array(z.object({ userId: Id.nullable(), userName: z.string().nullable(), out: UsageCount })),
  }),
  employees: z.number().int(),
  current: Cost,
  cheapest: Cost,
  /** Every plan's cheapest cost for this month, cheapest first. */
  options: z.array(Cost),
  quota: z.object({ included: z.number().int(), used: z.number().int(), percent: z.number(), level: z.union([z.literal(0), z.literal(80), z.literal(100)]) }),
  daily: z.array(z.object({ date: z.string(), in: z.number().int(), out: z.number().int() })),
});
export type BillingSummary = z.infer<typeof BillingSummary>;

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const TimeZone = z.string().min(1).max(64);

export const historyRequests = {
  'history.search': {
    params: Paging.extend({ filter: MessageFilter.default({}) }).strict(),
    result: SearchResult,
  },
  'history.conversation': {
    params: Paging.extend({ contactId: Id }).strict(),
    result: SearchResult.extend({ contact: z.object({ id: Id, name: z.string(), phone: z.string() }) }),
  },
  'history.group': {
    params: Paging.extend({ groupId: Id }).strict(),
    result: SearchResult.extend({ group: z.object({ id: Id, name: z.string() }) }),
  },
  'history.tag': {
    params: Paging.extend({ tag: z.string().min(1).max(100) }).strict(),
    result: SearchResult.extend({ tag: z.string() }),
  },
  'history.broadcast': { params: z.object({ broadcastId: Id }).strict(), result: BroadcastDetail },
  'history.export.start': {
    params: z
      .object({ filter: MessageFilter.default({}), timeZone: TimeZone.optional(), locale: ExportLocale.default('ru') })
      .strict(),
    result: z.object({ exportId: z.string(), total: z.number().int() }),
  },
  'history.export.cancel': { params: z.object({ exportId: z.string().max(64) }).strict(), result: z.object({}) },
  /**
   * Either a small file in the frame (fileName + contentBase64, what fits in one ws frame), or an
   * `uploadId` from `POST /api/v1/contacts/import` (any size up to server.uploads.maxBytes) to see
   * the same file again with another mapping.
   */
  'contacts.import.preview': {
    params: z
      .object({
        fileName: z.string().min(1).max(255).optional(),
        /** The file's bytes, base64: up to ~180 KB of file, the ws frame's limit. */
        contentBase64: z.string().max(250_000).optional(),
        uploadId: z.string().max(64).optional(),
        mapping: ColumnMapping.optional(),
      })
      .strict()
      .refine((p) => (p.uploadId !== undefined) !== (p.fileName !== undefined && p.contentBase64 !== undefined), {
        message: 'send either uploadId, or fileName with contentBase64 (bigger files go to POST /api/v1/contacts/import)',
        path: ['uploadId'],
      }),
    result: ImportPreview,
  },
  'contacts.import.commit': {
    params: z.object({ uploadId: z.string().max(64), mapping: ColumnMapping.optional() }).strict(),
    result: ImportResult,
  },
  'contacts.import.undo': { params: z.object({}).strict(), result: UndoResult },
  'contacts.export': {
    params: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }).strict(),
    result: z.object({ fileName: z.string(), contentBase64: z.string() }),
  },
  'billing.summary': {
    params: z.object({ month: Month.optional(), timeZone: TimeZone.optional() }).strict(),
    result: BillingSummary,
  },
  'billing.setPlan': { params: z.object({ plan: PlanChoice }).strict(), result: z.object({}) },
} as const;

export type HistoryRequestName = keyof typeof historyRequests;
export type HistoryParams<K extends HistoryRequestName> = z.input<(typeof historyRequests)[K]['params']>;
export type HistoryResult<K extends HistoryRequestName> = z.infer<(typeof historyRequests)[K]['result']>;

export const historyEvents = {
  'history.export.progress': ExportProgress,
  /** Raised once per month per level when billed usage crosses 80% and 100% of the quota. */
  'billing.quota': z.object({ month: z.string(), level: z.union([z.literal(80), z.literal(100)]), used: z.number().int(), included: z.number().int() }),
} as const;
