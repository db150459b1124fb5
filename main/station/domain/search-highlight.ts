// Highlights for search results, computed from the original text (the FTS index is contentless
// and stores the normalised text only). Tokens are compared normalised, exactly as the index and
// the query were, so what FTS5 matched is what gets marked — ё and е alike.
import type { ParsedQuery, SearchTerm } from './search-query.js';
import { normalizeText } from './tags.js';

export type Range = [start: number, end: number];

export interface Highlighted {
  /** The text, or a window of it around the first hit, with '…' where cut. */
  snippet: string;
  /** Hit ranges within `snippet` (UTF-16 offsets, end exclusive), sorted, not overlapping. */
  highlights: Range[];
}

interface Token {
  norm: string;
  start: number;
  end: number;
}

const TOKEN = /[\p{L}\p{N}\p{M}]+/gu;

function tokenize(text: string): Token[] {
  return Array.from(text.matchAll(TOKEN), (m) => ({
    norm: normalizeText(m[0]),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

function termRanges(text: string, tokens: Token[], term: SearchTerm): Range[] {
  const out: Range[] = [];
  const n = term.tokens.length;
  const prefix = term.kind === 'prefix' || term.kind === 'tagPrefix';
  const isTag = term.kind === 'tag' || term.kind === 'tagPrefix';
  for (let i = 0; i + n <= tokens.length; i++) {
    let ok = true;
    for (let k = 0; k < n && ok; k++) {
      const want = term.tokens[k]!;
      const got = tokens[i + k]!.norm;
      ok = prefix && k === n - 1 ? got.startsWith(want) : got === want;
    }
    if (!ok) continue;
    let start = tokens[i]!.start;
    // In the text a tag is written `#авария`: only that occurrence is the tag, and the '#' is
    // part of what the eye looks for.
    if (isTag) {
      if (text[start - 1] !== '#') continue;
      start -= 1;
    }
    out.push([start, tokens[i + n - 1]!.end]);
  }
  return out;
}

function merge(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** Marks every positive term of the query in the text; cuts a window if the text is long. */
export function highlight(text: string, query: ParsedQuery, maxLength = 160): Highlighted {
  const tokens = tokenize(text);
  const ranges = merge(query.all.flat().flatMap((term) => termRanges(text, tokens, term)));
  if (text.length <= maxLength) return { snippet: text, highlights: ranges };
  // Start a little before the first hit, on a word boundary, so the hit has context.
  const first = ranges[0]?.[0] ?? 0;
  let start = Math.max(0, first - Math.floor(maxLength / 4));
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space >= 0 && space < first) start = space + 1;
  }
  let end = Math.min(text.length, start + maxLength);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start && space > (ranges[0]?.[1] ?? 0)) end = space;
  }
  const lead = start > 0 ? '…' : '';
  const snippet = lead + text.slice(start, end) + (end < text.length ? '…' : '');
  const shift = lead.length - start;
  const highlights = ranges
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]): Range => [s + shift, e + shift]);
  return { snippet, highlights };
}
