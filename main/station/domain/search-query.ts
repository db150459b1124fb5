// The history search box: what a dispatcher types, parsed into terms, and turned into an FTS5
// MATCH expression. Pure (no I/O) so the grammar is tested on its own.
//
//   авария            a word (in the text)           авар*         a word starting with "авар"
//   "нет напряжения"  a phrase, words in this order   #авария       messages tagged #авария
//   -отбой  -#учения  exclude                         свет OR газ   either (also ИЛИ)
//
// Everything the user typed reaches FTS5 inside double quotes, so no input can be read as FTS5
// syntax (a stray `NEAR(`, `:`, `^` or an unbalanced quote simply becomes part of a word).
import { normalizeTag, normalizeText } from './tags.js';
import { SaidError } from './said.js';

export type TermKind = 'word' | 'prefix' | 'phrase' | 'tag' | 'tagPrefix';

export interface SearchTerm {
  kind: TermKind;
  /** Normalised (lower case, ё→е) tokens, as FTS5's unicode61 tokenizer would split them. */
  tokens: string[];
}

export interface ParsedQuery {
  /** Every inner array is one OR-group; the groups are ANDed. */
  all: SearchTerm[][];
  /** Terms no result may contain. */
  none: SearchTerm[];
}

export class SearchQueryError extends SaidError {
  override readonly name = 'SearchQueryError';
}

/** Splits like unicode61: runs of letters, digits and combining marks; everything else separates. */
const TOKEN = /[\p{L}\p{N}\p{M}]+/gu;

export function searchTokens(text: string): string[] {
  return Array.from(normalizeText(text).matchAll(TOKEN), (m) => m[0]);
}

interface RawPiece {
  text: string;
  quoted: boolean;
  negated: boolean;
}

function splitPieces(input: string): RawPiece[] {
  const pieces: RawPiece[] = [];
  let i = 0;
  while (i < input.length) {
    while (i < input.length && /\s/.test(input[i]!)) i++;
    if (i >= input.length) break;
    let negated = false;
    if (input[i] === '-' && i + 1 < input.length && !/\s/.test(input[i + 1]!)) {
      negated = true;
      i++;
    }
    if (input[i] === '"') {
      // An unterminated quote runs to the end: forgiving beats an error on a half-typed query.
      const end = input.indexOf('"', i + 1);
      const stop = end < 0 ? input.length : end;
      const text = input.slice(i + 1, stop);
      i = stop + 1;
      // `"авар"*` — a quoted prefix.
      if (input[i] === '*') {
        pieces.push({ text: `${text}*`, quoted: true, negated });
        i++;
      } else pieces.push({ text, quoted: true, negated });
      continue;
    }
    const start = i;
    while (i < input.length && !/\s/.test(input[i]!) && input[i] !== '"') i++;
    pieces.push({ text: input.slice(start, i), quoted: false, negated });
  }
  return pieces;
}

function toTerm(piece: RawPiece): SearchTerm | null {
  let text = piece.text;
  const prefix = text.endsWith('*');
  if (prefix) text = text.replace(/\*+$/, '');
  if (!piece.quoted && text.startsWith('#')) {
    const tokens = searchTokens(normalizeTag(text));
    if (tokens.length === 0) return null;
    return { kind: prefix ? 'tagPrefix' : 'tag', tokens };
  }
  const tokens = searchTokens(text);
  if (tokens.length === 0) return null;
  if (prefix) return { kind: 'prefix', tokens };
  return { kind: piece.quoted || tokens.length > 1 ? 'phrase' : 'word', tokens };
}

const OR_WORDS = new Set(['OR', 'ИЛИ', '|']);

/** Parses the search box. An empty or blank query gives no terms (filters alone apply). */
export function parseSearchQuery(input: string): ParsedQuery {
  const all: SearchTerm[][] = [];
  const none: SearchTerm[] = [];
  let joinNext = false;
  for (const piece of splitPieces(input)) {
    if (!piece.quoted && !piece.negated && OR_WORDS.has(piece.text)) {
      joinNext = all.length > 0;
      continue;
    }
    const term = toTerm(piece);
    if (!term) continue;
    if (piece.negated) {
      none.push(term);
      joinNext = false;
    } else if (joinNext) {
      all[all.length - 1]!.push(term);
      joinNext = false;
    } else all.push([term]);
  }
  if (all.length === 0 && none.length > 0) {
    throw new SearchQueryError(
      'A search cannot consist only of excluded words: add a word, a phrase or a #tag to look for.',
      'search.onlyExcluded',
    );
  }
  return { all, none };
}

export function isEmptyQuery(q: ParsedQuery): boolean {
  return q.all.length === 0;
}

function quote(tokens: string[]): string {
  return `"${tokens.join(' ').replace(/"/g, '""')}"`;
}

function termMatch(term: SearchTerm): string {
  switch (term.kind) {
    case 'word':
    case 'phrase':
      return `text : ${quote(term.tokens)}`;
    case 'prefix':
      return `text : ${quote(term.tokens)} *`;
    case 'tag':
      return `tags : ${quote(term.tokens)}`;
    case 'tagPrefix':
      return `tags : ${quote(term.tokens)} *`;
  }
}

/** The FTS5 MATCH expression for a parsed query, or null when it has no terms. */
export function toFtsMatch(q: ParsedQuery): string | null {
  if (q.all.length === 0) return null;
  const positive = q.all
    .map((group) => (group.length === 1 ? termMatch(group[0]!) : `(${group.map(termMatch).join(' OR ')})`))
    .join(' AND ');
  if (q.none.length === 0) return positive;
  return `(${positive}) NOT (${q.none.map(termMatch).join(' OR ')})`;
}

/** Adds a required tag (the tag-stream filter) to a parsed query. */
export function withTag(q: ParsedQuery, tag: string): ParsedQuery {
  const tokens = searchTokens(normalizeTag(tag));
  if (tokens.length === 0) return q;
  return { all: [...q.all, [{ kind: 'tag', tokens }]], none: q.none };
}
