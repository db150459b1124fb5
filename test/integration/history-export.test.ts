import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/station/store/database.js';
import { ExportCancelledError, exportMessages } from '../../main/station/history/export-xlsx.js';
import { insertMessage, MIN, seedBroadcast, seedPeople, T0, type Seeded } from '../tools/history-seed.js';

const READER = fileURLToPath(new URL('../tools/read-xlsx.py', import.meta.url));

interface Sheet {
  title: string;
  freeze: string | null;
  autoFilter: string | null;
  widths: number[];
  rows: unknown[][];
}

function readBack(file: string): Sheet[] {
  // Debian's python3-openpyxl lives under /usr/bin/python3, not whatever python3 is first on PATH.
  return JSON.parse(execFileSync('/usr/bin/python3', [READER, file], { encoding: 'utf8' })) as Sheet[];
}

let dir: string;
let db: Db;
let s: Seeded;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sb-export-'));
  db = openDatabase(join(dir, 'station.db'));
  s = seedPeople(db);
  seedBroadcast(db, s, '#Авария на ПС-12: «нет напряжения», Ёлочная ул.', T0, [
    { contactId: s.contacts.ivanov, phone: '+79161234501', reply: 'Выезжаю; буду через 20 минут' },
    { contactId: s.contacts.sidorova, phone: '+79161234503', status: 'failed' },
  ]);
  insertMessage(db, { direction: 'in', text: 'Кто это? "кавычки" и\nперенос', phone: '+79990000000', at: T0 + 30 * MIN });
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Excel export', () => {
  it('writes every message with real dates in the chosen zone, read back identically by openpyxl', async () => {
    const file = join(dir, 'all.xlsx');
    const progress: number[] = [];
    const summary = await exportMessages(db, file, {
      timeZone: 'Europe/Moscow',
      onProgress: (p) => progress.push(p.rows),
    });
    expect(summary).toEqual({ rows: 4, sheets: 1, timeZone: 'Europe/Moscow' });
    expect(progress.at(-1)).toBe(4);
    const [sheet, ...more] = readBack(file);
    expect(more).toHaveLength(0);
    expect(sheet!.title).toBe('Сообщения');
    expect(sheet!.freeze).toBe('A2');
    expect(sheet!.autoFilter).toBe('A1:K1');
    expect(sheet!.widths[6]).toBeGreaterThanOrEqual(50);
    // T0 is 06:00 UTC = 09:00 in Moscow.
    expect(sheet!.rows).toEqual([
      ['Дата и время', 'Направление', 'Сотрудник', 'Телефон', 'Группы', 'Теги', 'Текст', 'Статус', 'Доставлено', 'Рассылка', 'Автор'],
      [{ date: '2026-11-01T09:00:00' }, 'Исходящее', 'Иванов Пётр', '+79161234501', 'Северный район', '#авария',
        '#Авария на ПС-12: «нет напряжения», Ёлочная ул.', 'Доставлено', { date: '2026-11-01T09:01:00' }, 1, 'Диспетчер Смирнова'],
      [{ date: '2026-11-01T09:00:00.001000' }, 'Исходящее', 'Сидорова Алёна', '+79161234503', 'Южный район', '#авария',
        '#Авария на ПС-12: «нет напряжения», Ёлочная ул.', 'Ошибка', null, 1, 'Диспетчер Смирнова'],
      [{ date: '2026-11-01T09:05:00' }, 'Входящее', 'Иванов Пётр', '+79161234501', 'Северный район', null,
        'Выезжаю; буду через 20 минут', 'Получено', null, 1, 'Диспетчер Смирнова'],
      [{ date: '2026-11-01T09:30:00' }, 'Входящее', null, '+79990000000', null, null,
        'Кто это? "кавычки" и\nперенос', 'Получено', null, null, null],
    ]);
  });

  it('exports only the filter, in another zone and language', async () => {
    const file = join(dir, 'filtered.xlsx');
    await exportMessages(db, file, { filter: { q: 'елочная', status: ['failed'] }, timeZone: 'Asia/Yekaterinburg', locale: 'en' });
    const [sheet] = readBack(file);
    expect(sheet!.rows).toHaveLength(2);
    expect(sheet!.rows[1]!.slice(0, 3)).toEqual([{ date: '2026-11-01T11:00:00.001000' }, 'Outgoing', 'Сидорова Алёна']);
  });

  it('starts a new sheet when one is full', async () => {
    const file = join(dir, 'split.xlsx');
    const summary = await exportMessages(db, file, { timeZone: 'UTC', sheetRowLimit: 3 });
    expect(summary.sheets).toBe(2);
    const sheets = readBack(file);
    expect(sheets.map((x) => [x.title, x.rows.length])).toEqual([
      ['Сообщения', 3],
      ['Сообщения 2', 3],
    ]);
    expect(sheets[1]!.rows[0]![0]).toBe('Дата и время');
    expect(sheets[1]!.freeze).toBe('A2');
  });

  it('writes a header-only file when nothing matches', async () => {
    const file = join(dir, 'empty.xlsx');
    expect((await exportMessages(db, file, { filter: { q: 'нетакогослова' } })).rows).toBe(0);
    expect(readBack(file)[0]!.rows).toHaveLength(1);
  });

  it('stops on cancel and keeps no partial file', async () => {
    const many = db.transaction(() => {
      for (let i = 0; i < 3000; i++) insertMessage(db, { direction: 'in', text: `шум ${i}`, phone: '+79990000001', at: T0 + 90 * MIN + i });
    });
    many();
    const file = join(dir, 'cancelled.xlsx');
    const controller = new AbortController();
    const run = exportMessages(db, file, {
      signal: controller.signal,
      progressEvery: 1000,
      onProgress: (p) => {
        if (p.rows >= 1000) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(ExportCancelledError);
    expect(existsSync(file)).toBe(false);
  });
});
