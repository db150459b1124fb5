// The station's side of shared/protocol/dispatch.ts: cancel, tallies, order timelines, the rights
// matrix, tag subscriptions and the audit log. Admin-only requests refuse others with a sentence
// and leave a trace in the audit log.
import type { dispatchRequests } from '../../../shared/protocol/index.js';
import type { StationCore } from '../core.js';
import { RightsError, StationError } from '../errors.js';
import { msg } from '../i18n/text.js';
import { RightsRepository, auditPage } from '../store/rights.js';
import { orderTimeline } from '../dispatch/order-timeline.js';
import type { ClientSession, Handlers } from './control-room.js';

type DispatchHandlers = Pick<Handlers, keyof typeof dispatchRequests>;

export function dispatchHandlers(core: StationCore): DispatchHandlers {
  const { store } = core;
  const rights = new RightsRepository(store.db);
  const actorOf = (s: ClientSession) => ({ userId: s.user!.id, name: s.user!.login, role: s.user!.role });
  const requireAdmin = (s: ClientSession, what: string) => {
    if (s.user!.role === 'admin') return;
    store.audit.record(actorOf(s), 'admin.refused', what);
    throw new RightsError(msg('admin.only'));
  };
  const tallyOf = (broadcastId: number) => {
    const t = core.inbound.answers.tally(broadcastId);
    if (!t) throw new StationError('not_found', msg('poll.notTallied', { id: broadcastId }));
    return t;
  };

  return {
    'broadcast.cancel'(session, { broadcastId }) {
      return { cancelled: core.dispatcher.cancel(actorOf(session), broadcastId) };
    },
    'broadcast.reschedule'(session, { broadcastId, scheduledAt }) {
      core.dispatcher.reschedule(actorOf(session), broadcastId, scheduledAt);
      core.progress.flush();
      return store.broadcasts.summary(broadcastId)!;
    },
    'broadcast.close'(session, { broadcastId }) {
      const before = tallyOf(broadcastId);
      if (session.user!.role === 'viewer') {
        store.audit.record(actorOf(session), 'close.refused', `broadcast:${before.broadcastId}`);
        throw new RightsError(msg('poll.closeViewer'));
      }
      if (!before.closed) {
        const now = Date.now();
        store.db.transaction(() => {
          store.db.prepare('UPDATE broadcasts SET closed_at = ? WHERE id = ? AND closed_at IS NULL').run(now, before.broadcastId);
          // A closed confirmation stops escalating too: nobody is waited for any more.
          store.db.prepare(`UPDATE escalations SET state = 'cancelled', updated_at = ? WHERE broadcast_id = ? AND state = 'open'`).run(now, before.broadcastId);
        })();
        store.audit.record(actorOf(session), 'broadcast.close', `broadcast:${before.broadcastId}`, { answered: before.answers.length, silent: before.silent.length });
      }
      const after = tallyOf(broadcastId);
      core.events.emit('broadcast.tally', after);
      return after;
    },
    'broadcast.tally'(_session, { broadcastId }) {
      return tallyOf(broadcastId);
    },
    'order.timeline'(_session, { code }) {
      return orderTimeline(store, code);
    },
    'rights.matrix'(session) {
      requireAdmin(session, 'rights.matrix');
      return rights.matrix();
    },
    'rights.set'(session, { userId, role, rights: next }) {
      requireAdmin(session, 'rights.set');
      const user = store.users.byId(userId);
      if (!user) throw new StationError('not_found', msg('admin.noUserRights', { id: userId }));
      if (userId === session.user!.id && role && role !== 'admin') {
        throw new StationError('bad_request', msg('admin.selfDemote'), 'role');
      }
      for (const r of next) {
        if (r.scope === 'all') continue;
        const exists =
          r.targetId !== null &&
          store.db.prepare(`SELECT 1 FROM ${r.scope === 'group' ? 'groups' : r.scope === 'contact' ? 'contacts' : 'tags'} WHERE id = ?`).get(r.targetId);
        if (!exists) throw new StationError('bad_request', msg('admin.noRightsTarget', { scope: r.scope, id: String(r.targetId ?? '(none)') }), 'rights');
      }
      const before = { role: user.role, rights: rights.forUser(userId) };
      rights.replace(userId, next, role);
      // A new role ends the user's sessions, as users.update does: each desk logs in again as what it is now.
      const sessionsClosed = role && role !== user.role ? store.users.closeSessionsOf(userId, 'role') : 0;
      store.audit.record(actorOf(session), 'rights.change', `user:${user.login}`, {
        before,
        after: { role: role ?? user.role, rights: next },
        ...(sessionsClosed > 0 ? { sessionsClosed } : {}),
      });
      return rights.matrix();
    },
    'tags.subscribe'(session, { tagId, contactId, subscribed }) {
      requireAdmin(session, 'tags.subscribe');
      if (!store.contacts.byId(contactId)) throw new StationError('not_found', msg('admin.noContact', { id: contactId }));
      const tag = store.tags.all().find((t) => t.id === tagId);
      if (!tag) throw new StationError('not_found', msg('admin.noTag', { id: tagId }));
      if (subscribed) store.tags.subscribe(tagId, contactId, 'admin');
      else store.tags.unsubscribe(tagId, contactId);
      store.audit.record(actorOf(session), subscribed ? 'tag.subscribe' : 'tag.unsubscribe', `tag:${tagId}`, {
        tag: tag.name,
        contactId,
        source: 'admin',
      });
      return { subscribers: store.tags.all().find((t) => t.id === tagId)!.subscribers };
    },
    'tags.selfService'(session, { tagId, on }) {
      requireAdmin(session, 'tags.selfService');
      store.tags.setSelfService(tagId, on);
      store.audit.record(actorOf(session), 'tag.self_service', `tag:${tagId}`, { on });
      return {};
    },
    'audit.list'(session, params) {
      requireAdmin(session, 'audit.list');
      return auditPage(store.db, params);
    },
  };
}
