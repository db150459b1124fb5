import { describe, expect, it } from 'vitest';
import { isConfirmation, orderCodeOf, parseAnswer, parseSubscriptionCommands, quotedCode } from '../../main/station/domain/answers.js';

const OPTIONS = ['Приеду', 'Опоздаю', 'Не приеду'];

describe('poll answers', () => {
  it('takes the option number as the first word', () => {
    expect(parseAnswer('2', OPTIONS)).toBe(2);
    expect(parseAnswer(' 3, извините', OPTIONS)).toBe(3);
  });
  it('ignores a number that is not an option', () => {
    expect(parseAnswer('15 минут', OPTIONS)).toBeNull();
    expect(parseAnswer('0', OPTIONS)).toBeNull();
  });
  it('takes the option by its words, whatever the case and ё/е', () => {
    expect(parseAnswer('ОПОЗДАЮ на час', OPTIONS)).toBe(2);
    expect(parseAnswer('не приеду!', OPTIONS)).toBe(3);
    expect(parseAnswer('Всё приеду', ['всё приеду'])).toBe(1);
    expect(parseAnswer('Все приеду', ['Всё приеду'])).toBe(1);
  });
  it('prefers the longer option that the reply starts with', () => {
    expect(parseAnswer('не', ['не приеду', 'не'])).toBe(2);
    expect(parseAnswer('не приеду', ['не', 'не приеду'])).toBe(2);
  });
  it('picks nothing from free text', () => {
    expect(parseAnswer('буду позже', OPTIONS)).toBeNull();
    expect(parseAnswer('', OPTIONS)).toBeNull();
  });
});

describe('confirmations', () => {
  it('accepts 1 and the usual words', () => {
    for (const t of ['1', 'Принял', 'принял, выезжаю', 'ОК', 'да']) expect(isConfirmation(t), t).toBe(true);
  });
  it('refuses other answers', () => {
    for (const t of ['2', 'не могу', 'позже']) expect(isConfirmation(t), t).toBe(false);
  });
});

describe('order codes', () => {
  it('finds #4711 in an outgoing text, not a short tag', () => {
    expect(orderCodeOf('Заказ #4711: Ленина 5, окна')).toBe('4711');
    expect(orderCodeOf('Смена #1 на выезд')).toBeNull();
    expect(orderCodeOf('#4711abc')).toBeNull();
  });
  it('finds a quoted code with or without #, a bare one only at the start', () => {
    expect(quotedCode('#4711 готово')).toBe('4711');
    expect(quotedCode('4711 принял')).toBe('4711');
    expect(quotedCode('готово, 4711')).toBeNull();
    expect(quotedCode('буду через 15 минут')).toBeNull();
  });
});

describe('subscription commands', () => {
  it('parses joins and leaves, normalising the tag', () => {
    expect(parseSubscriptionCommands('+#Авария')).toEqual([{ join: true, tag: 'авария' }]);
    expect(parseSubscriptionCommands('-#учёба +#газ')).toEqual([
      { join: false, tag: 'учеба' },
      { join: true, tag: 'газ' },
    ]);
  });
  it('is null for anything that is not only commands', () => {
    expect(parseSubscriptionCommands('#авария на ПС')).toBeNull();
    expect(parseSubscriptionCommands('+#авария пожалуйста')).toBeNull();
    expect(parseSubscriptionCommands('1')).toBeNull();
  });
});
