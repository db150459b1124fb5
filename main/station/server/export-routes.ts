// Downloads of exports started from the control room. A browser link cannot carry a header,
// so the session token may come as `?token=`; the export id itself is a random UUID.
import { createReadStream, statSync } from 'node:fs';
import type { StationCore } from '../core.js';
import { StationError } from '../errors.js';
import { msg } from '../i18n/text.js';
import type { HttpRoutes } from './http-routes.js';

export function mountExportRoutes(core: StationCore, routes: HttpRoutes): void {
  routes.add('GET', '/api/v1/exports/:id', ({ req, res, url, params }) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ?? url.searchParams.get('token');
    const user = token ? core.store.users.resumeSession(token) : undefined;
    if (!user) throw new StationError('unauthenticated', msg('export.loginFirst'));
    const file = core.history.exports.file(params.id!);
    if (!file) throw new StationError('not_found', msg('export.gone'));
    core.store.audit.record({ userId: user.id, name: user.login }, 'history.export.download', file.fileName);
    res.writeHead(200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-length': statSync(file.path).size,
      // RFC 6266: an ASCII fallback and the UTF-8 name.
      'content-disposition': `attachment; filename="${file.fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'cache-control': 'no-store',
    });
    createReadStream(file.path).pipe(res);
  });
}
