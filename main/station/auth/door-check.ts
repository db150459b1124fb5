// The one check of a user's state that every door makes before acting for that user: the control
// room's ws (each request, each push), REST, SOAP and .asmx keys, SMTP AUTH and the mail senders
// mapped in config. The user must exist and be enabled; what comes back is the role as it is
// now, so a role changed a second ago applies to the next call on any door. Rights to recipients
// are then checked by dispatch (checkRights), and reading by the read scope (read-scope.ts).
import { stmt } from '../store/statements.js';
import type { Role, UserView } from '../../../shared/protocol/index.js';
import type { Db } from '../store/database.js';

export type DoorRefusal = 'unknown' | 'disabled';

export type DoorUser = { ok: true; user: UserView } | { ok: false; reason: DoorRefusal };

interface Row {
  id: number;
  login: string;
  name: string;
  role: Role;
  locale: UserView['locale'];
  disabled: number;
}

/** The user's current state, by id or by login (case as stored). */
export function doorUser(db: Db, who: { userId: number } | { login: string }): DoorUser {
  const row = (
    'userId' in who
      ? stmt(db, 'SELECT id, login, name, role, locale, disabled FROM users WHERE id = ?').get(who.userId)
      : stmt(db, 'SELECT id, login, name, role, locale, disabled FROM users WHERE login = ?').get(who.login)
  ) as Row | undefined;
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.disabled) return { ok: false, reason: 'disabled' };
  return { ok: true, user: { id: row.id, login: row.login, name: row.name, role: row.role, locale: row.locale } };
}

/** The enabled user or undefined: for doors that only need yes or no. */
export function activeUser(db: Db, who: { userId: number } | { login: string }): UserView | undefined {
  const state = doorUser(db, who);
  return state.ok ? state.user : undefined;
}
