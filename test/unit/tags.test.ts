import { describe, expect, it } from 'vitest';
import { isValidTag, normalizeTag, normalizeText, parseTags } from '../../main/station/domain/tags.js';

describe('tags', () => {
  it('finds #1, #авария and #АварияСервер1 in a text, folded to lower case', () => {
    expect(parseTags('#1 Отключение #авария на #АварияСервер1')).toEqual(['1', 'авария', 'авариясервер1']);
  });

  it('treats ё and е as the same letter', () => {
    expect(normalizeTag('#Учёт')).toBe('учет');
    expect(parseTags('#учёт и #УЧЕТ')).toEqual(['учет']);
  });

  it('lists each tag once, in order of first appearance', () => {
    expect(parseTags('#b #a #B')).toEqual(['b', 'a']);
  });

  it('ignores a # inside a word or an HTML entity', () => {
    expect(parseTags('a#b &#39; C# #ok')).toEqual(['ok']);
  });

  it('finds none in a text without #, and folds Ё in a tag name', () => {
    expect(parseTags('Сервер недоступен')).toEqual([]);
    expect(normalizeTag('ЁЛКА')).toBe('елка');
    expect(normalizeTag('##x')).toBe('#x');
  });

  it('reads an order number as a tag', () => {
    expect(parseTags('#4711 готово')).toEqual(['4711']);
  });

  it('validates tag names', () => {
    expect(isValidTag('#авария')).toBe(true);
    expect(isValidTag('две части')).toBe(false);
    expect(isValidTag('')).toBe(false);
  });

  it('normalises search text the same way', () => {
    expect(normalizeText('Ёлка ЕЛКА')).toBe('елка елка');
  });
});
