import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/station/store/database.js';
import { countMessages, searchMessages } from '../../main/station/history/search.js';
import { broadcastDetail, conversation, groupTraffic, tagStream } from '../../main/station/history/views.js';
import { insertMessage, MIN, seedBroadcast, seedPeople, T0, type Seeded } from '../tools/history-seed.js';

let dir: string;
let db: Db;
let s: Seeded;
let alert: { broadcastId: number; messages: number[]; replies: number[] };
let drill: { broadcastId: number; messages: number[]; replies: number[] };

const texts = (r: { hits: { text: string }[] }) => r.hits.map((h) => h.text);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sb-history-'));
  db = openDatabase(join(dir, 'station.db'));
  s = seedPeople(db);
  const p = (k: keyof Seeded['contacts']) => ({
    contactId: s.contacts[k],
    phone: db.prepare('SELECT phone FROM contacts WHERE id = ?').pluck().get(s.contacts[k]) as string,
  });
  alert = seedBroadcast(db, s, '#Авария на ПС-12: нет напряжения в Северном районе. Ёлочная ул.', T0, [
    { ...p('ivanov'), reply: 'Выезжаю, буду через 20 минут' },
    { ...p('petrov'), reply: 'Принял' },
    { ...p('sidorova'), status: 'failed' },
  ]);
  drill = seedBroadcast(db, s, 'Учения #учения завтра в 10:00, сбор у подстанции', T0 + 60 * MIN, [
    { ...p('sidorova'), reply: 'буду' },
    { ...p('fedorov') },
  ], 'smpp-1');
  insertMessage(db, { direction: 'in', text: 'Напряжение восстановлено, елочная в порядке', phone: p('ivanov').phone, contactId: s.contacts.ivanov, at: T0 + 120 * MIN });
  // A reply from a phone not (yet) linked to a contact record, but equal to Petrov's number.
  insertMessage(db, { direction: 'in', text: 'Аварийная бригада на месте', phone: p('petrov').phone, contactId: null, at: T0 + 130 * MIN });
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('history search', () => {
  it('finds a word whatever its case and whether it is written with ё or е', () => {
    expect(texts(searchMessages(db, { q: 'ЕЛОЧНАЯ' }))).toEqual([
      'Напряжение восстановлено, елочная в порядке',
      ...Array(3).fill('#Авария на ПС-12: нет напряжения в Северном районе. Ёлочная ул.'),
    ]);
    expect(countMessages(db, { q: 'ёлочная' })).toBe(4);
  });

  it('matches a phrase only with its words in order', () => {
    expect(countMessages(db, { q: '"нет напряжения"' })).toBe(3);
    expect(countMessages(db, { q: '"напряжения нет"' })).toBe(0);
  });

  it('matches a prefix', () => {
    expect(countMessages(db, { q: 'авар*' })).toBe(4); // 3 × «Авария», 1 × «Аварийная»
    expect(countMessages(db, { q: 'авар' })).toBe(0);
  });

  it('finds a tag in the tags, not a word that merely looks like it', () => {
    expect(countMessages(db, { q: '#авария' })).toBe(3);
    expect(countMessages(db, { q: '#АВАРИЯ' })).toBe(3);
    expect(countMessages(db, { q: '#учения' })).toBe(2);
    expect(countMessages(db, { tag: 'Учения' })).toBe(2);
    expect(countMessages(db, { q: 'учения' })).toBe(2);
  });

  it('excludes and ORs', () => {
    expect(countMessages(db, { q: 'буду OR принял' })).toBe(3);
    expect(countMessages(db, { q: 'авар* -#авария' })).toBe(1);
  });

  it('combines the words with direction, status, date, carrier, broadcast and group filters', () => {
    expect(countMessages(db, { q: 'авар*', direction: 'in' })).toBe(1);
    expect(countMessages(db, { q: '#авария', status: ['failed'] })).toBe(1);
    expect(countMessages(db, { from: T0 + 60 * MIN, to: T0 + 121 * MIN })).toBe(4);
    expect(countMessages(db, { carrierId: 'smpp-1', direction: 'out' })).toBe(2);
    expect(countMessages(db, { broadcastId: alert.broadcastId, direction: 'in' })).toBe(2);
    // Северный район includes Бригада 1 (Petrov): Ivanov 1 out + 2 in, Petrov 1 out + 1 in.
    expect(countMessages(db, { groupId: s.groups.north })).toBe(5);
    expect(countMessages(db, { groupId: s.groups.crew })).toBe(2);
    expect(countMessages(db, { groupId: s.groups.north, q: 'принял' })).toBe(1);
  });

  it('marks the hits in the original text, ё included', () => {
    const [hit] = searchMessages(db, { q: 'елочная #авария', direction: 'out' }).hits;
    const marked = hit!.highlights.map(([a, b]) => hit!.snippet.slice(a, b));
    expect(marked).toEqual(['#Авария', 'Ёлочная']);
  });

  it('pages by cursor without repeats or gaps, in both orders', () => {
    const all = searchMessages(db, {}, { limit: 100 }).hits.map((h) => h.id);
    expect(all).toHaveLength(10);
    for (const order of ['desc', 'asc'] as const) {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page = searchMessages(db, {}, { limit: 3, cursor, order });
        seen.push(...page.hits.map((h) => h.id));
        cursor = page.next;
      } while (cursor);
      expect(seen).toEqual(order === 'desc' ? all : [...all].reverse());
    }
  });

  it('refuses a damaged cursor with a sentence', () => {
    expect(() => searchMessages(db, {}, { cursor: 'garbage' })).toThrow(/start the search again/);
  });
});

