// A tally, its changes and its alerts as one reader may read them (issue 14 case 10;
// docs/security.md). A limited dispatcher or a viewer may see another author's poll because some
// of its people are theirs; the others stay in every count, but not by name, number or reply text:
// each is "a recipient outside your rights" with an opaque key standing for the phone, the same in
// the tally and in every change, so a desk applying changes still finds the right row. The author
// reads their own broadcast whole, as history does. Masking a change is constant work, so the
// per-reply cost of tally pushes stays flat.
import { createHmac, randomBytes } from 'node:crypto';
import type { ConfirmAlert, Locale, PersonRef, Tally, TallyChange } from '../../../shared/protocol/index.js';
import { sayRefusals, type StationRefusal } from '../i18n/refusals.js';
import { msg, render } from '../i18n/text.js';
import { seesContact, type ReadScope } from './read-scope.js';
import { refusalsInSight } from './refusal-sight.js';

// Per process: the key of a hidden person cannot be turned back into a number, nor matched across restarts.
const SECRET = randomBytes(16);

/** The stand-in for a phone the reader may not read: stable, opaque, shown muted after the label. */
export function hiddenKey(phone: string): string {
  return `•••${createHmac('sha256', SECRET).update(phone).digest('hex').slice(0, 8)}`;
}

/** Who reads, and in which language the hidden are labelled. */
export interface TallyReader {
  scope: ReadScope;
  /** The reader wrote this broadcast: they read it whole. */
  author: boolean;
  locale: Locale;
}

const whole = (r: TallyReader) => r.scope.all || r.author;

function person<P extends PersonRef>(p: P, r: TallyReader): P {
  if (seesContact(r.scope, p.contactId)) return p;
  const masked: P & { text?: string | null; messageId?: number | null } = { ...p, contactId: null, name: render(msg('sight.someone'), r.locale), phone: hiddenKey(p.phone) };
  // A reply's words are that person's traffic: not theirs to read.
  if ('text' in masked) masked.text = null;
  delete masked.messageId;
  return masked;
}

/** The whole tally for this reader; the step refusals told in their language, named only if seen. */
export function tallyInSight(t: Tally, r: TallyReader): Tally {
  const steps = t.steps?.map((s) => ({ ...s, refused: sayRefusals(refusalsInSight(s.refused as StationRefusal[], r.scope), r.locale) }));
  if (whole(r)) return steps ? { ...t, steps } : t;
  return {
    ...t,
    answers: t.answers.map((a) => person(a, r)),
    silent: t.silent.map((p) => person(p, r)),
    ...(t.byEscalation ? { byEscalation: t.byEscalation.map((a) => person(a, r)) } : {}),
    ...(steps ? { steps } : {}),
  };
}

/**
 * One change for this reader: the figures whole, the person masked. `contactOf` finds whose phone
 * an answer taken away was (a reply moved: rare) when the change does not say.
 */
export function changeInSight(c: TallyChange, r: TallyReader, contactOf: (phone: string) => number | null): TallyChange {
  if (whole(r)) return c;
  return {
    ...c,
    ...(c.answer ? { answer: person(c.answer, r) } : {}),
    ...(c.byEscalation ? { byEscalation: person(c.byEscalation, r) } : {}),
    ...(c.removed
      ? {
          removed: c.removed.silent
            ? { phone: seesContact(r.scope, c.removed.silent.contactId) ? c.removed.phone : hiddenKey(c.removed.phone), silent: person(c.removed.silent, r) }
            : { phone: seesContact(r.scope, contactOf(c.removed.phone)) ? c.removed.phone : hiddenKey(c.removed.phone), silent: null },
        }
      : {}),
  };
}

/** An escalation alert on the board: who is still silent, who took it, masked the same way. */
export function alertInSight(a: ConfirmAlert, r: TallyReader): ConfirmAlert {
  if (whole(r)) return a;
  return { ...a, silent: a.silent.map((p) => person(p, r)), ...(a.by ? { by: person(a.by, r) } : {}) };
}
