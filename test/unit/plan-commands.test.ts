import { describe, expect, it } from 'vitest';
import { commandFields, parsePlanCommand } from '../../main/station/plans/sms-command.js';
import { normalizePlanCode } from '../../main/station/plans/plan-store.js';
import { DRILL_PREFIX, fillTemplate, launchText, templateFields } from '../../shared/plans/template.js';

describe('plan templates', () => {
  it('finds the fields once each, in order, leaving {name} and {order} to the dispatcher', () => {
    expect(templateFields('Авария на {объект}, {адрес}. {name}, ответьте 1. {объект}! {order}')).toEqual(['объект', 'адрес']);
    expect(templateFields('Без полей')).toEqual([]);
  });
  it('fills fields, keeps an empty one visible, and marks a drill', () => {
    expect(fillTemplate('Авария на {объект}, {адрес}', { объект: ' ПС-12 ' })).toBe('Авария на ПС-12, {адрес}');
    expect(launchText('Авария на {объект}', { объект: 'ПС-1' }, true)).toBe(`${DRILL_PREFIX}Авария на ПС-1`);
  });
});

describe('SMS commands', () => {
  it('reads "!ПС12 Северный" as the code and the rest', () => {
    expect(parsePlanCommand('!ПС12 Северный')).toEqual({ code: 'ПС12', rest: 'Северный' });
    expect(parsePlanCommand('  !ПС12')).toEqual({ code: 'ПС12', rest: '' });
    expect(parsePlanCommand('!ПС12\nПС-12 Северная')).toEqual({ code: 'ПС12', rest: 'ПС-12 Северная' });
    expect(parsePlanCommand('! ПС12')).toBeNull();
    expect(parsePlanCommand('1')).toBeNull();
    expect(parsePlanCommand('!!! света нет')).toBeNull();
  });
  it('gives one field the whole rest, several fields their parts split on ";" (else ",")', () => {
    expect(commandFields('Авария на {объект}', 'ПС-12, Северная')).toEqual({ объект: 'ПС-12, Северная' });
    expect(commandFields('{линия} в {район}', 'ВЛ-10; Северный')).toEqual({ линия: 'ВЛ-10', район: 'Северный' });
    expect(commandFields('{линия} в {район}', 'ВЛ-10, Северный')).toEqual({ линия: 'ВЛ-10', район: 'Северный' });
    expect(commandFields('{линия} в {район}', 'ВЛ-10')).toEqual({ линия: 'ВЛ-10' });
  });
  it('matches plan codes without case, ё as е, and Latin lookalikes as Cyrillic', () => {
    expect(normalizePlanCode('пс12')).toBe('ПС12');
    expect(normalizePlanCode('ЛЭП')).toBe(normalizePlanCode('лэп'));
    expect(normalizePlanCode('РС12')).toBe(normalizePlanCode('PC12'));
    expect(normalizePlanCode('Ёлка')).toBe('ЕЛКА');
  });
});
