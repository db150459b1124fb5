// The station's side of shared/protocol/admin.ts: users and roles, tags and their subscribers,
// station settings. Admin only: a refusal is audited as `admin.refused` like the other admin
// screens; every change is audited with what it was before and what it is after.
import type { adminRequests, UserAdminView } from '../../../shared/protocol/index.js';
import type { StationCore } from '../core.js';
import { RightsError, StationError } from '../errors.js';
import { msg } from '../i18n/text.js';
import { generatePassword } from '../auth/passwords.js';
import { UserExistsError, type UserAdminRow } from '../store/users.js';
import type { ClientSession, Handlers } from './control-room.js';

type AdminHandlers = Pick<Handlers, keyof typeof adminRequests>;

/** The part of a user the audit log records before and after a change. */
const audited = (u: UserAdminRow) => ({ name: u.name, role: u.role, locale: u.locale, disabled: u.disabled });
const view = (u: UserAdminRow): UserAdminView => ({ ...u });

export function adminHandlers(core: StationCore): AdminHandlers {
  const { store, settings } = core;
  const actorOf = (s: ClientSession) => ({ userId: s.user!.id, name: s.user!.login, role: s.user!.role });
  const requireAdmin = (s: ClientSession, what: string) => {
    if (s.user!.role === 'admin') return;
    store.audit.record(actorOf(s), 'admin.refused', what);
    throw new RightsError(msg('admin.only'));
  };
  const userOf = (id: number) => {
    const u = store.users.forAdmin(id);
    if (!u) throw new StationError('not_found', msg('admin.noUser', { id }), 'id');
    return u;
  };
  const tagOf = (tagId: number) => {
    const tag = store.tags.all().find((t) => t.id === tagId);
    if (!tag) throw new StationError('not_found', msg('admin.noTag', { id: tagId }), 'tagId');
    return tag;
  };
  const settingsResult = () => ({ effective: settings.effective(), stored: settings.storedValues(), defaults: settings.defaults });

  return {
    'users.list'(session) {
      requireAdmin(session, 'users.list');
      return { users: store.users.listForAdmin().map(view) };
    },
    async 'users.create'(session, { login, name, role, password, locale }) {
      requireAdmin(session, 'users.create');
      const clear = password ?? generatePassword();
      let created;
      try {
        created = await store.users.create({ login, name, role, password: clear, ...(locale ? { locale } : {}) });
      } catch (err) {
        if (err instanceof UserExistsError) throw new StationError('bad_request', msg('admin.userExists', { login: err.login }), 'login');
        throw err;
      }
      const user = userOf(created.id);
      store.audit.record(actorOf(session), 'user.create', `user:${user.login}`, { after: audited(user), passwordGenerated: password === undefined });
      return { user: view(user), password: password === undefined ? clear : null };
    },
    'users.update'(session, { id, ...patch }) {
      requireAdmin(session, 'users.update');
      const before = userOf(id);
      const self = id === session.user!.id;
      const demoted = patch.role !== undefined && patch.role !== 'admin' && before.role === 'admin';
      const disabling = patch.disabled === true && !before.disabled;
      if (self && demoted) {
        throw new StationError('bad_request', msg('admin.selfDemote'), 'role');
      }
      if (self && disabling) {
        throw new StationError('bad_request', msg('admin.selfDisable'), 'disabled');
      }
      // Without an enabled administrator nobody could manage users again except from the CLI.
      if ((demoted || disabling) && before.role === 'admin' && !before.disabled && store.users.activeAdminCount() <= 1) {
        throw new StationError(
          'bad_request',
          msg('admin.lastAdmin', { login: before.login }),
          demoted ? 'role' : 'disabled',
        );
      }
      // Disabling or a new role ends the user's sessions (in the repository, for every caller).
      const { sessionsClosed } = store.users.update(id, patch);
      const after = userOf(id);
      store.audit.record(actorOf(session), 'user.update', `user:${after.login}`, {
        before: audited(before),
        after: audited(after),
        ...(sessionsClosed > 0 || disabling ? { sessionsClosed } : {}),
      });
      return { user: view(after) };
    },
    async 'users.resetPassword'(session, { id }) {
      requireAdmin(session, 'users.resetPassword');
      const user = userOf(id);
      const password = generatePassword();
      const open = store.db.prepare('SELECT count(*) FROM sessions WHERE user_id = ?').pluck().get(id) as number;
      // Whoever knew the old password (and kept a session open with it) is out: setPassword ends them.
      await store.users.setPasswordById(id, password);
      store.audit.record(actorOf(session), 'user.password', `user:${user.login}`, { reset: true, sessionsClosed: open });
      return { user: view(userOf(id)), password };
    },
    'tags.list'(session) {
      requireAdmin(session, 'tags.list');
      return { tags: store.tags.all() };
    },
    'tags.create'(session, { name, selfService }) {
      requireAdmin(session, 'tags.create');
      const display = name.replace(/^#/, '');
      const existing = store.tags.byName(display);
      if (existing) throw new StationError('bad_request', msg('admin.tagExists', { name: existing.name }), 'name');
      const id = store.tags.ensure(display);
      if (selfService) store.tags.setSelfService(id, true);
      store.audit.record(actorOf(session), 'tag.create', `tag:${id}`, { after: { name: display, selfService } });
      return { tag: tagOf(id), tags: store.tags.all() };
    },
    'tags.subscribers'(session, { tagId }) {
      requireAdmin(session, 'tags.subscribers');
      tagOf(tagId);
      return { subscribers: store.tags.subscribers(tagId) };
    },
    'settings.get'(session) {
      requireAdmin(session, 'settings.get');
      return settingsResult();
    },
    'settings.set'(session, patch) {
      requireAdmin(session, 'settings.set');
      const before = settings.effective();
      settings.set(patch);
      store.audit.record(actorOf(session), 'settings.change', 'station', { before, after: settings.effective(), changed: Object.keys(patch) });
      return settingsResult();
    },
  };
}
