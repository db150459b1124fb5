// The typeahead's matching: contacts by name, phone or position, tags by name, and a typed
// phone number as itself. Case-insensitive, ё = е, digits of a phone matched without spaces.
import type { ContactView, TagView } from '../../../shared/protocol/index.js';

export type Suggestion =
  | { kind: 'contact'; contact: ContactView }
  | { kind: 'tag'; tag: TagView }
  | { kind: 'phone'; phone: string };

const fold = (s: string) => s.toLocaleLowerCase('ru').replace(/ё/g, 'е');
const digits = (s: string) => s.replace(/\D/g, '');

/** A typed number in a form the station accepts: +7…, 8…, or 10+ digits. */
export function typedPhone(query: string): string | null {
  const q = query.trim();
  if (!/^\+?[\d\s()-]{10,}$/.test(q)) return null;
  const d = digits(q);
  if (d.length < 10 || d.length > 15) return null;
  if (q.startsWith('+')) return `+${d}`;
  if (d.length === 11 && d.startsWith('8')) return `+7${d.slice(1)}`;
  if (d.length === 10) return `+7${d}`;
  return `+${d}`;
}

/**
 * How well a contact matches what was typed (lower is better), or -1: name start, a word's start,
 * anywhere in the name, the position, then the phone's digits (`8 916…` finds `+7 916…`).
 */
export function contactScore(query: string, c: Pick<ContactView, 'name' | 'phone' | 'position'>): number {
  const q = fold(query.trim());
  if (q === '') return -1;
  const name = fold(c.name);
  if (name.startsWith(q)) return 0;
  if (name.split(/\s+/).some((w) => w.startsWith(q))) return 1;
  if (name.includes(q)) return 2;
  if (c.position && fold(c.position).includes(q)) return 3;
  let qDigits = digits(q);
  // A Russian number typed with the trunk 8 is stored with +7.
  if (qDigits.length >= 2 && qDigits.startsWith('8') && !query.trim().startsWith('+')) qDigits = `7${qDigits.slice(1)}`;
  if (qDigits.length >= 3 && digits(c.phone).includes(qDigits)) return 4;
  if (digits(q).length >= 3 && digits(c.phone).includes(digits(q))) return 4;
  return -1;
}

/** Contacts matching what was typed, best first, then by name; at most `limit`. */
export function findContacts<C extends Pick<ContactView, 'name' | 'phone' | 'position'>>(query: string, contacts: readonly C[], limit = 8): C[] {
  const scored: { c: C; score: number }[] = [];
  for (const c of contacts) {
    const score = contactScore(query, c);
    if (score >= 0) scored.push({ c, score });
  }
  scored.sort((a, b) => a.score - b.score || a.c.name.localeCompare(b.c.name, 'ru'));
  return scored.slice(0, limit).map((x) => x.c);
}

export function searchRecipients(
  query: string,
  directory: { contacts: ContactView[]; tags: TagView[] },
  limit = 8,
): Suggestion[] {
  const q = fold(query.trim());
  if (q === '') return [];
  const out: Suggestion[] = [];
  const phone = typedPhone(query);
  const tagQuery = q.startsWith('#') ? q.slice(1) : q;
  if (tagQuery !== '') {
    for (const tag of directory.tags) if (fold(tag.name).includes(tagQuery)) out.push({ kind: 'tag', tag });
  }
  if (!q.startsWith('#')) {
    for (const c of findContacts(query, directory.contacts.filter((c) => c.active), Infinity)) out.push({ kind: 'contact', contact: c });
  }
  // A typed number nobody has: offer the number itself, first, so Enter takes it.
  if (phone && !directory.contacts.some((c) => c.phone === phone)) out.unshift({ kind: 'phone', phone });
  return out.slice(0, limit);
}
