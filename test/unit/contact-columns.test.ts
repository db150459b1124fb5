import { describe, expect, it } from 'vitest';
import { guessMapping, parseContactRow, parseGroupCell, parseTagCell, rowErrorsCsv } from '../../main/station/domain/contact-columns.js';

describe('contact column mapping', () => {
  it('guesses Russian headers, with remarks and ё', () => {
    expect(guessMapping(['№', 'Фамилия, имя, отчество', 'Моб. телефон', 'Должность', 'Отдел', 'Тэги', 'Эл. почта'])).toMatchObject({
      name: 1,
      position: 3,
      groups: 4,
    });
    expect(guessMapping(['ФИО', 'Телефон', 'Группа', 'Теги', 'E-mail', 'Примечание', 'Активен'])).toEqual({
      name: 0, phone: 1, position: null, groups: 2, tags: 3, email: 4, notes: 5, active: 6,
    });
  });

  it('guesses English headers', () => {
    expect(guessMapping(['Name', 'Phone', 'Position', 'Group', 'Tags', 'E-mail'])).toEqual({
      name: 0, phone: 1, position: 2, groups: 3, tags: 4, email: 5, notes: null, active: null,
    });
  });

  it('leaves a field unmapped rather than guessing wildly', () => {
    expect(guessMapping(['Колонка A', 'Колонка B'])).toMatchObject({ name: null, phone: null });
  });
});

describe('contact rows', () => {
  const headers = ['ФИО', 'Телефон', 'Активен'];
  const mapping = guessMapping(headers);

  it('normalises the phone and the spacing of the name', () => {
    const r = parseContactRow(['  Иванов   Пётр ', '8 916 123-45-67', 'да'], mapping, headers, 7);
    expect(r).toMatchObject({ kind: 'ok', draft: { row: 7, name: 'Иванов Пётр', phone: '+79161234567', active: true } });
  });

  it('reports every bad cell of a row, naming the column', () => {
    const r = parseContactRow(['', '12', 'может быть'], mapping, headers, 3);
    expect(r.kind === 'error' && r.errors.map((e) => e.column)).toEqual(['ФИО', 'Телефон', 'Активен']);
  });

  it('skips a blank row silently', () => {
    expect(parseContactRow([' ', '', ''], mapping, headers, 4)).toEqual({ kind: 'blank' });
  });

  it('splits group paths and tags', () => {
    expect(parseGroupCell('Район 1 / Бригада 2; Дежурные')).toEqual([['Район 1', 'Бригада 2'], ['Дежурные']]);
    expect(parseTagCell('#авария, #1 свет;#Газ')).toEqual(['авария', '1', 'свет', 'Газ']);
  });

  it('writes errors as a CSV Excel opens, every cell quoted and formula-safe', () => {
    expect(rowErrorsCsv([{ row: 2, column: 'Телефон', value: '1;2', reason: 'Плохо "очень"' }])).toBe(
      '\uFEFF"Строка";"Колонка";"Значение";"Причина"\r\n"2";"Телефон";"1;2";"Плохо ""очень"""\r\n',
    );
    expect(rowErrorsCsv([{ row: 3, column: 'ФИО', value: '=HYPERLINK("http://evil")', reason: 'x' }])).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });
});
