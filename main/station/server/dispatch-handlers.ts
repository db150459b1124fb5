// The station's side of shared/protocol/dispatch.ts: cancel, tallies, order timelines, the rights
// matrix, tag subscriptions and the audit log. Admin-only requests refuse others with a sentence
// and leave a trace in the audit log.
import type { dispatchRequests } from '../../../shared/protocol/index.js';
import type { StationCore } from '../core.js';
import { RightsError, StationError } from '../errors.js';
import { msg } from '../i18n/text.js';
import { RightsRepository, auditPage } from '../store/rights.js';
import { orderTimeline } from '../dispatch/order-timeline.js';
import { moveReply } from '../inbound/reply-move.js';
import { tallyInSight } from '../auth/tally-sight.js';
import { readScopeOf, seesBroadcast, seesMessage } from '../auth/read-scope.js';
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
  const scopeOf = (s: ClientSession) => readScopeOf(store.db, s.user!);
  const tallyOf = (broadcastId: number, session: ClientSession) => {
    // A broadcast outside the user's read scope is, to them, not there (as its pushes are not).
    if (!seesBroadcast(store.db, scopeOf(session), broadcastId)) throw new StationError('not_found', msg('send.noBroadcast', { id: broadcastId }));
    const t = core.inbound.answers.tally(broadcastId);
    if (!t) throw new StationError('not_found', msg('poll.notTallied', { id: broadcastId }));
    const author = store.db.prepare('SELECT author_id FROM broadcasts WHERE id = ?').pluck().get(broadcastId) === session.user!.id;
    // Its people outside the reader's scope stay counted, not named (auth/tally-sight.ts).
    return tallyInSight(t, { scope: scopeOf(session), author, locale: session.locale });
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
      tallyOf(broadcastId, session); // a plain broadcast is not a question: say so before anything else
      core.dispatcher.close(actorOf(session), broadcastId);
      return tallyOf(broadcastId, session);
    },
    'broadcast.tally'(session, { broadcastId }) {
      return tallyOf(broadcastId, session);
    },
    'reply.move'(session, { messageId, broadcastId }) {
      const moved = moveReply(store, core.inbound.answers, actorOf(session), messageId, broadcastId);
      core.progress.messagesChanged([messageId]);
      for (const id of moved.touched) core.progress.touch(id);
      for (const c of moved.changes) core.events.emit('tally.changed', c);
      return store.messages.view(messageId)!;
    },
    'order.timeline'(session, { code }) {
      const scope = scopeOf(session);
      const t = orderTimeline(store, code);
      if (scope.all) return t;
      // The thread as history reads it for this user: their people's messages and their own broadcasts'.
      return {
        ...t,
        broadcasts: t.broadcasts.filter((b) => seesBroadcast(store.db, scope, b.id)),
        messages: t.messages.filter((m) => seesMessage(store.db, scope, { contactId: m.contactId ?? null, broadcastId: m.broadcastId })),
      };
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
        if (r.scope === 'all' || r.scope === 'manage') continue;
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
