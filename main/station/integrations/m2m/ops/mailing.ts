// Mailing lists are groups: CreateMailingList makes a group in the "Списки рассылки (МТС)" folder
// (so dispatchers see and reach it in the control room too), its contacts become members (new
// numbers become contacts), and each member's name on the list and attributes are kept for
// GetMailingListContacts. GetMailingListContacts and CreateMailing take any group's id; changing
// and deleting is limited to the lists in the folder, so a script cannot empty the org chart.
import { StationError } from '../../../errors.js';
import { seesContact } from '../../../auth/read-scope.js';
import { requireSent } from '../../refusals.js';
import { splitPhones } from '../../phone-list.js';
import { parseDateTime } from '../args.js';
import { M2mFault } from '../faults.js';
import { list, msidOf, records, requireAdmin, requiredId, str, type Args, type OpContext, type OpRun } from './kit.js';

const MAX_CONTACTS = 10_000;

/** The list's members from `contacts`, made contacts where new; malformed numbers are noted and left out. */
function members(ctx: OpContext, contacts: Args[]) {
  if (contacts.length > MAX_CONTACTS) throw new M2mFault('TOO_MANY_PARAMETERS', 'too_large', `At most ${MAX_CONTACTS} contacts per list.`, 'contacts');
  const split = splitPhones(contacts.map((c) => str(c, 'Msid')));
  for (const r of split.refused) ctx.notes.push(`${r.target}: ${r.reason}`);
  const out = new Map<number, { contactId: number; name: string | null; attributes: { Name: string; Value: string }[] }>();
  contacts.forEach((c, i) => {
    const phone = split.entries[i]!.phone;
    if (!phone) return;
    const name = str(c, 'Name').trim();
    const contactId = ctx.m2m.ensureContact(phone, name, null);
    const attributes = records(c, 'Attributes').map((a) => ({ Name: str(a, 'Name'), Value: str(a, 'Value') }));
    out.set(contactId, { contactId, name: name || null, attributes });
  });
  return [...out.values()];
}

function mailingList(ctx: OpContext, id: number, field: string): number {
  if (!ctx.m2m.isMailingList(id)) throw new M2mFault('WRONG_ID', 'not_found', `There is no mailing list ${id}. Call GetMailingLists for the ids.`, field);
  return id;
}

export const mailingOperations: Record<string, OpRun> = {
  CreateMailingList(ctx, args) {
    requireAdmin(ctx, 'create mailing lists');
    const name = str(args, 'name').trim();
    if (!name || name.length > 200) throw new M2mFault('MESSAGE_FORMAT_ERROR', 'bad_request', 'Give the mailing list a name (up to 200 characters).', 'name');
    const { db } = ctx.core.store;
    const id = db.transaction(() => {
      const folder = ctx.m2m.mailingFolder();
      let gid: number;
      try {
        gid = ctx.core.store.groups.create(name, folder);
      } catch (err) {
        if (err instanceof Error && /UNIQUE/.test(err.message)) {
          throw new M2mFault('OBJECT_ALREADY_EXISTS', 'bad_request', `A mailing list "${name}" already exists. Pick another name or use SetMailingListContacts.`, 'name');
        }
        throw err;
      }
      ctx.m2m.setMembers(gid, members(ctx, records(args, 'contacts')));
      return gid;
    })();
    ctx.core.store.audit.record(ctx.caller.auditActor, 'group.create', `group:${id}`, { door: 'm2m', mailingList: name });
    return id;
  },

  GetMailingLists(ctx) {
    return ctx.m2m.mailingLists().map((l) => ({ ID: l.id, Name: l.name }));
  },

  DeleteMailingLists(ctx, args) {
    requireAdmin(ctx, 'delete mailing lists');
    const ids = list(args, 'mailingListIDs').filter((v): v is number => typeof v === 'number');
    // All or nothing: an unknown id deletes none, so a typo never half-runs.
    for (const id of ids) mailingList(ctx, id, 'mailingListIDs');
    const del = ctx.core.store.db.prepare('DELETE FROM groups WHERE id = ?');
    ctx.core.store.db.transaction(() => ids.forEach((id) => del.run(id)))();
    for (const id of ids) ctx.core.store.audit.record(ctx.caller.auditActor, 'group.delete', `group:${id}`, { door: 'm2m' });
    return undefined;
  },

  GetMailingListContacts(ctx, args) {
    const id = requiredId(args, 'mailingListId');
    if (!ctx.core.store.groups.exists(id)) throw new M2mFault('WRONG_ID', 'not_found', `There is no mailing list or group ${id}.`, 'mailingListId');
    // The list is there for every key (groups are); its members only as far as the key's user may read them.
    const scope = ctx.scope();
    return ctx.m2m
      .members(id)
      .filter((m) => seesContact(scope, m.contactId))
      .map((m) => ({ Msid: msidOf(m.phone), Name: m.name ?? '', Attributes: m.attributes }));
  },

  SetMailingListContacts(ctx, args) {
    requireAdmin(ctx, 'change mailing lists');
    const id = mailingList(ctx, requiredId(args, 'mailingListId'), 'mailingListId');
    ctx.core.store.db.transaction(() => ctx.m2m.setMembers(id, members(ctx, records(args, 'contacts'))))();
    ctx.core.store.audit.record(ctx.caller.auditActor, 'group.update', `group:${id}`, { door: 'm2m', mailingList: true });
    return undefined;
  },

  CreateMailing(ctx, args) {
    const listId = requiredId(args, 'mailingListID');
    if (!ctx.core.store.groups.exists(listId)) throw new M2mFault('WRONG_ID', 'not_found', `There is no mailing list or group ${listId}.`, 'mailingListID');
    const rawDate = str(args, 'date');
    const scheduledAt = rawDate.trim() ? parseDateTime(rawDate, ctx.zone) : null;
    if (rawDate.trim() && scheduledAt === null) throw new StationError('bad_request', `date "${rawDate}" is not a date and time like 2026-01-31T08:00:00.`, 'date');
    const result = ctx.core.dispatcher.send(ctx.caller.actor, {
      text: str(args, 'text'),
      phones: [],
      groups: [listId],
      contacts: [],
      tags: [],
      kind: 'plain',
      source: 'soap',
      ...(scheduledAt ? { scheduledAt } : {}),
    });
    for (const r of result.refused) ctx.notes.push(`${r.target}: ${r.reason}`);
    const broadcastId = requireSent(result);
    ctx.m2m.noteBroadcast(broadcastId, { naming: str(args, 'naming'), mailingName: str(args, 'name'), mailingListId: listId });
    return undefined;
  },
};
