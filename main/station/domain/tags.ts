// `#tags` in texts: `#1`, `#авария`, `#АварияСервер1`, `#4711`. Matched case-insensitively and
// with ё = е, so `#Авария` and `#авария` are one stream.

/** The form a tag is stored and compared in: lower case, ё → е, without the '#'. */
export function normalizeTag(tag: string): string {
  // toLowerCase, not toLocaleLowerCase('ru-RU'): the same letters for Russian (only Turkish,
  // Azeri and Lithuanian case differently), without a locale lookup on every send and reply.
  const bare = tag.charCodeAt(0) === 0x23 /* # */ ? tag.slice(1) : tag;
  const lower = bare.toLowerCase();
  return lower.includes('ё') ? lower.replace(/ё/g, 'е') : lower;
}

// A tag is '#' followed by letters, digits or '_' of any script, not preceded by a word character
// (so 'a#b' and '&#39;' are not tags).
const TAG_PATTERN = /(?<![\p{L}\p{N}_&])#([\p{L}\p{N}_]{1,64})/gu;

/** Normalised tags in order of first appearance, each once. */
export function parseTags(text: string): string[] {
  // Most alerts carry no tag: no need to run the Unicode pattern over them.
  if (!text.includes('#')) return [];
  const seen = new Set<string>();
  for (const match of text.matchAll(TAG_PATTERN)) seen.add(normalizeTag(match[1]!));
  return [...seen];
}

/**
 * `#4711` is an order number (3 to 12 digits, as orders are numbered), not a stream: it is kept
 * with the message for search and reply matching, but never becomes a permanent tag or a feed
 * tab. `#1` and `#12` stay tags (a short code a poll or a crew uses).
 */
export function isOrderNumberTag(tag: string): boolean {
  return /^\d{3,12}$/.test(tag.replace(/^#/, ''));
}

/** The tags of a text that name a stream (order numbers left out), normalised. */
export function streamTags(tags: readonly string[]): string[] {
  return tags.filter((t) => !isOrderNumberTag(t));
}

/** Whether a string is usable as a tag name on its own (with or without the '#'). */
export function isValidTag(tag: string): boolean {
  return /^#?[\p{L}\p{N}_]{1,64}$/u.test(tag);
}

/** Text normalised for search: lower case, ё → е. Used at index and at query time alike. */
export function normalizeText(text: string): string {
  return text.toLocaleLowerCase('ru-RU').replace(/ё/g, 'е');
}
