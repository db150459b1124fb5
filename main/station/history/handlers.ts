// The ws handlers of shared/protocol/history.ts, one per request, so wiring is one line each.
// Params arrive already validated by the request's zod schema; errors are typed (see the error
// classes of each module) and carry a sentence for the dispatcher.
import type { z } from 'zod';
import type { ExportProgress, historyRequests, HistoryResult } from '../../../shared/protocol/history.js';
import type { Db } from '../store/database.js';
import { billingSummary, setPlanChoice } from '../billing/billing.js';
import { CONTACT_FILE_LIMITS, readContactFile, type ContactFileLimits } from './contact-file.js';
import { ImportUploads } from './import-uploads.js';
import { exportContacts } from './contact-export.js';
import { commitImport, previewImport, undoLastImport } from './contact-import.js';
import { ExportJobs } from './export-jobs.js';
import { searchMessages } from './search.js';
import { broadcastDetail, conversation, groupTraffic, tagStream } from './views.js';
import { SaidError } from '../domain/said.js';
import { seesBroadcast, seesContact, sqlScope, type ReadScope } from '../auth/read-scope.js';
import { NotFoundError } from './views.js';

type Requests = typeof historyRequests;
type Params<K extends keyof Requests> = z.output<Requests[K]['params']>;

export interface Actor {
  userId: number | null;
  /** The language the asker reads (tariff names, plan lines); Russian when not said. */
  locale?: 'ru' | 'en';
  /** What this user may read; absent (the CLI, tests): everything. */
  scope?: ReadScope;
}

export type HistoryHandlers = {
  [K in keyof Requests]: (params: Params<K>, actor: Actor) => HistoryResult<K> | Promise<HistoryResult<K>>;
};

export interface HistoryContext {
  db: Db;
  /** The data folder: exports are written to `<dataDir>/exports/`. */
  dataDir: string;
  /** Pushes `history.export.progress` to the client that started the export (or to all). */
  emitExportProgress: (progress: ExportProgress) => void;
  /** Zone for export dates and billing months when the client names none. */
  timeZone?: string;
  /** Rows, columns, cell size and inflated size a contacts file may have (`server.uploads`). */
  fileLimits?: ContactFileLimits;
}

export class UploadExpiredError extends SaidError {
  override readonly name = 'UploadExpiredError';
  constructor() {
    super('The uploaded file is no longer here (it is kept 30 minutes): choose the file again.', 'import.uploadExpired');
  }
}

export function historyHandlers(ctx: HistoryContext): HistoryHandlers & { exports: ExportJobs; uploads: ImportUploads } {
  const { db } = ctx;
  const exports = new ExportJobs(db, ctx.dataDir, ctx.emitExportProgress);
  // The preview parses the file once; commit uses the same rows, so what was shown is what loads.
  const uploads = new ImportUploads();
  const paging = (p: { limit: number; cursor?: string | null | undefined; order: 'asc' | 'desc' }, actor: Actor) => ({
    limit: p.limit,
    cursor: p.cursor ?? null,
    order: p.order,
    scope: actor.scope ? sqlScope(actor.scope) : null,
  });
  const everything: ReadScope = { all: true };
  const zone = (tz: string | undefined) => tz ?? ctx.timeZone;

  return {
    exports,
    uploads,
    'history.search': (p, actor) => searchMessages(db, p.filter, paging(p, actor)),
    'history.conversation': (p, actor) => {
      // Someone outside the user's people is, to them, nobody.
      if (!seesContact(actor.scope ?? everything, p.contactId)) {
        throw new NotFoundError(`Employee ${p.contactId} does not exist (any more): refresh the list.`, 'history.noContact', { id: p.contactId });
      }
      return conversation(db, p.contactId, paging(p, actor));
    },
    'history.group': (p, actor) => groupTraffic(db, p.groupId, paging(p, actor)),
    'history.tag': (p, actor) => tagStream(db, p.tag, paging(p, actor)),
    'history.broadcast': (p, actor) => {
      const scope = actor.scope ?? everything;
      if (!seesBroadcast(db, scope, p.broadcastId)) {
        throw new NotFoundError(`Broadcast ${p.broadcastId} does not exist: it may have been deleted.`, 'history.noBroadcast', { id: p.broadcastId });
      }
      const detail = broadcastDetail(db, p.broadcastId);
      // Another author's broadcast: only the recipients this user may see.
      if (scope.all || detail.authorId === scope.userId) return detail;
      return { ...detail, recipients: detail.recipients.filter((r) => seesContact(scope, r.contactId)) };
    },
    'history.export.start': (p, actor) => {
      const timeZone = zone(p.timeZone);
      const scope = actor.scope ? sqlScope(actor.scope) : null;
      return exports.start({ ...p.filter, scope }, { locale: p.locale, ownerId: actor.userId, ...(timeZone ? { timeZone } : {}) });
    },
    'history.export.cancel': (p) => {
      exports.cancel(p.exportId);
      return {};
    },
    // A small file may come in the frame itself; anything bigger is uploaded over HTTP
    // (POST /api/v1/contacts/import) and previewed again here by its id, with another mapping.
    'contacts.import.preview': async (p, actor) => {
      if (p.uploadId !== undefined) {
        const upload = uploads.get(p.uploadId, actor.userId);
        if (!upload) throw new UploadExpiredError();
        return { uploadId: p.uploadId, ...previewImport(db, upload.table, p.mapping) };
      }
      const table = await readContactFile(Buffer.from(p.contentBase64!, 'base64'), p.fileName!, ctx.fileLimits ?? CONTACT_FILE_LIMITS);
      const uploadId = uploads.put(table, p.fileName!, actor.userId);
      return { uploadId, ...previewImport(db, table, p.mapping) };
    },
    'contacts.import.commit': (p, actor) => {
      const upload = uploads.get(p.uploadId, actor.userId);
      if (!upload) throw new UploadExpiredError();
      const result = commitImport(db, upload.table, p.mapping, { fileName: upload.fileName, userId: actor.userId });
      uploads.delete(p.uploadId);
      return result;
    },
    'contacts.import.undo': (_p, actor) => undoLastImport(db, { userId: actor.userId }),
    'contacts.export': async (p, actor) => ({
      fileName: `contacts.${p.format}`,
      contentBase64: (await exportContacts(db, p.format, 'ru', actor.scope && !actor.scope.all ? actor.scope.contactIds : undefined)).toString('base64'),
    }),
    'billing.summary': (p, actor) => {
      const timeZone = zone(p.timeZone);
      return billingSummary(db, { ...(p.month ? { month: p.month } : {}), ...(timeZone ? { timeZone } : {}), ...(actor.locale ? { locale: actor.locale } : {}) });
    },
    'billing.setPlan': (p) => {
      setPlanChoice(db, p.plan);
      return {};
    },
  };
}
