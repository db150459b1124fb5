// Who a send reaches and what each of them gets: recipients resolved and rights checked (once, for
// every door), and with `{name}` each recipient's own text, counted and checked against the SMS
// limit. Pure work over a connection, so the dispatcher runs it for an ordinary send and a worker
// thread runs the very same code, on its own read-only connection, for a send to many thousands.
import { stmt } from '../store/statements.js';
import type { Db } from '../store/database.js';
import { countSegments, MAX_SEGMENTS, LIMITS } from '../../../shared/sms/segments.js';
import { hasNamePlaceholder, renderName } from '../../../shared/sms/placeholders.js';
import { normalizeTag } from '../domain/tags.js';
import { StationError } from '../errors.js';
import type { StationRefusal } from '../i18n/refusals.js';
import { msg } from '../i18n/text.js';
import { resolveRecipients, type Recipient, type RecipientRequest } from './recipients.js';
import { checkRights, type SendingActor } from './rights.js';
import { sightOf } from '../auth/refusal-sight.js';

/** One recipient as the store takes it; `text`/`segments` only when it differs from the broadcast's. */
export interface AudienceRow {
  contactId: number | null;
  phone: string;
  text?: string;
  segments?: number;
}

export interface Audience {
  recipients: Recipient[];
  refused: StationRefusal[];
}

/** Recipients the actor may reach, and those refused (with the reason), for any door. */
export function resolveAudience(db: Db, actor: SendingActor, req: RecipientRequest): Audience {
  const sees = sightOf(db, actor);
  const resolution = resolveRecipients(db, req, sees);
  const verdict = checkRights(db, actor, resolution.recipients, sees);
  return { recipients: verdict.allowed, refused: [...resolution.refused, ...verdict.refused] };
}

/**
 * At most how many people a request can reach, counted from the directory without resolving it:
 * what decides whether a send is committed at once or in steps.
 */
export function audienceUpperBound(db: Db, req: RecipientRequest): number {
  let n = new Set(req.contacts).size + req.phones.length;
  if (req.groups.length > 0) {
    n += stmt(db, 
        `WITH RECURSIVE sub(id) AS (SELECT value FROM json_each(?) UNION SELECT g.id FROM groups g JOIN sub ON g.parent_id = sub.id)
         SELECT count(*) FROM group_members WHERE group_id IN (SELECT id FROM sub)`,
      )
      .pluck()
      .get(JSON.stringify([...new Set(req.groups)])) as number;
  }
  if (req.tags.length > 0) {
    n += stmt(db, `SELECT count(*) FROM tag_subscriptions s JOIN tags t ON t.id = s.tag_id WHERE t.norm IN (SELECT value FROM json_each(?))`, 'pluck')
      .get(JSON.stringify([...new Set(req.tags.map(normalizeTag))])) as number;
  }
  return n;
}

/** Contact names in recipient order, for `{name}`; null for a number with no contact. */
export function namesOf(db: Db, text: string, recipients: readonly { contactId: number | null }[]): (string | null)[] {
  if (!hasNamePlaceholder(text)) return recipients.map(() => null);
  const ids = recipients.map((r) => r.contactId).filter((id): id is number => id !== null);
  const rows = stmt(db, 'SELECT id, name FROM contacts WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as { id: number; name: string }[];
  const byId = new Map(rows.map((r) => [r.id, r.name]));
  return recipients.map((r) => (r.contactId === null ? null : (byId.get(r.contactId) ?? null)));
}

/** Per-recipient texts when the template names people, else null (one text for all). */
export function personalTexts(db: Db, text: string, recipients: readonly { contactId: number | null }[]): { text: string; segments: number }[] | null {
  if (!hasNamePlaceholder(text)) return null;
  const cache = new Map<string, { text: string; segments: number }>();
  return namesOf(db, text, recipients).map((name) => {
    const key = name ?? '';
    let out = cache.get(key);
    if (!out) {
      const rendered = renderName(text, name);
      out = { text: rendered, segments: validateText(rendered).segments };
      cache.set(key, out);
    }
    return out;
  });
}

/** The rows to store, in recipient order. */
export function audienceRows(recipients: readonly Recipient[], personal: { text: string; segments: number }[] | null): AudienceRow[] {
  return recipients.map((r, i) => (personal ? { contactId: r.contactId, phone: r.phone, ...personal[i]! } : { contactId: r.contactId, phone: r.phone }));
}

/** Refuses an empty text or one over MAX_SEGMENTS SMS, saying how long it may be. */
export function validateText(text: string) {
  if (text.length === 0) throw new StationError('bad_request', msg('send.empty'), 'text');
  const seg = countSegments(text);
  if (seg.segments > MAX_SEGMENTS) {
    throw new StationError(
      'too_large',
      msg('send.tooLong', {
        characters: seg.characters,
        segments: seg.segments,
        max: MAX_SEGMENTS,
        maxCyrillic: MAX_SEGMENTS * LIMITS.ucs2.part,
        maxLatin: MAX_SEGMENTS * LIMITS.gsm7.part,
      }),
      'text',
    );
  }
  return seg;
}
