import { describe, expect, it } from 'vitest';
import { parseSearchQuery, SearchQueryError, toFtsMatch, withTag } from '../../main/station/domain/search-query.js';
import { highlight } from '../../main/station/domain/search-highlight.js';

const match = (q: string) => toFtsMatch(parseSearchQuery(q));

describe('search query parser', () => {
  it('gives no match for a blank query, so filters alone apply', () => {
    expect(match('   ')).toBeNull();
  });

  it('normalises case and ё at query time as the index does', () => {
    expect(match('Ёлка')).toBe('text : "елка"');
  });

  it('reads phrases, prefixes and tags', () => {
    expect(match('"Нет  напряжения"')).toBe('text : "нет напряжения"');
    expect(match('авар*')).toBe('text : "авар" *');
    expect(match('"нет напр"*')).toBe('text : "нет напр" *');
    expect(match('#АварияСервер1')).toBe('tags : "авариясервер1"');
    expect(match('#авар*')).toBe('tags : "авар" *');
  });

  it('treats a hyphenated word as the phrase unicode61 sees', () => {
    expect(match('ПС-12')).toBe('text : "пс 12"');
  });

  it('ANDs words, ORs with OR or ИЛИ, and excludes with a minus', () => {
    expect(match('свет газ')).toBe('text : "свет" AND text : "газ"');
    expect(match('свет OR газ вода')).toBe('(text : "свет" OR text : "газ") AND text : "вода"');
    expect(match('свет ИЛИ газ')).toBe('(text : "свет" OR text : "газ")');
    expect(match('авария -#учения -отбой')).toBe('(text : "авария") NOT (tags : "учения" OR text : "отбой")');
  });

  it('never lets input become FTS5 syntax', () => {
    expect(match('NEAR(a b) text:x ^y "')).toBe('text : "near a" AND text : "b" AND text : "text x" AND text : "y"');
    expect(match('a"b')).toBe('text : "a" AND text : "b"');
    expect(match('— … !!!')).toBeNull();
  });

  it('refuses a query of exclusions alone, with a sentence', () => {
    expect(() => parseSearchQuery('-отбой')).toThrow(SearchQueryError);
    expect(() => parseSearchQuery('-отбой')).toThrow(/add a word/);
  });

  it('adds a required tag for the tag stream', () => {
    expect(toFtsMatch(withTag(parseSearchQuery(''), '#Авария'))).toBe('tags : "авария"');
  });
});

describe('search highlights', () => {
  it('marks words, prefixes, phrases and #tags in the original text', () => {
    const q = parseSearchQuery('елка авар* "нет света" #сеть');
    const text = 'Ёлка упала. Аварийная бригада: нет света, #Сеть и сеть';
    const h = highlight(text, q);
    expect(h.highlights.map(([a, b]) => h.snippet.slice(a, b))).toEqual(['Ёлка', 'Аварийная', 'нет света', '#Сеть']);
  });

  it('cuts a long text into a window around the first hit', () => {
    const text = `${'слово '.repeat(60)}авария ${'хвост '.repeat(60)}`;
    const h = highlight(text, parseSearchQuery('авария'), 80);
    expect(h.snippet.startsWith('…')).toBe(true);
    expect(h.snippet.endsWith('…')).toBe(true);
    expect(h.snippet.length).toBeLessThanOrEqual(82);
    expect(h.highlights.map(([a, b]) => h.snippet.slice(a, b))).toEqual(['авария']);
  });
});
