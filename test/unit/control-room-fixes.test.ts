// Small things a dispatcher tripped over (issue 16 item 9), pinned down: order numbers are not
// tags, `#{order}` is one `#`, and the contact pickers find ё as е and 8 916… as +7 916….
import { describe, expect, it } from 'vitest';
import { renderOrder } from '../../shared/sms/placeholders.js';
import { isOrderNumberTag, parseTags, streamTags } from '../../main/station/domain/tags.js';
import { contactScore, findContacts } from '../../renderer/features/compose/search.js';

describe('order numbers', () => {
  it('are kept as a text’s tags for search, but are not streams', () => {
    const tags = parseTags('#авария на ВЛ-10, наряд #4711, бригада #1');
    expect(tags).toEqual(['авария', '4711', '1']);
    expect(streamTags(tags)).toEqual(['авария', '1']);
    expect(['4711', '#123', '123456789012'].map(isOrderNumberTag)).toEqual([true, true, true]);
    expect(['12', '1234567890123', 'пс12', '4711a'].map(isOrderNumberTag)).toEqual([false, false, false, false]);
  });

  it('get one # whether the template says {order} or #{order}', () => {
    expect(renderOrder('Заявка #{order}: замена опоры', '4711')).toBe('Заявка #4711: замена опоры');
    expect(renderOrder('Заявка {order}: замена опоры', '#4711')).toBe('Заявка #4711: замена опоры');
    expect(renderOrder('Заявка #{order}', '')).toBe('Заявка #{order}');
  });
});

describe('finding a contact', () => {
  const people = [
    { name: 'Фёдоров Пётр', phone: '+79161234567', position: 'Мастер' },
    { name: 'Федотова Анна', phone: '+79169990000', position: null },
  ];

  it('treats ё as е both ways', () => {
    expect(findContacts('федоров', people).map((p) => p.name)).toEqual(['Фёдоров Пётр']);
    expect(findContacts('Петр', people).map((p) => p.name)).toEqual(['Фёдоров Пётр']);
    expect(findContacts('фёдот', people).map((p) => p.name)).toEqual(['Федотова Анна']);
  });

  it('finds a number typed with 8, spaces or dashes', () => {
    expect(contactScore('8 916 123-45', people[0]!)).toBe(4);
    expect(contactScore('89161234567', people[0]!)).toBe(4);
    expect(contactScore('+7 916 999', people[1]!)).toBe(4);
    expect(contactScore('8 916 123', people[1]!)).toBe(-1);
  });
});
