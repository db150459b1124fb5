// The station's side of shared/protocol/integrations.ts: API keys and webhooks for the admin
// screen. Every request is admin only; a refusal and every change leave an audit line, so the
// log answers "who made this key, who revoked it, who tried and was refused".
import type { integrationRequests } from '../../../shared/protocol/index.js';
import type { StationCore } from '../core.js';
import { RightsError, StationError } from '../errors.js';
import { msg } from '../i18n/text.js';
import type { ClientSession, Handlers } from '../server/control-room.js';
import { groupAddresses, setGroupAlias } from './mail/mail-aliases.js';

type IntegrationHandlers = Pick<Handlers, keyof typeof integrationRequests>;

export function integrationHandlers(core: StationCore): IntegrationHandlers {
  const { store } = core;
  const actorOf = (s: ClientSession) => ({ userId: s.user!.id, name: s.user!.login, role: s.user!.role });
  /** Checks the role, then hands back the mounted doors (absent only in a core built without them). */
  const admin = (s: ClientSession, what: string) => {
    if (s.user!.role !== 'admin') {
      store.audit.record(actorOf(s), 'admin.refused', what);
      throw new RightsError(msg('admin.integrationsOnly'));
    }
    if (!core.integrations) throw new StationError('internal', msg('integrations.notRunning'));
    return core.integrations;
  };

  return {
    'apikeys.list'(session) {
      const { keys } = admin(session, 'apikeys.list');
      const owners = store.db
        .prepare('SELECT id, login, name, role FROM users WHERE disabled = 0 ORDER BY login')
        .all() as { id: number; login: string; name: string; role: string }[];
      return { keys: keys.list(), owners, rateDefaults: core.integrations!.rateDefaults };
    },
    'apikeys.create'(session, { userId, login, name, legacy, ratePerMinute, burst }) {
      const { keys } = admin(session, 'apikeys.create');
      let owner = login;
      if (userId !== undefined) {
        owner = store.users.byId(userId)?.login;
        if (!owner) throw new StationError('not_found', msg('apikey.noUserId', { id: userId }), 'userId');
      }
      const { key, view } = keys.create(owner!, name, legacy, Date.now(), { ratePerMinute, burst });
      // The clear key goes to the client once and never into the log: the prefix names it.
      store.audit.record(actorOf(session), 'apikey.create', `apikey:${view.id}`, {
        user: view.userLogin,
        name: view.name,
        prefix: view.prefix,
        legacy: view.legacy,
        ...(view.ratePerMinute !== null || view.burst !== null ? { ratePerMinute: view.ratePerMinute, burst: view.burst } : {}),
      });
      return { key, view };
    },
    'apikeys.limits'(session, { id, ratePerMinute, burst }) {
      const { keys } = admin(session, 'apikeys.limits');
      const before = keys.byId(id);
      if (!before) throw new StationError('not_found', msg('apikey.noKey', { id }), 'id');
      keys.setLimits(id, { ratePerMinute, burst });
      const view = keys.byId(id)!;
      store.audit.record(actorOf(session), 'apikey.limits', `apikey:${id}`, {
        prefix: before.prefix,
        before: { ratePerMinute: before.ratePerMinute, burst: before.burst },
        after: { ratePerMinute: view.ratePerMinute, burst: view.burst },
      });
      return { view };
    },
    async 'apikeys.setM2m'(session, { id, login, password, token }) {
      const { keys } = admin(session, 'apikeys.setM2m');
      const change = { ...(login !== undefined ? { login } : {}), ...(password !== undefined ? { password } : {}), ...(token !== undefined ? { token } : {}) };
      const view = await keys.setM2m(id, change);
      // Never the password or token: only what changed, and the login (it is no secret).
      store.audit.record(actorOf(session), 'apikey.m2m', `apikey:${id}`, {
        user: view.userLogin,
        prefix: view.prefix,
        login: view.m2mLogin,
        password: password === undefined ? 'unchanged' : password === null ? 'removed' : 'set',
        token: token === undefined ? 'unchanged' : token === null ? 'removed' : 'set',
      });
      return { view };
    },
    'apikeys.revoke'(session, { id }) {
      const { keys } = admin(session, 'apikeys.revoke');
      const before = keys.byId(id);
      if (!before) throw new StationError('not_found', msg('apikey.noKey', { id }), 'id');
      if (before.revokedAt !== null) throw new StationError('bad_request', msg('apikey.alreadyRevoked', { prefix: before.prefix }), 'id');
      keys.revoke(id);
      store.audit.record(actorOf(session), 'apikey.revoke', `apikey:${id}`, { user: before.userLogin, name: before.name, prefix: before.prefix });
      return { view: keys.byId(id)! };
    },
    'mail.addresses'(session) {
      const { mail } = admin(session, 'mail.addresses');
      return { enabled: mail.enabled, domains: mail.domains, groups: groupAddresses(store.db) };
    },
    'mail.setAlias'(session, { groupId, alias }) {
      admin(session, 'mail.setAlias');
      const before = groupAddresses(store.db).find((g) => g.id === groupId);
      const group = setGroupAlias(store.db, groupId, alias);
      store.audit.record(actorOf(session), 'group.mailAlias', `group:${groupId}`, { group: group.name, before: before?.alias ?? null, after: group.alias });
      return { group };
    },
    'webhooks.list'(session) {
      return { endpoints: admin(session, 'webhooks.list').webhooks.endpoints() };
    },
    'webhooks.log'(session, { limit, cursor }) {
      return admin(session, 'webhooks.log').webhooks.page(limit, cursor);
    },
  };
}
