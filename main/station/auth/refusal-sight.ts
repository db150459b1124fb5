// Refusals name only whom their reader may see (issue 14 case 10; docs/security.md). A send or a
// preview that leaves out someone outside the sender's read scope says so once per person — so
// every door still counts how many were not reached — with a neutral target instead of their
// name and number; a number the caller typed is echoed as typed, never with the contact's name.
// The full label stays in the refusal (`named`, `contactId`) for the audit log and for a reader
// who does see the person (the board shows an escalation step's refusals to others than its author).
import type { Db } from '../store/database.js';
import type { Role } from '../../../shared/protocol/index.js';
import { refusal, type StationRefusal } from '../i18n/refusals.js';
import { msg, render, type Message } from '../i18n/text.js';
import { readScopeOf, seesContact, type ReadScope } from './read-scope.js';

/** Whether the reader may see this contact. */
export type Sight = (contactId: number) => boolean;

export const SEES_ALL: Sight = () => true;

/** Whom a sending actor may read; the scope is looked up only when a refusal asks. */
export function sightOf(db: Db, actor: { userId: number | null; role: Role | 'system' }): Sight {
  if (actor.role === 'admin' || actor.role === 'system') return SEES_ALL;
  const { userId, role } = actor;
  if (userId === null) return () => false;
  let scope: ReadScope | undefined;
  return (contactId) => seesContact((scope ??= readScopeOf(db, { id: userId, role })), contactId);
}

/**
 * A refusal about a directory person: `full` names them when the reader sees them; otherwise the
 * number they typed (`typed`), or the neutral "a recipient outside your rights".
 */
export function personRefusal(
  kind: StationRefusal['kind'],
  contactId: number,
  full: string,
  text: Message,
  sees: boolean,
  typed: string | null = null,
): StationRefusal {
  if (sees) return { ...refusal(kind, full, text), contactId };
  if (typed !== null) return { ...refusal('phone', typed, text), contactId, named: full };
  return hidden(refusal('contact', full, text), contactId, full);
}

function hidden(r: StationRefusal, contactId: number | undefined, full: string): StationRefusal {
  const label = msg('sight.someone');
  // The one reason that names its person says it without the name.
  const text = r.text.key === 'refusal.phoneInactive' ? msg('refusal.contactInactive') : r.text;
  return { ...r, kind: 'contact', target: render(label, 'en'), label, named: full, reason: render(text, 'en'), text, ...(contactId !== undefined ? { contactId } : {}) };
}

/**
 * Stored refusals as one reader may read them. A contact refusal with no `contactId` (stored
 * before refusals said whom they are about) is hidden from anyone without the right "all".
 */
export function refusalsInSight(refused: readonly StationRefusal[], scope: ReadScope): StationRefusal[] {
  return refused.map((r) => {
    const full = r.named ?? r.target;
    if (r.contactId === undefined) return scope.all || r.kind !== 'contact' || r.label ? r : hidden(r, undefined, full);
    if (!seesContact(scope, r.contactId)) return r.label ? r : hidden(r, r.contactId, full);
    if (!r.named) return r;
    const { label: _l, named: _n, ...shown } = r;
    return { ...shown, kind: 'contact', target: full };
  });
}
