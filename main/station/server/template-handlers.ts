// The station's side of shared/protocol/templates.ts. Everyone signed in reads templates;
// dispatchers and administrators write them (a viewer cannot send, so has no use for one).
// Every change is audited with what the text was before.
import type { templateRequests } from '../../../shared/protocol/index.js';
import type { StationCore } from '../core.js';
import { RightsError, StationError } from '../errors.js';
import { msg } from '../i18n/text.js';
import { TemplateRepository } from '../store/templates.js';
import type { ClientSession, Handlers } from './control-room.js';

type TemplateHandlers = Pick<Handlers, keyof typeof templateRequests>;

export function templateHandlers(core: StationCore): TemplateHandlers {
  const { store } = core;
  const templates = new TemplateRepository(store.db);
  const actorOf = (s: ClientSession) => ({ userId: s.user!.id, name: s.user!.login });
  const requireWriter = (s: ClientSession, what: string) => {
    if (s.user!.role !== 'viewer') return;
    store.audit.record(actorOf(s), 'template.refused', what);
    throw new RightsError(msg('templates.rightsOnly'));
  };

  return {
    'templates.list'() {
      return { templates: templates.all() };
    },
    'templates.save'(session, { id, name, text, kind, options }) {
      requireWriter(session, id ? `template:${id}` : 'template:new');
      if (kind === 'poll' && (options ?? []).length < 2) {
        throw new StationError('bad_request', msg('templates.pollOptions'), 'options');
      }
      if (templates.nameTaken(name, id ?? null)) {
        throw new StationError('bad_request', msg('templates.nameTaken', { name }), 'name');
      }
      const input = { name, text, kind, options };
      if (id === undefined) {
        const created = templates.create(input, session.user!.id);
        store.audit.record(actorOf(session), 'template.create', `template:${created}`, { name, kind });
      } else {
        const before = templates.byId(id);
        if (!before) throw new StationError('not_found', msg('templates.unknown', { id }));
        templates.update(id, input);
        store.audit.record(actorOf(session), 'template.update', `template:${id}`, {
          before: { name: before.name, text: before.text, kind: before.kind },
          after: { name, text, kind },
        });
      }
      return { templates: templates.all() };
    },
    'templates.delete'(session, { id }) {
      requireWriter(session, `template:${id}`);
      const before = templates.byId(id);
      if (!before || !templates.delete(id)) throw new StationError('not_found', msg('templates.unknown', { id }));
      store.audit.record(actorOf(session), 'template.delete', `template:${id}`, { name: before.name, text: before.text });
      return { templates: templates.all() };
    },
  };
}
