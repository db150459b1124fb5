// The station's side of shared/protocol/directory.ts: people and groups changed on screen. Reading
// a contact is for anyone signed in; every change is the admin's, checked by the import's rules,
// audited with what it was and what it became, and told to every desk (`directory.changed`), so
// compose, the tree and the counts follow at once.
import type { ContactView, directoryRequests, GroupNode } from '../../../shared/protocol/index.js';
import type { StationCore } from '../core.js';
import { RightsError, StationError } from '../errors.js';
import { msg } from '../i18n/text.js';
import { PhoneTakenError, type ContactRecord } from '../store/contacts.js';
import type { ClientSession, Handlers } from '../server/control-room.js';
import { checkContact } from './contact-fields.js';

type DirectoryHandlers = Pick<Handlers, keyof typeof directoryRequests>;

const RECENT = 10;

export function directoryHandlers(core: StationCore): DirectoryHandlers {
  const { store } = core;
  const actorOf = (s: ClientSession) => ({ userId: s.user!.id, name: s.user!.login });
  const requireAdmin = (s: ClientSession, what: string) => {
    if (s.user!.role === 'admin') return;
    store.audit.record(actorOf(s), 'admin.refused', what);
    throw new RightsError(msg('directory.adminOnly'));
  };
  const recent = (contactId: number) => {
    const ids = store.db.prepare('SELECT id FROM messages WHERE contact_id = ? ORDER BY id DESC LIMIT ?').pluck().all(contactId, RECENT) as number[];
    return store.messages.views(ids);
  };
  const contactOf = (id: number) => {
    const rec = store.contacts.record(id);
    if (!rec) throw new StationError('not_found', msg('directory.noContact', { id }), 'id');
    return rec;
  };
  const groupOf = (id: number, field = 'groupId') => {
    const g = store.groups.row(id);
    if (!g) throw new StationError('not_found', msg('directory.noGroup', { id }), field);
    return g;
  };
  const nodeOf = (id: number): GroupNode => store.groups.tree().find((g) => g.id === id)!;
  /** Every desk redraws the tree and the people it names. */
  const changed = (contactIds: readonly number[] = []) => {
    const contacts: ContactView[] = contactIds.length > 0 ? store.contacts.views(contactIds) : [];
    core.events.emit('directory.changed', { groups: store.groups.tree(), contacts });
  };
  const writeContact = (write: () => ContactView): ContactView => {
    try {
      return write();
    } catch (err) {
      if (err instanceof PhoneTakenError) throw new StationError('bad_request', msg('directory.phoneTaken', { phone: err.phone, name: err.holder.name }), 'phone');
      throw err;
    }
  };
  const audited = (r: ContactRecord) => ({ name: r.name, phone: r.phone, position: r.position, email: r.email, notes: r.notes, active: r.active });
  const namesOf = (ids: readonly number[]) => store.contacts.views(ids).map((c) => c.name);

  return {
    'contacts.get'(_session, { id }) {
      contactOf(id);
      return { contact: store.contacts.detail(id, recent)! };
    },
    'contacts.create'(session, { groupIds, ...fields }) {
      requireAdmin(session, 'contacts.create');
      const record = checkContact(fields);
      for (const g of groupIds) groupOf(g, 'groupIds');
      const view = store.db.transaction(() => {
        const created = writeContact(() => store.contacts.create(record));
        for (const g of groupIds) store.groups.addMembers(g, [created.id]);
        store.audit.record(actorOf(session), 'contact.create', `contact:${created.id}`, {
          after: audited(record),
          groups: groupIds.map((g) => store.groups.name(g)),
        });
        return created;
      })();
      changed([view.id]);
      return { contact: store.contacts.detail(view.id, recent)! };
    },
    'contacts.update'(session, { id, ...patch }) {
      requireAdmin(session, 'contacts.update');
      const before = contactOf(id);
      const record = checkContact({ ...before, ...patch });
      store.db.transaction(() => {
        writeContact(() => store.contacts.update(id, record));
        const diff = Object.fromEntries(
          (Object.keys(audited(record)) as (keyof ContactRecord)[])
            .filter((k) => before[k] !== record[k])
            .map((k) => [k, { before: before[k], after: record[k] }]),
        );
        store.audit.record(actorOf(session), 'contact.update', `contact:${id}`, { name: record.name, changed: diff });
      })();
      changed([id]);
      return { contact: store.contacts.detail(id, recent)! };
    },
    'contacts.setActive'(session, { ids, active }) {
      requireAdmin(session, 'contacts.setActive');
      const n = store.db.transaction(() => {
        const count = store.contacts.setActiveMany(ids, active);
        store.audit.record(actorOf(session), active ? 'contact.activate' : 'contact.deactivate', null, { contacts: namesOf(ids), changed: count });
        return count;
      })();
      changed(ids);
      return { changed: n };
    },
    'groups.addMembers'(session, { groupId, contactIds, from }) {
      requireAdmin(session, 'groups.addMembers');
      const group = groupOf(groupId);
      const source = from !== undefined ? groupOf(from, 'from') : null;
      const result = store.db.transaction(() => {
        const added = store.groups.addMembers(groupId, contactIds);
        const removed = source && source.id !== group.id ? store.groups.removeMembers(source.id, contactIds) : 0;
        store.audit.record(actorOf(session), source ? 'group.move-members' : 'group.add-members', `group:${groupId}`, {
          group: group.name,
          ...(source ? { from: source.name } : {}),
          contacts: namesOf(contactIds),
          added,
          removed,
        });
        return { added, removed };
      })();
      changed(contactIds);
      return result;
    },
    'groups.removeMembers'(session, { groupId, contactIds }) {
      requireAdmin(session, 'groups.removeMembers');
      const group = groupOf(groupId);
      const removed = store.db.transaction(() => {
        const n = store.groups.removeMembers(groupId, contactIds);
        store.audit.record(actorOf(session), 'group.remove-members', `group:${groupId}`, { group: group.name, contacts: namesOf(contactIds), removed: n });
        return n;
      })();
      changed(contactIds);
      return { removed };
    },
    'groups.create'(session, { name, parentId }) {
      requireAdmin(session, 'groups.create');
      const parent = parentId !== null ? groupOf(parentId, 'parentId') : null;
      const taken = store.groups.siblingNamed(parentId, name);
      if (taken) throw new StationError('bad_request', msg('directory.groupNameTaken', { name: taken.name }), 'name');
      const id = store.db.transaction(() => {
        const created = store.groups.createLast(name, parentId);
        store.audit.record(actorOf(session), 'group.create', `group:${created}`, { name: name.trim(), parent: parent?.name ?? null });
        return created;
      })();
      changed();
      return { group: nodeOf(id) };
    },
    'groups.update'(session, { id, name, parentId }) {
      requireAdmin(session, 'groups.update');
      const before = groupOf(id, 'id');
      const nextParent = parentId === undefined ? before.parentId : parentId;
      const nextName = name ?? before.name;
      if (nextParent !== null) {
        const parent = groupOf(nextParent, 'parentId');
        if (store.groups.subtree(id).includes(nextParent)) {
          throw new StationError('bad_request', msg('directory.groupCycle', { name: before.name, parent: parent.name }), 'parentId');
        }
      }
      const taken = store.groups.siblingNamed(nextParent, nextName, id);
      if (taken) throw new StationError('bad_request', msg('directory.groupNameTaken', { name: taken.name }), 'name');
      store.db.transaction(() => {
        if (nextName.trim() !== before.name) store.groups.rename(id, nextName);
        if (nextParent !== before.parentId) store.groups.move(id, nextParent);
        const nameOf = (g: number | null) => (g === null ? null : (store.groups.name(g) ?? null));
        store.audit.record(actorOf(session), 'group.update', `group:${id}`, {
          before: { name: before.name, parent: nameOf(before.parentId) },
          after: { name: nextName.trim(), parent: nameOf(nextParent) },
        });
      })();
      changed();
      return { group: nodeOf(id) };
    },
    'groups.reorder'(session, { parentId, ids }) {
      requireAdmin(session, 'groups.reorder');
      if (parentId !== null) groupOf(parentId, 'parentId');
      const children = store.groups.children(parentId);
      if (children.length !== ids.length || !children.every((c) => ids.includes(c))) {
        throw new StationError('bad_request', msg('directory.reorderMismatch'), 'ids');
      }
      store.db.transaction(() => {
        store.groups.reorder(ids);
        store.audit.record(actorOf(session), 'group.reorder', parentId === null ? 'groups' : `group:${parentId}`, {
          order: ids.map((g) => store.groups.name(g)),
        });
      })();
      changed();
      return {};
    },
    'groups.delete'(session, { id }) {
      requireAdmin(session, 'groups.delete');
      const group = groupOf(id, 'id');
      const children = store.groups.children(id);
      if (children.length > 0) throw new StationError('bad_request', msg('directory.groupHasChildren', { name: group.name, count: children.length }), 'id');
      const memberIds = store.db.prepare('SELECT contact_id FROM group_members WHERE group_id = ?').pluck().all(id) as number[];
      const members = store.db.transaction(() => {
        const n = store.groups.delete(id);
        store.audit.record(actorOf(session), 'group.delete', `group:${id}`, { name: group.name, members: n });
        return n;
      })();
      changed(memberIds);
      return { members };
    },
  };
}
