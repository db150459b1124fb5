// Resolves who a send request reaches: contacts ∪ members of groups (with subgroups) ∪
// subscribers of tags ∪ typed phone numbers, deduplicated by phone, inactive contacts left out.
import { stmt } from '../store/statements.js';
import type { Db } from '../store/database.js';
import { refusal, type StationRefusal } from '../i18n/refusals.js';
import { personRefusal, SEES_ALL, type Sight } from '../auth/refusal-sight.js';
import { msg } from '../i18n/text.js';
import { normalizePhone, PhoneError } from '../domain/phone.js';
import { normalizeTag } from '../domain/tags.js';
import { StationError } from '../errors.js';

export interface Recipient {
  contactId: number | null;
  phone: string;
  /** Why this person is in the list, for rights checks: the groups, tags or the explicit ask. */
  via: { groups: number[]; tags: number[]; direct: boolean; typed?: boolean };
}

export interface RecipientRequest {
  groups: number[];
  contacts: number[];
  phones: string[];
  tags: string[];
}

export interface Resolution {
  recipients: Recipient[];
  /** Named recipients that cannot be reached (inactive contacts). */
  refused: StationRefusal[];
}

/**
 * Throws StationError(bad_request) for a malformed phone or a group, contact or tag that does not
 * exist. `sees`: whom the sender may read, so an inactive contact outside it is not named.
 */
export function resolveRecipients(db: Db, req: RecipientRequest, sees: Sight = SEES_ALL): Resolution {
  const byPhone = new Map<string, Recipient>();
  const refused: StationRefusal[] = [];
  const add = (contactId: number | null, phone: string, via: Partial<Recipient['via']>) => {
    let r = byPhone.get(phone);
    if (!r) {
      r = { contactId, phone, via: { groups: [], tags: [], direct: false } };
      byPhone.set(phone, r);
    }
    if (r.contactId === null) r.contactId = contactId;
    if (via.groups) r.via.groups.push(...via.groups);
    if (via.tags) r.via.tags.push(...via.tags);
    if (via.direct) r.via.direct = true;
    if (via.typed) r.via.typed = true;
  };

  const contactById = stmt(db, 'SELECT id, name, phone, active FROM contacts WHERE id = ?');
  for (const id of new Set(req.contacts)) {
    const c = contactById.get(id) as { id: number; name: string; phone: string; active: number } | undefined;
    if (!c) throw new StationError('bad_request', msg('send.unknownContact', { id }), 'contacts');
    if (!c.active) {
      refused.push(personRefusal('contact', c.id, c.name, msg('refusal.contactInactive'), sees(c.id)));
      continue;
    }
    add(c.id, c.phone, { direct: true });
  }

  const contactByPhone = stmt(db, 'SELECT id, active, name FROM contacts WHERE phone = ?');
  for (const raw of req.phones) {
    let phone: string;
    try {
      phone = normalizePhone(raw);
    } catch (err) {
      if (err instanceof PhoneError) throw new StationError('bad_request', msg('phone.invalid', { input: err.input }), 'phones');
      throw err;
    }
    const c = contactByPhone.get(phone) as { id: number; active: number; name: string } | undefined;
    if (c && !c.active) {
      refused.push(
        sees(c.id)
          ? { ...refusal('phone', phone, msg('refusal.phoneInactive', { name: c.name })), contactId: c.id }
          : personRefusal('phone', c.id, `${c.name} (${phone})`, msg('refusal.contactInactive'), false, phone),
      );
      continue;
    }
    add(c?.id ?? null, phone, { direct: true, typed: true });
  }

  const groupExists = stmt(db, 'SELECT 1 FROM groups WHERE id = ?');
  const groupMembers = stmt(db, 
    `WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT g.id FROM groups g JOIN sub ON g.parent_id = sub.id)
     SELECT DISTINCT c.id, c.phone FROM group_members gm JOIN contacts c ON c.id = gm.contact_id
     WHERE gm.group_id IN (SELECT id FROM sub) AND c.active = 1`,
  );
  for (const id of new Set(req.groups)) {
    if (!groupExists.get(id)) throw new StationError('bad_request', msg('send.unknownGroup', { id }), 'groups');
    for (const m of groupMembers.all(id) as { id: number; phone: string }[]) add(m.id, m.phone, { groups: [id] });
  }

  const tagByNorm = stmt(db, 'SELECT id FROM tags WHERE norm = ?');
  const tagSubscribers = stmt(db, 
    `SELECT c.id, c.phone FROM tag_subscriptions s JOIN contacts c ON c.id = s.contact_id
     WHERE s.tag_id = ? AND c.active = 1`,
  );
  for (const name of new Set(req.tags.map(normalizeTag))) {
    const tag = tagByNorm.get(name) as { id: number } | undefined;
    if (!tag) throw new StationError('bad_request', msg('send.unknownTag', { name }), 'tags');
    for (const m of tagSubscribers.all(tag.id) as { id: number; phone: string }[]) add(m.id, m.phone, { tags: [tag.id] });
  }

  return { recipients: [...byPhone.values()], refused };
}