describe('history views', () => {
  it("shows one employee's conversation, including replies from their phone not yet linked", () => {
    const r = conversation(db, s.contacts.petrov, { order: 'asc' });
    expect(r.contact.name).toBe('Петров Семён');
    expect(texts(r)).toEqual([
      '#Авария на ПС-12: нет напряжения в Северном районе. Ёлочная ул.',
      'Принял',
      'Аварийная бригада на месте',
    ]);
  });

  it("shows a group's traffic with its subgroups", () => {
    expect(groupTraffic(db, s.groups.south).hits).toHaveLength(4);
    expect(groupTraffic(db, s.groups.north).group.name).toBe('Северный район');
  });

  it('shows a tag stream', () => {
    expect(tagStream(db, '#Учения').hits.map((h) => [h.direction, h.tags])).toEqual([
      ['out', ['учения']],
      ['out', ['учения']],
    ]);
  });

  it('shows a broadcast with every recipient, its status and reply', () => {
    const d = broadcastDetail(db, alert.broadcastId);
    expect(d.authorName).toBe('Диспетчер Смирнова');
    expect(d.tags).toEqual(['авария']);
    expect(d.recipients.map((r) => [r.contactName, r.status, r.reply?.text ?? null])).toEqual([
      ['Иванов Пётр', 'delivered', 'Выезжаю, буду через 20 минут'],
      ['Петров Семён', 'delivered', 'Принял'],
      ['Сидорова Алёна', 'failed', null],
    ]);
    expect(broadcastDetail(db, drill.broadcastId).recipients[1]!.reply).toBeNull();
  });

  it('says so when a broadcast does not exist', () => {
    expect(() => broadcastDetail(db, 999)).toThrow(/does not exist/);
  });
});

describe('history search over many matches', () => {
  let big: Db;
  let bigDir: string;

  beforeAll(() => {
    bigDir = mkdtempSync(join(tmpdir(), 'sb-history-big-'));
    big = openDatabase(join(bigDir, 'station.db'));
    // 5,000 matches — far more than the time-walk plan needs — with ids deliberately out of time order
    // (every third message arrives with an older timestamp, as a delayed SMS would).
    big.transaction(() => {
      for (let i = 0; i < 8_000; i++) {
        const at = T0 + i * MIN - (i % 3 === 0 ? 500 * MIN : 0);
        insertMessage(big, { direction: i % 2 ? 'out' : 'in', text: i % 8 < 5 ? `авария номер ${i}` : `тишина ${i}`, phone: '+79161234501', at });
      }
      // And a late batch: the newest ids, carrying old times (a modem's SIM read after a week off).
      for (let i = 0; i < 600; i++) {
        insertMessage(big, { direction: 'in', text: `авария поздняя ${i}`, phone: '+79161234502', at: T0 + 3_000 * MIN + i * 7 * MIN });
      }
    })();
  });

  afterAll(() => {
    big.close();
    rmSync(bigDir, { recursive: true, force: true });
  });

  it('pages many matches in exact time order despite ids out of time order', () => {
    const expected = (big
      .prepare(`SELECT id, created_at FROM messages WHERE text LIKE 'авария%' AND direction = 'in' ORDER BY created_at DESC, id DESC`)
      .all() as { id: number }[]).map((r) => r.id);
    expect(expected.length).toBeGreaterThan(2_000);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = searchMessages(big, { q: 'авария', direction: 'in' }, { limit: 500, cursor });
      seen.push(...page.hits.map((h) => h.id));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual(expected);
    expect(countMessages(big, { q: 'авария' })).toBe(5_600);
  });

  it('pages oldest first within a date range, exactly, despite the disorder', () => {
    const from = T0 + 2_000 * MIN;
    const to = T0 + 6_000 * MIN;
    const expected = (big
      .prepare(`SELECT id FROM messages WHERE text LIKE 'авария%' AND created_at >= ? AND created_at < ? ORDER BY created_at, id`)
      .all(from, to) as { id: number }[]).map((r) => r.id);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = searchMessages(big, { q: 'авар*', from, to }, { limit: 300, cursor, order: 'asc' });
      seen.push(...page.hits.map((h) => h.id));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual(expected);
  });
});
