import { describe, expect, it } from 'vitest';
import { CarrierPace } from '../../main/station/dispatch/carrier-pace.js';
import { escalationText } from '../../main/station/dispatch/escalation.js';
import { countSegments } from '../../shared/sms/segments.js';
import { silentNames } from '../../renderer/features/dispatch/slice.js';

describe('carrier pace', () => {
  it('spaces a limited carrier’s slots evenly and leaves others alone', () => {
    let now = 1_000;
    const pace = new CarrierPace({ modem: 4 }, () => now);
    expect([pace.reserve('modem'), pace.reserve('modem'), pace.reserve('modem')]).toEqual([0, 250, 500]);
    expect(pace.reserve('smpp')).toBe(0);
    now += 2_000;
    expect(pace.reserve('modem')).toBe(0);
  });
});

describe('escalation text', () => {
  const person = (i: number) => ({ contactId: i, name: `Сотрудник Номер${i}`, phone: `+7916000${String(i).padStart(4, '0')}` });

  it('names everyone silent when they fit', () => {
    expect(escalationText('Авария на ПС-12.', [person(1), person(2)])).toBe(
      'Эскалация: Авария на ПС-12. Не подтвердили: Сотрудник Номер1, Сотрудник Номер2. Ответьте 1.',
    );
  });

  it('shortens a long list to "и ещё N" within three SMS', () => {
    const text = escalationText('Авария на ПС-12.', Array.from({ length: 40 }, (_, i) => person(i)));
    expect(countSegments(text).segments).toBeLessThanOrEqual(3);
    expect(text).toMatch(/и ещё \d+\. Ответьте 1\.$/);
  });
});

describe('silent list on screen', () => {
  it('shows the first names and counts the rest, a phone where there is no name', () => {
    const people = [{ name: null, phone: '+79160000001' }, ...Array.from({ length: 9 }, (_, i) => ({ name: `Имя ${i}`, phone: 'x' }))];
    expect(silentNames(people, 3)).toEqual({ names: ['+79160000001', 'Имя 0', 'Имя 1'], more: 7 });
  });
});
