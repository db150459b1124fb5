// Downloads of exports started from the control room. A browser link cannot carry a header, so
// it carries a one-use ticket (`?ticket=`, from the `export.ticket` request) bound to the session
// that asked; a script may send its session token as `Authorization: Bearer`. Never `?token=`:
// a token in a URL ends up in history and logs. The export id itself is a random UUID.
import { createReadStream, statSync } from 'node:fs';
import type { StationCore } from '../core.js';
import { StationError } from '../errors.js';
import { msg } from '../i18n/text.js';
import { activeUser } from '../auth/door-check.js';
import type { DownloadTickets } from '../auth/download-tickets.js';
import type { HttpRoutes } from './http-routes.js';

export function mountExportRoutes(core: StationCore, routes: HttpRoutes, tickets: DownloadTickets): void {
  routes.add('GET', '/api/v1/exports/:id', ({ req, res, url, params }) => {
    const exportId = params.id!;
    const ticket = url.searchParams.get('ticket');
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    let userId: number | undefined;
    if (ticket) {
      const grant = tickets.redeem(ticket, `export:${exportId}`);
      // The session must still be alive: a ticket dies with the logout it outlived.
      if (!grant || !core.store.users.sessionAlive(grant.tokenHash)) throw new StationError('unauthenticated', msg('export.ticketInvalid'));
      userId = activeUser(core.store.db, { userId: grant.userId })?.id;
    } else if (bearer) {
      userId = core.store.users.resumeSession(bearer)?.id;
    }
    const user = userId === undefined ? undefined : activeUser(core.store.db, { userId });
    if (!user) throw new StationError('unauthenticated', msg('export.loginFirst'));
    const file = core.history.exports.file(exportId);
    if (!file) throw new StationError('not_found', msg('export.gone'));
    if (file.ownerId !== null && file.ownerId !== user.id) throw new StationError('forbidden', msg('export.notYours'));
    core.store.audit.record({ userId: user.id, name: user.login }, 'history.export.download', file.fileName);
    res.writeHead(200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-length': statSync(file.path).size,
      // RFC 6266: an ASCII fallback and the UTF-8 name.
      'content-disposition': `attachment; filename="${file.fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    });
    createReadStream(file.path).pipe(res);
  });
}
