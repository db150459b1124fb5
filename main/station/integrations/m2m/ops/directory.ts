// The operator's subscribers and groups, as the station's contacts and groups. An MTS "user" is a
// person who receives SMS (with, at the operator, an optional web login and access level): here a
// contact. AddUser makes or updates one in the group given and keeps the level it was told; no
// control-room login is ever created over the API. DeleteUser deactivates the contact, so the
// history of what was sent to that person stays. GetGroups answers the whole tree, as the control
// room shows every desk the groups; GetUsers only the people the key's user may read.
import { normalizePhone, PhoneError } from '../../../domain/phone.js';
import { seesContact } from '../../../auth/read-scope.js';
import { M2mFault } from '../faults.js';
import { bool, msidOf, num, requireAdmin, str, type OpRun } from './kit.js';

function phoneOf(raw: string, field: string): string {
  try {
    return normalizePhone(raw);
  } catch (err) {
    if (err instanceof PhoneError) throw new M2mFault('MSID_FORMAT_ERROR', 'bad_request', err.message, field);
    throw err;
  }
}

export const directoryOperations: Record<string, OpRun> = {
  GetGroups(ctx) {
    // The station's groups have no colour; 0 is what an uncoloured MTS group answered.
    return ctx.core.store.groups.tree().map((g) => ({ ID: g.id, Name: g.name, Color: 0 }));
  },

  AddUser(ctx, args) {
    requireAdmin(ctx, 'add subscribers');
    const phone = phoneOf(str(args, 'userMSID'), 'userMSID');
    const level = str(args, 'accessLevel') || 'BaseUser';
    const groupId = num(args, 'userGroupId') ?? 0;
    const { db } = ctx.core.store;
    if (groupId !== 0 && !ctx.core.store.groups.exists(groupId)) {
      throw new M2mFault('WRONG_ID', 'bad_request', `There is no group ${groupId}. Call GetGroups for the ids, or give 0 for none.`, 'userGroupId');
    }
    const email = str(args, 'userEmail').trim() || null;
    const contactId = db.transaction(() => {
      const id = ctx.m2m.ensureContact(phone, str(args, 'userName'), email);
      if (groupId !== 0) ctx.core.store.groups.addMember(groupId, id);
      ctx.m2m.noteSubscriber(id, level, bool(args, 'webAccessEnabled') ?? false);
      return id;
    })();
    ctx.core.store.audit.record(ctx.caller.auditActor, 'contact.create', `contact:${contactId}`, { door: 'm2m', accessLevel: level, groupId });
    return contactId;
  },

  /** The contacts the key's user may read (all of them for an administrator or the right "all"). */
  GetUsers(ctx) {
    const scope = ctx.scope();
    const rows = ctx.core.store.db
      .prepare(
        `SELECT c.id, c.name, c.phone, c.email, (SELECT min(group_id) FROM group_members gm WHERE gm.contact_id = c.id) AS group_id,
           s.web_access, s.access_level
         FROM contacts c LEFT JOIN m2m_subscribers s ON s.contact_id = c.id WHERE c.active = 1 ORDER BY c.id`,
      )
      .all() as { id: number; name: string; phone: string; email: string | null; group_id: number | null; web_access: number | null; access_level: string | null }[];
    return rows.filter((r) => seesContact(scope, r.id)).map((r) => ({
      Name: r.name,
      Msid: msidOf(r.phone),
      Email: r.email ?? undefined,
      GroupID: r.group_id ?? 0,
      // Known only for subscribers AddUser made; nil for the rest, as the type allows.
      WebAccessEnabled: r.web_access === null ? null : r.web_access === 1,
      AccessLevel: r.access_level,
    }));
  },

  DeleteUser(ctx, args) {
    requireAdmin(ctx, 'delete subscribers');
    const phone = phoneOf(str(args, 'msid'), 'msid');
    const row = ctx.core.store.db.prepare('SELECT id FROM contacts WHERE phone = ? AND active = 1').get(phone) as { id: number } | undefined;
    if (!row) throw new M2mFault('NO_SUCH_SUBSCRIBER', 'not_found', `There is no subscriber ${msidOf(phone)}.`, 'msid');
    ctx.core.store.db.prepare('UPDATE contacts SET active = 0, updated_at = ? WHERE id = ?').run(Date.now(), row.id);
    ctx.core.store.audit.record(ctx.caller.auditActor, 'contact.deactivate', `contact:${row.id}`, { door: 'm2m' });
    return undefined;
  },
};
