// A contact typed into the editor is checked by the same rules as a spreadsheet row
// (domain/contact-columns.ts: name required, phone normalised to E.164 by domain/phone.ts, e-mail
// shape), so a person entered by hand and one imported can never differ. The reasons are said
// for a form, not a row, and point at the field.
import type { ContactFields } from '../../../shared/protocol/index.js';
import { parseContactRow } from '../domain/contact-columns.js';
import { StationError } from '../errors.js';
import { fromKey, msg, type Message } from '../i18n/text.js';
import type { ContactRecord } from '../store/contacts.js';

const FIELDS = ['name', 'phone', 'position', 'email', 'notes'] as const;

/** The checked record, or a StationError naming the first field that is wrong. */
export function checkContact(input: ContactFields & { active?: boolean }): ContactRecord {
  const cells = FIELDS.map((f) => (input[f] ?? '').toString());
  const mapping = Object.fromEntries(FIELDS.map((f, i) => [f, i]));
  const out = parseContactRow(cells, mapping as never, [...FIELDS], 0);
  if (out.kind === 'blank') throw new StationError('bad_request', msg('directory.nameEmpty'), 'name');
  if (out.kind === 'error') {
    const e = out.errors[0]!;
    throw new StationError('bad_request', e.said ? formMessage(e.said.key, e.said.params) : e.reason, e.column);
  }
  const d = out.draft;
  return {
    name: d.name,
    phone: d.phone,
    position: d.position ?? null,
    email: d.email ?? null,
    notes: d.notes ?? null,
    active: input.active ?? true,
  };
}

/** A row's reason ("…or delete the row") in the words of a form. */
function formMessage(key: string, params: Readonly<Record<string, string | number>>): Message {
  switch (key) {
    case 'row.nameEmpty':
      return msg('directory.nameEmpty');
    case 'row.phoneEmpty':
      return msg('directory.phoneEmpty');
    case 'row.email':
      return msg('directory.email', { email: String(params.email ?? '') });
    default:
      return fromKey(key, { ...params }) ?? msg('directory.phoneEmpty');
  }
}
