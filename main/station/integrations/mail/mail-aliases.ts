// The mail aliases administrators give groups (migration 0081): `brigada1@…` for «Бригада 1», an
// address any mail client and relay takes, where the name itself would need quoting or SMTPUTF8.
import type { Db } from '../../store/database.js';
import { StationError } from '../../errors.js';
import { msg } from '../../i18n/text.js';

export interface GroupAddress {
  id: number;
  name: string;
  /** The groups above it, `Энергосеть › Северный РЭС`, or null at the top. */
  parentName: string | null;
  alias: string | null;
}

const ALIAS = /^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$/i;

/** Every group in tree order (parents first, siblings by sort then name) with its alias. */
export function groupAddresses(db: Db): GroupAddress[] {
  return db
    .prepare(
      `WITH RECURSIVE t(id, name, parentName, key) AS (
         SELECT id, name, NULL, printf('%08d', sort + 50000000) || name FROM groups WHERE parent_id IS NULL
         UNION ALL
         SELECT g.id, g.name, coalesce(t.parentName || ' › ', '') || t.name, t.key || char(1) || printf('%08d', g.sort + 50000000) || g.name
         FROM groups g JOIN t ON g.parent_id = t.id)
       SELECT t.id, t.name, t.parentName, a.alias FROM t LEFT JOIN group_mail_aliases a ON a.group_id = t.id ORDER BY t.key`,
    )
    .all() as GroupAddress[];
}

/** Sets (or with null removes) a group's alias; a 400 names what is wrong with it. */
export function setGroupAlias(db: Db, groupId: number, alias: string | null): GroupAddress {
  if (!db.prepare('SELECT 1 FROM groups WHERE id = ?').get(groupId)) throw new StationError('not_found', msg('mail.noGroup', { id: groupId }), 'groupId');
  if (alias === null) {
    db.prepare('DELETE FROM group_mail_aliases WHERE group_id = ?').run(groupId);
  } else {
    const a = alias.trim();
    if (!ALIAS.test(a) || a.includes('..')) {
      throw new StationError('bad_request', msg('mail.badAlias'), 'alias');
    }
    if (a.toLowerCase() === 'mail2sms' || /^\+?\d[\d.-]{8,}$/.test(a)) {
      throw new StationError('bad_request', msg('mail.reservedAlias', { alias: a }), 'alias');
    }
    const other = db.prepare('SELECT group_id FROM group_mail_aliases WHERE alias = ? COLLATE NOCASE').pluck().get(a) as number | undefined;
    if (other !== undefined && other !== groupId) throw new StationError('bad_request', msg('mail.aliasTaken', { alias: a }), 'alias');
    db.prepare('INSERT INTO group_mail_aliases (group_id, alias) VALUES (?, ?) ON CONFLICT (group_id) DO UPDATE SET alias = excluded.alias').run(groupId, a);
  }
  return groupAddresses(db).find((g) => g.id === groupId)!;
}
