// Contact files over HTTP (issue 14 case 8): `POST /api/v1/contacts/import?name=staff.xlsx` with the
// file as the body, from the control room (its session as `Authorization: Bearer`) or a script (an
// administrator's API key). The body is counted as it streams in and cut at server.uploads.maxBytes
// (413); only roles that may import may send one (a viewer's upload is refused before a byte is
// read); files are read one at a time, each within the row, column, cell and inflate limits. The
// answer is the import preview, whose uploadId the control room then loads with contacts.import.commit.
import type { IncomingMessage } from 'node:http';
import type { UserView } from '../../../shared/protocol/index.js';
import type { StationCore } from '../core.js';
import { StationError, RightsError } from '../errors.js';
import { msg } from '../i18n/text.js';
import { sayImportResult } from '../i18n/row-errors.js';
import { localeOfAcceptLanguage } from '../i18n/accept-language.js';
import { activeUser } from '../auth/door-check.js';
import { QueueFullError, WorkQueue } from '../auth/work-queue.js';
import { readContactFile } from '../history/contact-file.js';
import { previewImport } from '../history/contact-import.js';
import { KEY_PREFIX } from '../integrations/api-keys.js';
import { asStationError } from './error-codes.js';
import { sendJson, type HttpRoutes } from './http-routes.js';
import type { OriginPolicy } from './origin-policy.js';
import type { UploadLimits } from './config.js';

/** Roles that may load contacts: the same rule as contacts.import.commit (server/history-wire.ts). */
export function mayImport(user: UserView): boolean {
  return user.role === 'admin';
}

/**
 * The body, counted as it streams in. Past the cap nothing more is kept; the rest is read and
 * dropped (up to four times the cap) so the client can read its 413, then the connection is cut.
 */
async function readCapped(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => new StationError('too_large', msg('upload.tooLarge', { megabytes: Math.round(maxBytes / 1024 / 1024) }));
  // Declared too large: refused before reading; Node drops the unread body after the answer.
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 4 * maxBytes) {
      req.destroy();
      break;
    }
    if (size <= maxBytes) chunks.push(chunk);
  }
  if (size > maxBytes) throw tooLarge();
  return Buffer.concat(chunks);
}

export function mountUploadRoutes(core: StationCore, routes: HttpRoutes, policy: OriginPolicy, limits: UploadLimits): void {
  // One file read at a time, a short queue, one per user: parsing is the expensive part.
  const reading = new WorkQueue(1, 4, 1);

  const caller = (req: IncomingMessage): UserView => {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer) throw new StationError('unauthenticated', msg('upload.loginFirst'));
    if (bearer.startsWith(KEY_PREFIX)) {
      const holder = core.integrations?.keys.authenticate(bearer);
      const user = holder && activeUser(core.store.db, { userId: holder.userId });
      if (user) return user;
    } else {
      const user = core.store.users.sessionUser(bearer);
      if (user) return user;
    }
    throw new StationError('unauthenticated', msg('upload.loginFirst'));
  };

  routes.add('POST', '/api/v1/contacts/import', async ({ req, res, url }) => {
    // A page elsewhere cannot send our session header without CORS, which we never grant; still,
    // an upload from a foreign page is refused outright.
    if (!policy.originAllowed(req.headers.origin)) throw new StationError('forbidden', msg('admin.only'));
    const user = caller(req);
    const actor = { userId: user.id, name: user.login };
    if (!mayImport(user)) {
      core.store.audit.record(actor, 'admin.refused', 'contacts.import.upload', { role: user.role });
      throw new RightsError(msg('import.notAllowed'));
    }
    const fileName = (url.searchParams.get('name') ?? '').trim().slice(0, 255);
    if (!fileName) throw new StationError('bad_request', msg('upload.noName'), 'name');
    const locale = localeOfAcceptLanguage(req.headers['accept-language']);
    let preview;
    try {
      preview = await reading.run(String(user.id), async () => {
        const bytes = await readCapped(req, limits.maxBytes);
        const table = await readContactFile(bytes, fileName, limits);
        const uploadId = core.history.uploads.put(table, fileName, user.id);
        return { uploadId, ...previewImport(core.store.db, table) };
      });
    } catch (err) {
      if (err instanceof QueueFullError) throw new StationError('rate_limited', msg('upload.busy'));
      const e = asStationError(err);
      if (e instanceof StationError) {
        core.store.audit.record(actor, 'contacts.import.refused', fileName, { reason: e.message });
      }
      throw e;
    }
    core.store.audit.record(actor, 'contacts.import.preview', fileName, { uploadId: preview.uploadId, totals: preview.totals, via: 'http' });
    sendJson(res, 200, sayImportResult(preview, locale));
  });
}
