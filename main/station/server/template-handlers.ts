// The station's side of shared/protocol/templates.ts. Everyone signed in reads the shared templates
// and their own; a dispatcher writes their own personal templates, an administrator any template and
// the shared ones (a viewer cannot send, so has no use for one). Every change is audited with what
// the text was before; every refusal is audited and said in words.
import type { templateRequests } from '../../../shared/protocol/index.js';
import type { StationCore } from '../core.js';
import { RightsError, StationError } from '../errors.js';
import { msg } from '../i18n/text.js';
import { TemplateRepository, type TemplateUser } from '../store/templates.js';
import type { ClientSession, Handlers } from './control-room.js';

type TemplateHandlers = Pick<Handlers, keyof typeof templateRequests>;

export function templateHandlers(core: StationCore): TemplateHandlers {
  const { store } = core;
  const templates = new TemplateRepository(store.db);
  const actorOf = (s: ClientSession) => ({ userId: s.user!.id, name: s.user!.login });
  const userOf = (s: ClientSession): TemplateUser => ({ id: s.user!.id, role: s.user!.role });
  const refuse = (s: ClientSession, what: string, why: 'templates.rightsOnly' | 'templates.sharedAdminOnly' | 'templates.notYours'): never => {
    store.audit.record(actorOf(s), 'template.refused', what, { reason: why });
    throw new RightsError(msg(why));
  };
  const requireWriter = (s: ClientSession, what: string) => {
    if (s.user!.role === 'viewer') refuse(s, what, 'templates.rightsOnly');
  };
  /** The template, when this user may change it; else a refusal (a shared one is the administrators'). */
  const changeable = (s: ClientSession, id: number) => {
    const before = templates.byId(id, userOf(s));
    // Someone else's personal template is not shown to this user: as good as not there.
    if (!before || (!before.shared && before.ownerId !== s.user!.id && s.user!.role !== 'admin')) {
      throw new StationError('not_found', msg('templates.unknown', { id }));
    }
    if (!before.mayChange) refuse(s, `template:${id}`, before.shared ? 'templates.sharedAdminOnly' : 'templates.notYours');
    return before;
  };

  return {
    'templates.list'(session) {
      return { templates: templates.all(userOf(session)) };
    },
    'templates.save'(session, { id, name, text, kind, options, shared }) {
      requireWriter(session, id ? `template:${id}` : 'template:new');
      const before = id === undefined ? undefined : changeable(session, id);
      const share = shared ?? before?.shared ?? false;
      if (share && session.user!.role !== 'admin') refuse(session, id ? `template:${id}` : 'template:new', 'templates.sharedAdminOnly');
      if (kind === 'poll' && (options ?? []).length < 2) {
        throw new StationError('bad_request', msg('templates.pollOptions'), 'options');
      }
      if (templates.nameTaken(name, id ?? null, userOf(session))) {
        throw new StationError('bad_request', msg('templates.nameTaken', { name }), 'name');
      }
      const input = { name, text, kind, options };
      if (before === undefined) {
        const created = templates.create(input, session.user!.id, share);
        store.audit.record(actorOf(session), 'template.create', `template:${created}`, { name, kind, shared: share });
      } else {
        templates.update(before.id, input, share);
        store.audit.record(actorOf(session), 'template.update', `template:${before.id}`, {
          before: { name: before.name, text: before.text, kind: before.kind, shared: before.shared },
          after: { name, text, kind, shared: share },
        });
      }
      return { templates: templates.all(userOf(session)) };
    },
    'templates.delete'(session, { id }) {
      requireWriter(session, `template:${id}`);
      const before = changeable(session, id);
      if (!templates.delete(id)) throw new StationError('not_found', msg('templates.unknown', { id }));
      store.audit.record(actorOf(session), 'template.delete', `template:${id}`, { name: before.name, text: before.text, shared: before.shared });
      return { templates: templates.all(userOf(session)) };
    },
  };
}
