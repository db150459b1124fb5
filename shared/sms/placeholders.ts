// Template placeholders: `{name}` becomes each recipient's name (so one broadcast may hold texts
// of different lengths, hence different SMS counts), `{order}` the order number as `#4711`.
// Pure and shared, so the station renders exactly what the compose screen counted.
import { countSegments } from './segments.js';

export const NAME_PLACEHOLDER = '{name}';
export const ORDER_PLACEHOLDER = '{order}';

export function hasNamePlaceholder(text: string): boolean {
  return text.includes(NAME_PLACEHOLDER);
}

/**
 * `{order}` → `#4711`; left as written when there is no number yet. `{order}` brings its own `#`,
 * so a template written `#{order}` reads `#4711` too, never `##4711`.
 */
export function renderOrder(text: string, code: string | null | undefined): string {
  const clean = (code ?? '').replace(/^#/, '').trim();
  if (clean === '') return text;
  return text.split(`#${ORDER_PLACEHOLDER}`).join(ORDER_PLACEHOLDER).split(ORDER_PLACEHOLDER).join(`#${clean}`);
}

/**
 * `{name}` → the recipient's name. A number with no contact behind it has no name: the
 * placeholder goes with the comma and spaces it leaves, so "{name}, свет дали" reads
 * "свет дали", never "null, свет дали".
 */
export function renderName(text: string, name: string | null | undefined): string {
  if (!hasNamePlaceholder(text)) return text;
  const who = (name ?? '').trim();
  if (who !== '') return text.split(NAME_PLACEHOLDER).join(who);
  return text
    .split(NAME_PLACEHOLDER)
    .join('')
    .replace(/^[\s,;:!]+/, '')
    .replace(/[ \t]+([,.!?;:])/g, '$1')
    .replace(/([,;:])(?=[,;:.!?])/g, '')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

export interface SegmentRange {
  /** Fewest SMS one recipient's text takes. */
  min: number;
  /** Most SMS one recipient's text takes. */
  max: number;
  /** SMS for all recipients together (what is billed). */
  total: number;
}

/** Segments per recipient when `{name}` is rendered for each of these names. */
export function segmentRange(text: string, names: readonly (string | null)[]): SegmentRange {
  if (!hasNamePlaceholder(text) || names.length === 0) {
    const one = countSegments(text).segments;
    return { min: one, max: one, total: one * names.length };
  }
  // Names repeat (and many are the same length): count each distinct name once.
  const seen = new Map<string, number>();
  let min = Infinity;
  let max = 0;
  let total = 0;
  for (const name of names) {
    const key = name ?? '';
    let n = seen.get(key);
    if (n === undefined) {
      n = countSegments(renderName(text, name)).segments;
      seen.set(key, n);
    }
    min = Math.min(min, n);
    max = Math.max(max, n);
    total += n;
  }
  return { min, max, total };
}
