// The station's side of shared/protocol/security.ts: login locks for the admin (list, unlock,
// audited) and download tickets for one's own finished export.
import type { securityRequests } from '../../../shared/protocol/index.js';
import type { StationCore } from '../core.js';
import { RightsError, StationError } from '../errors.js';
import { msg } from '../i18n/text.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import type { DownloadTickets } from '../auth/download-tickets.js';
import type { ClientSession, Handlers } from './control-room.js';

type SecurityHandlers = Pick<Handlers, keyof typeof securityRequests>;

export function securityHandlers(core: StationCore, throttle: LoginThrottle, tickets: DownloadTickets): SecurityHandlers {
  const { store } = core;
  const actorOf = (s: ClientSession) => ({ userId: s.user!.id, name: s.user!.login });
  const requireAdmin = (s: ClientSession, what: string) => {
    if (s.user!.role === 'admin') return;
    store.audit.record(actorOf(s), 'admin.refused', what);
    throw new RightsError(msg('admin.only'));
  };
  return {
    'security.logins'(session) {
      requireAdmin(session, 'security.logins');
      return { locks: throttle.current() };
    },
    'security.unlock'(session, { kind, key }) {
      requireAdmin(session, 'security.unlock');
      const lifted = throttle.unlock(kind, key);
      store.audit.record(actorOf(session), 'login.unlock', `${kind}:${key}`, { lifted });
      return { locks: throttle.current() };
    },
    'export.ticket'(session, { exportId }) {
      const file = core.history.exports.file(exportId);
      if (!file) throw new StationError('not_found', msg('export.gone'));
      if (file.ownerId !== null && file.ownerId !== session.user!.id) {
        store.audit.record(actorOf(session), 'export.refused', `export:${exportId}`, { owner: file.ownerId });
        throw new RightsError(msg('export.notYours'));
      }
      const { ticket, expiresAt } = tickets.issue(`export:${exportId}`, session.user!.id, session.tokenHash!);
      return { url: `/api/v1/exports/${encodeURIComponent(exportId)}?ticket=${ticket}`, expiresAt };
    },
  };
}
