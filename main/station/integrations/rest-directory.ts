// CRUD over contacts, groups and tags for HR and CRM integrations. Anyone with a key may read;
// only an administrator's key may change the directory.
import { z } from 'zod';
import { StationError } from '../errors.js';
import { sendJson } from '../server/http-routes.js';
import { normalizePhone as normalize, PhoneError } from '../domain/phone.js';
import { isValidTag } from '../domain/tags.js';
import { keyed, type Caller, type DoorDeps } from './api-door.js';
import { readFields } from './http-body.js';
import { seesContact } from '../auth/read-scope.js';
import { scopeOf } from './rest-messages.js';
import { bool, int, intList, optionalText, parseFields } from './rest-fields.js';

type Add = (method: string, path: string, h: ReturnType<typeof keyed>) => void;

const ContactFields = z
  .object({
    name: z.string().trim().min(1).max(200),
    phone: z.string().min(1).max(40),
    email: optionalText(200),
    position: optionalText(200),
    notes: optionalText(2000),
    active: bool.optional(),
    groups: intList.optional(),
  })
  .strict();

const GroupFields = z.object({ name: z.string().trim().min(1).max(200), parentId: int.nullable().optional() }).strict();
const TagFields = z
  .object({
    name: z.string().trim().refine(isValidTag, 'a tag is letters, digits or _, up to 64'),
    selfService: bool.optional(),
    subscribers: intList.optional(),
  })
  .strict();

function requireAdmin(caller: Caller): void {
  if (caller.role !== 'admin') {
    throw new StationError('forbidden', 'Only an administrator\'s key may change contacts, groups and tags. Ask an administrator.');
  }
}

function id(raw: string | undefined): number {
  if (!raw || !/^\d{1,15}$/.test(raw)) throw new StationError('bad_request', `The id must be a number, not "${raw ?? ''}".`);
  return Number(raw);
}

