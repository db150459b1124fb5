// The full-text index written in batches (history/fts-indexer.ts, migration 0110): a search
// finds every committed message however recent, on a real SQLite file, through crashes, edits,
// deletes and other connections.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadMigrations, openDatabase, type Db } from '../../main/station/store/database.js';
import { countMessages, searchMessages } from '../../main/station/history/search.js';
import { exportMessages } from '../../main/station/history/export-xlsx.js';
import { FtsIndexer, indexBeforeSearch, indexPending } from '../../main/station/history/fts-indexer.js';
import { createStation } from '../../main/station/index.js';
import { insertMessage, MIN, T0 } from '../tools/history-seed.js';

let dir: string;
let file: string;
let db: Db;
const others: Db[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sb-fts-'));
  file = join(dir, 'switchboard.db');
  db = openDatabase(file);
});

afterEach(() => {
  vi.useRealTimers();
  for (const o of others.splice(0)) if (o.open) o.close();
  if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
const add = (text: string, on: Db = db) => insertMessage(on, { direction: 'in', text, phone: '+79160000001', at: T0 + n++ * MIN });
const pending = (on: Db = db) => on.prepare('SELECT count(*) FROM fts_pending').pluck().get() as number;
const indexed = (word: string, on: Db = db) =>
  on.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid').pluck().all(word) as number[];
const found = (q: string) => searchMessages(db, { q }, { order: 'asc' }).hits.map((h) => h.id);
const ftsIntact = () => expect(() => db.exec(`INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')`)).not.toThrow();

describe('noting, not indexing, on insert', () => {
  it('a stored message waits in fts_pending and is found by the very next search, then indexed once', () => {
    const a = add('Авария на подстанции Ёлкино');
    const b = add('Авария устранена');
    expect(pending()).toBe(2);
    expect(indexed('авария')).toEqual([]);
    expect(found('авария')).toEqual([a, b]);
    expect(pending()).toBe(0);
    expect(indexed('авария')).toEqual([a, b]);
    // ё folded as the triggers of 0002 did.
    expect(found('елкино')).toEqual([a]);
    const c = add('Авария снова');
    expect(countMessages(db, { q: 'авария' })).toBe(3);
    expect(indexed('авария')).toEqual([a, b, c]);
    ftsIntact();
  });

  it('messages written by another connection (the CLI) are found by the station connection’s search', () => {
    const cli = openDatabase(file);
    others.push(cli);
    const id = add('Проверка связи из консоли', cli);
    expect(pending()).toBe(1);
    expect(found('консоли')).toEqual([id]);
    // And the other way round: the CLI's search indexes what the station noted.
    const id2 = add('Связь восстановлена');
    expect(searchMessages(cli, { q: 'связ*' }, { order: 'asc' }).hits.map((h) => h.id)).toEqual([id, id2]);
    expect(pending(cli)).toBe(0);
  });

  it('an export finds what was noted an instant before it was asked for (its reader opens after the catch-up)', async () => {
    add('Экспорт: отключение');
    add('Экспорт: отключение второе');
    add('Другое');
    const summary = await exportMessages(db, join(dir, 'out.xlsx'), { filter: { q: 'отключение' } });
    expect(summary.rows).toBe(2);
    expect(pending()).toBe(0);
  });

  it('an existing data folder keeps its index as it was and notes nothing (migration 0110)', () => {
    db.close();
    rmSync(file);
    const old = openDatabase(file, loadMigrations().filter((m) => m.version < 110));
    const id = add('Старое сообщение до обновления', old);
    expect(old.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'fts_pending'`).pluck().get()).toBe(0);
    old.close();
    db = openDatabase(file);
    expect(pending()).toBe(0);
    expect(indexed('обновления')).toEqual([id]);
    expect(found('старое')).toEqual([id]);
  });
});

describe('edits and deletes keep the index right', () => {
  it('deleting a pending message leaves no ghost, even when its id is taken again', () => {
    const keep = add('Первое сообщение');
    const gone = add('Призрак исчезнет');
    db.prepare('DELETE FROM messages WHERE id = ?').run(gone);
    expect(pending()).toBe(1);
    // The rowid is free again (no AUTOINCREMENT): a new message takes it.
    const reused = add('Новый жилец');
    expect(reused).toBe(gone);
    expect(found('призрак')).toEqual([]);
    expect(found('жилец')).toEqual([reused]);
    expect(found('сообщение')).toEqual([keep]);
    ftsIntact();
  });

  it('deleting an indexed message removes it from the index, and its id taken again is indexed afresh', () => {
    add('Первое сообщение');
    const gone = add('Призрак исчезнет');
    indexPending(db);
    db.prepare('DELETE FROM messages WHERE id = ?').run(gone);
    expect(indexed('призрак')).toEqual([]);
    const reused = add('Новый жилец');
    expect(reused).toBe(gone);
    expect(found('призрак')).toEqual([]);
    expect(found('жилец')).toEqual([reused]);
    ftsIntact();
  });

  it('a message deleted in the same transaction as its insert leaves nothing noted', () => {
    db.transaction(() => {
      const id = add('Мимолётное');
      db.prepare('DELETE FROM messages WHERE id = ?').run(id);
    })();
    expect(pending()).toBe(0);
    expect(found('мимолетное')).toEqual([]);
  });

  it('editing the text of an indexed message: the old words find it no more, the new ones once', () => {
    const id = add('Старый текст #авария');
    indexPending(db);
    db.prepare('UPDATE messages SET text = ? WHERE id = ?').run('Новый текст', id);
    expect(pending()).toBe(1);
    expect(indexed('старый')).toEqual([]);
    expect(found('старый')).toEqual([]);
    expect(found('новый')).toEqual([id]);
    expect(indexed('текст')).toEqual([id]);
    ftsIntact();
  });

  it('editing the text or tags of a pending message leaves it pending, indexed later with what it says then', () => {
    const id = add('Черновик');
    db.prepare('UPDATE messages SET text = ?, tags = ? WHERE id = ?').run('Чистовик', 'учения', id);
    db.prepare('UPDATE messages SET tags = ? WHERE id = ?').run('учения ёлка', id);
    expect(pending()).toBe(1);
    expect(found('черновик')).toEqual([]);
    expect(found('чистовик')).toEqual([id]);
    expect(countMessages(db, { tag: 'елка' })).toBe(1);
    expect(indexed('чистовик')).toEqual([id]);
    ftsIntact();
  });

  it('a status change touches neither the index nor the pending list', () => {
    const id = add('Статус меняется');
    indexPending(db);
    db.prepare(`UPDATE messages SET status = 'failed', updated_at = updated_at + 1 WHERE id = ?`).run(id);
    expect(pending()).toBe(0);
    expect(indexed('статус')).toEqual([id]);
  });
});

describe('catching up', () => {
  it('rows left pending by a crash are indexed when the station starts', async () => {
    const ids = [add('Перед сбоем первое'), add('Перед сбоем второе')];
    db.close(); // the station died before its indexer ran
    const station = await createStation({ dataDir: dir, port: 0, logLevel: 'silent' });
    try {
      const sdb = station.core.store.db;
      // The first step runs as the indexer starts, before the station answers anything.
      expect(sdb.prepare('SELECT count(*) FROM fts_pending').pluck().get()).toBe(0);
      expect(indexed('сбоем', sdb)).toEqual(ids);
    } finally {
      await station.stop();
    }
  });

  it('a big backlog goes in capped steps, one per turn of the event loop', async () => {
    const texts = Array.from({ length: 5_000 }, (_, i) => `Пачка ${i} #массовая`);
    db.transaction(() => texts.forEach((t) => add(t)))();
    expect(indexPending(db, 2_000)).toBe(2_000);
    expect(pending()).toBe(3_000);
    // The oldest first: what is left is the newest.
    expect(db.prepare('SELECT min(id) FROM fts_pending').pluck().get()).toBe(
      (db.prepare('SELECT min(id) FROM messages').pluck().get() as number) + 2_000,
    );
    const troubles: unknown[] = [];
    const indexer = new FtsIndexer(db, { step: 1_000, trouble: (e) => troubles.push(e) });
    indexer.start();
    expect(pending()).toBe(2_000); // one step at start, the rest later
    await new Promise((r) => setImmediate(r));
    expect(pending()).toBe(1_000);
    for (let i = 0; i < 5 && pending() > 0; i++) await new Promise((r) => setImmediate(r));
    expect(pending()).toBe(0);
    indexer.stop();
    expect(troubles).toEqual([]);
    expect(countMessages(db, { tag: 'массовая' })).toBe(5_000);
    expect(indexed('4999')).toHaveLength(1);
    ftsIntact();
  });

  it('the timer indexes a few rows once they have waited, and many at once', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setImmediate', 'performance'] });
    const indexer = new FtsIndexer(db, { pollMs: 100, maxWaitMs: 500, eager: 10 });
    indexer.start();
    add('Одно');
    add('Два');
    vi.advanceTimersByTime(300);
    expect(pending()).toBe(2); // too few to be worth a batch yet
    vi.advanceTimersByTime(400);
    expect(pending()).toBe(0); // waited long enough
    for (let i = 0; i < 12; i++) add(`Много ${i}`);
    vi.advanceTimersByTime(100);
    expect(pending()).toBe(0); // enough for a batch at the next poll
    indexer.stop();
    add('После остановки');
    vi.advanceTimersByTime(2_000);
    expect(pending()).toBe(1);
  });

  it('the timer waits while the store is read-only, and a search still catches up', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setImmediate', 'performance'] });
    let writable = false;
    const indexer = new FtsIndexer(db, { pollMs: 100, maxWaitMs: 100, eager: 10, writable: () => writable });
    indexer.start();
    const id = add('Только для поиска');
    vi.advanceTimersByTime(1_000);
    expect(pending()).toBe(1);
    expect(found('поиска')).toEqual([id]);
    writable = true;
    add('Потом по таймеру');
    vi.advanceTimersByTime(300);
    expect(pending()).toBe(0);
    indexer.stop();
  });

  it('a search inside a transaction catches up inside it, and a rollback takes both back', () => {
    const id = add('Вне транзакции');
    db.exec('BEGIN');
    const inner = add('Внутри транзакции');
    expect(found('транзакции')).toEqual([id, inner]);
    db.exec('ROLLBACK');
    expect(pending()).toBe(1);
    expect(indexed('транзакции')).toEqual([]);
    expect(found('транзакции')).toEqual([id]);
  });

  it('a search on a read-only connection with nothing to catch up on runs as before', () => {
    const id = add('Для читателя');
    indexBeforeSearch(db);
    const reader = openDatabase(file);
    others.push(reader);
    reader.pragma('query_only = ON');
    expect(searchMessages(reader, { q: 'читателя' }).hits.map((h) => h.id)).toEqual([id]);
    // One that cannot write while something waits searches the index as it is rather than fail.
    add('Для читателя позже');
    expect(searchMessages(reader, { q: 'читателя' }).hits.map((h) => h.id)).toEqual([id]);
    expect(pending(reader)).toBe(1);
  });
});
