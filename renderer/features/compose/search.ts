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
    const qDigits = digits(q);
    const scored: { c: ContactView; score: number }[] = [];
    for (const c of directory.contacts) {
      if (!c.active) continue;
      const name = fold(c.name);
      let score = -1;
      if (name.startsWith(q)) score = 0;
      else if (name.split(/\s+/).some((w) => w.startsWith(q))) score = 1;
      else if (name.includes(q)) score = 2;
      else if (c.position && fold(c.position).includes(q)) score = 3;
      else if (qDigits.length >= 3 && digits(c.phone).includes(qDigits)) score = 4;
      if (score >= 0) scored.push({ c, score });
    }
    scored.sort((a, b) => a.score - b.score || a.c.name.localeCompare(b.c.name, 'ru'));
    for (const { c } of scored) out.push({ kind: 'contact', contact: c });
  }
  // A typed number nobody has: offer the number itself, first, so Enter takes it.
  if (phone && !directory.contacts.some((c) => c.phone === phone)) out.unshift({ kind: 'phone', phone });
  return out.slice(0, limit);
}