export function mountDirectory(deps: DoorDeps, add: Add): void {
  const { core } = deps;
  const { store } = core;
  const db = store.db;
  const body = (req: Parameters<typeof readFields>[0]) => readFields(req, deps.maxBodyBytes);
  const audit = (caller: Caller, action: string, target: string, detail?: unknown) => store.audit.record(caller.auditActor, action, target, detail);

  const contact = (cid: number) => {
    const c = store.contacts.byId(cid);
    if (!c) throw new StationError('not_found', `There is no contact ${cid}.`);
    const extra = db.prepare('SELECT email, notes FROM contacts WHERE id = ?').get(cid) as { email: string | null; notes: string | null };
    const tags = (db.prepare('SELECT t.name FROM tag_subscriptions s JOIN tags t ON t.id = s.tag_id WHERE s.contact_id = ? ORDER BY t.name').all(cid) as { name: string }[]).map((t) => t.name);
    return { ...c, ...extra, tags };
  };
  const setGroups = (cid: number, groups: number[]) => {
    for (const g of groups) if (!store.groups.exists(g)) throw new StationError('bad_request', `There is no group ${g}.`, 'groups');
    db.prepare('DELETE FROM group_members WHERE contact_id = ?').run(cid);
    for (const g of groups) store.groups.addMember(g, cid);
  };
  const upsertContact = (input: z.output<typeof ContactFields>, existingId: number | null) => {
    try {
      return db.transaction(() => {
        const other = db.prepare('SELECT id FROM contacts WHERE phone = ?').get(normalize(input.phone)) as { id: number } | undefined;
        if (other && other.id !== existingId) {
          throw new StationError('bad_request', `Contact ${other.id} already has this phone. Change that contact instead.`, 'phone');
        }
        let cid = existingId;
        if (cid === null) cid = store.contacts.upsert(input).id;
        else {
          db.prepare(
            `UPDATE contacts SET name = ?, phone = ?, email = ?, position = ?, notes = ?, active = ?, updated_at = ? WHERE id = ?`,
          ).run(input.name, normalize(input.phone), input.email ?? null, input.position ?? null, input.notes ?? null, input.active === false ? 0 : 1, Date.now(), cid);
        }
        if (input.groups) setGroups(cid, input.groups);
        return cid;
      })();
    } catch (err) {
      if (err instanceof PhoneError) throw new StationError('bad_request', err.message, 'phone');
      throw err;
    }
  };

  // Reading is limited to the key's user's people, as in the control room (auth/read-scope.ts).
  add('GET', '/api/v1/contacts', keyed(deps, ({ res }, caller) => {
    const scope = scopeOf(deps.core, caller);
    sendJson(res, 200, { contacts: store.contacts.all().filter((c) => seesContact(scope, c.id)) });
  }));
  add('GET', '/api/v1/contacts/:id', keyed(deps, ({ res, params }, caller) => {
    const contactId = id(params.id);
    if (!seesContact(scopeOf(deps.core, caller), contactId)) throw new StationError('not_found', `There is no contact ${contactId}.`);
    sendJson(res, 200, contact(contactId));
  }));
  add('POST', '/api/v1/contacts', keyed(deps, async ({ req, res }, caller) => {
    requireAdmin(caller);
    const input = parseFields(ContactFields, await body(req));
    const cid = upsertContact(input, null);
    audit(caller, 'contact.create', `contact:${cid}`);
    sendJson(res, 201, contact(cid));
  }));
  const update = keyed(deps, async ({ req, res, params }, caller) => {
    requireAdmin(caller);
    const cid = id(params.id);
    const current = contact(cid);
    const patch = parseFields(ContactFields.partial(), await body(req));
    upsertContact({ ...current, ...patch, groups: patch.groups ?? current.groupIds }, cid);
    audit(caller, 'contact.update', `contact:${cid}`, { fields: Object.keys(patch) });
    sendJson(res, 200, contact(cid));
  });
  add('PATCH', '/api/v1/contacts/:id', update);
  add('PUT', '/api/v1/contacts/:id', update);
  add('DELETE', '/api/v1/contacts/:id', keyed(deps, ({ res, params }, caller) => {
    requireAdmin(caller);
    const cid = id(params.id);
    if (db.prepare('DELETE FROM contacts WHERE id = ?').run(cid).changes === 0) throw new StationError('not_found', `There is no contact ${cid}.`);
    audit(caller, 'contact.delete', `contact:${cid}`);
    res.writeHead(204).end();
  }));

  const group = (gid: number) => {
    const g = store.groups.tree().find((n) => n.id === gid);
    if (!g) throw new StationError('not_found', `There is no group ${gid}.`);
    return g;
  };
  const checkParent = (parentId: number | null | undefined, self: number | null) => {
    if (parentId === null || parentId === undefined) return;
    if (!store.groups.exists(parentId)) throw new StationError('bad_request', `There is no group ${parentId} to put this group under.`, 'parentId');
    if (self !== null && store.groups.subtree(self).includes(parentId)) {
      throw new StationError('bad_request', 'A group cannot be moved under itself or one of its subgroups.', 'parentId');
    }
  };
  const nameTaken = (err: unknown) => err instanceof Error && /UNIQUE/.test(err.message);
  add('GET', '/api/v1/groups', keyed(deps, ({ res }) => sendJson(res, 200, { groups: store.groups.tree() })));
  add('GET', '/api/v1/groups/:id', keyed(deps, ({ res, params }) => sendJson(res, 200, group(id(params.id)))));
  add('POST', '/api/v1/groups', keyed(deps, async ({ req, res }, caller) => {
    requireAdmin(caller);
    const input = parseFields(GroupFields, await body(req));
    checkParent(input.parentId, null);
    let gid: number;
    try {
      gid = store.groups.create(input.name, input.parentId ?? null);
    } catch (err) {
      if (nameTaken(err)) throw new StationError('bad_request', `A group "${input.name}" already exists there. Pick another name.`, 'name');
      throw err;
    }
    audit(caller, 'group.create', `group:${gid}`);
    sendJson(res, 201, group(gid));
  }));
  add('PATCH', '/api/v1/groups/:id', keyed(deps, async ({ req, res, params }, caller) => {
    requireAdmin(caller);
    const gid = id(params.id);
    const current = group(gid);
    const patch = parseFields(GroupFields.partial(), await body(req));
    checkParent(patch.parentId, gid);
    try {
      db.prepare('UPDATE groups SET name = ?, parent_id = ? WHERE id = ?').run(
        patch.name ?? current.name,
        patch.parentId === undefined ? current.parentId : patch.parentId,
        gid,
      );
    } catch (err) {
      if (nameTaken(err)) throw new StationError('bad_request', `A group "${patch.name}" already exists there. Pick another name.`, 'name');
      throw err;
    }
    audit(caller, 'group.update', `group:${gid}`, { fields: Object.keys(patch) });
    sendJson(res, 200, group(gid));
  }));
  add('DELETE', '/api/v1/groups/:id', keyed(deps, ({ res, params }, caller) => {
    requireAdmin(caller);
    const gid = id(params.id);
    if (db.prepare('DELETE FROM groups WHERE id = ?').run(gid).changes === 0) throw new StationError('not_found', `There is no group ${gid}.`);
    audit(caller, 'group.delete', `group:${gid}`);
    res.writeHead(204).end();
  }));

  /** A tag with its subscribers, as far as `caller`'s user may read them (the count stays whole, as on every desk). */
  const tag = (tid: number, caller: Caller) => {
    const t = store.tags.all().find((x) => x.id === tid);
    if (!t) throw new StationError('not_found', `There is no tag ${tid}.`);
    const scope = scopeOf(deps.core, caller);
    const subscribers = (db.prepare('SELECT contact_id FROM tag_subscriptions WHERE tag_id = ? ORDER BY contact_id').all(tid) as { contact_id: number }[]).map((r) => r.contact_id);
    return { ...t, subscriberIds: subscribers.filter((c) => seesContact(scope, c)) };
  };
  const setSubscribers = (tid: number, ids: number[]) => {
    for (const c of ids) if (!store.contacts.byId(c)) throw new StationError('bad_request', `There is no contact ${c}.`, 'subscribers');
    db.prepare('DELETE FROM tag_subscriptions WHERE tag_id = ?').run(tid);
    for (const c of ids) store.tags.subscribe(tid, c, 'admin');
  };
  add('GET', '/api/v1/tags', keyed(deps, ({ res }) => sendJson(res, 200, { tags: store.tags.all() })));
  add('GET', '/api/v1/tags/:id', keyed(deps, ({ res, params }, caller) => sendJson(res, 200, tag(id(params.id), caller))));
  add('POST', '/api/v1/tags', keyed(deps, async ({ req, res }, caller) => {
    requireAdmin(caller);
    const input = parseFields(TagFields, await body(req));
    if (store.tags.byName(input.name)) throw new StationError('bad_request', `Tag #${input.name.replace(/^#/, '')} already exists.`, 'name');
    const tid = db.transaction(() => {
      const t = store.tags.ensure(input.name);
      if (input.selfService !== undefined) store.tags.setSelfService(t, input.selfService);
      if (input.subscribers) setSubscribers(t, input.subscribers);
      return t;
    })();
    audit(caller, 'tag.create', `tag:${tid}`);
    sendJson(res, 201, tag(tid, caller));
  }));
  add('PATCH', '/api/v1/tags/:id', keyed(deps, async ({ req, res, params }, caller) => {
    requireAdmin(caller);
    const tid = id(params.id);
    tag(tid, caller);
    const patch = parseFields(TagFields.omit({ name: true }).partial(), await body(req));
    db.transaction(() => {
      if (patch.selfService !== undefined) store.tags.setSelfService(tid, patch.selfService);
      if (patch.subscribers) setSubscribers(tid, patch.subscribers);
    })();
    audit(caller, 'tag.update', `tag:${tid}`, { fields: Object.keys(patch) });
    sendJson(res, 200, tag(tid, caller));
  }));
  add('DELETE', '/api/v1/tags/:id', keyed(deps, ({ res, params }, caller) => {
    requireAdmin(caller);
    const tid = id(params.id);
    if (db.prepare('DELETE FROM tags WHERE id = ?').run(tid).changes === 0) throw new StationError('not_found', `There is no tag ${tid}.`);
    audit(caller, 'tag.delete', `tag:${tid}`);
    res.writeHead(204).end();
  }));
}
