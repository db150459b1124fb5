import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMigrations, openDatabase, schemaVersion, SchemaTooNewError } from '../../main/station/store/database.js';
import { Store } from '../../main/station/store/store.js';

const tmpFile = () => join(mkdtempSync(join(tmpdir(), 'sb-store-')), 'switchboard.db');

describe('store', () => {
  it('applies every migration in order on a fresh file, in WAL with foreign keys on', () => {
    const db = openDatabase(tmpFile());
    const migrations = loadMigrations();
    expect(migrations.map((m) => m.version)).toEqual([...migrations.map((m) => m.version)].sort((a, b) => a - b));
    expect(schemaVersion(db)).toBe(migrations.at(-1)!.version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('reopens an existing file without re-running migrations', () => {
    const file = tmpFile();
    const a = Store.open(file);
    a.contacts.upsert({ name: 'Иванов', phone: '8 916 123-45-67' });
    a.close();
    const b = Store.open(file);
    expect(b.contacts.byPhone('+79161234567')?.name).toBe('Иванов');
    b.close();
  });

  it('refuses a file from a newer version and leaves it untouched', () => {
    const file = tmpFile();
    const db = openDatabase(file);
    db.pragma('user_version = 500');
    db.close();
    expect(() => openDatabase(file)).toThrow(SchemaTooNewError);
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(500);
    raw.close();
  });

  it('applies a migration numbered below one already applied (numbers from parallel ranges)', () => {
    const file = tmpFile();
    const all = loadMigrations();
    const later = { version: 9100, name: '9100-later', sql: 'CREATE TABLE later (a);' };
    openDatabase(file, [...all, later]).close();
    const earlier = { version: 9050, name: '9050-earlier', sql: 'CREATE TABLE earlier (a);' };
    const db = openDatabase(file, [...all, earlier, later]);
    expect(schemaVersion(db)).toBe(9100);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name IN ('earlier', 'later') ORDER BY name`).pluck().all()).toEqual(['earlier', 'later']);
    db.close();
    // And only once.
    openDatabase(file, [...all, earlier, later]).close();
  });

  it('treats what a database had before migrations were recorded one by one as applied', () => {
    const file = tmpFile();
    const before = loadMigrations().filter((m) => m.version <= 61);
    const db = openDatabase(file, before);
    db.exec('DROP TABLE schema_migrations');
    db.close();
    const again = openDatabase(file);
    expect(schemaVersion(again)).toBe(loadMigrations().at(-1)!.version);
    again.close();
  });

  it('rolls back a migration that fails, leaving the previous version', () => {
    const file = tmpFile();
    const good = loadMigrations().slice(0, 1);
    openDatabase(file, good).close();
    const broken = [...good, { version: 9000, name: '9000-broken', sql: 'CREATE TABLE x (a); INSERT INTO nowhere VALUES (1);' }];
    expect(() => openDatabase(file, broken)).toThrow(/nowhere/);
    const db = openDatabase(file, good);
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'x'`).get()).toEqual({ n: 0 });
  });

  it('keeps contacts unique by phone: a second upsert updates the first', () => {
    const s = Store.open(tmpFile());
    const a = s.contacts.upsert({ name: 'Петров', phone: '+7 916 000-00-01' });
    const b = s.contacts.upsert({ name: 'Петров П.', phone: '89160000001', position: 'Мастер' });
    expect(b.id).toBe(a.id);
    expect(s.contacts.all()).toHaveLength(1);
    expect(b).toMatchObject({ name: 'Петров П.', position: 'Мастер' });
  });

  it('allows one outgoing message per recipient per broadcast', () => {
    const s = Store.open(tmpFile());
    const r = { contactId: null, phone: '+79160000001' };
    expect(() =>
      s.broadcasts.create({ authorId: null, source: 'ui', kind: 'plain', text: 'x', tagIds: [], tags: [], segments: 1, recipients: [r, r] }),
    ).toThrow(/UNIQUE/);
    expect((s.db.prepare('SELECT count(*) AS n FROM broadcasts').get() as { n: number }).n).toBe(0);
  });

  it('claims due messages through the outbox index, not a table scan', () => {
    const s = Store.open(tmpFile());
    const plan = s.db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM messages WHERE status = 'queued' AND next_attempt_at <= ?
         ORDER BY priority DESC, next_attempt_at, id LIMIT 50`,
      )
      .all(Date.now()) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('messages_outbox');
  });

  it('stores an inbound SMS once even when the carrier delivers it twice', () => {
    const s = Store.open(tmpFile());
    const input = {
      phone: '+79160000001', contactId: null, text: 'принял', tags: [], segments: 1, carrierId: 'modem-1',
      carrierRef: 'sim:7', broadcastId: null, replyTo: null, receivedAt: Date.now(),
    };
    expect(s.messages.insertInbound(input)).toBeTypeOf('number');
    expect(s.messages.insertInbound(input)).toBeNull();
  });

  it('takes a content key as the same SMS only within its window', () => {
    const s = Store.open(tmpFile());
    const t0 = Date.now();
    const sms = (receivedAt: number) => ({
      phone: '+79160000001', contactId: null, text: '1', tags: [], segments: 1, carrierId: 'smpp',
      carrierRef: 'mo:abc', carrierRefWindowMs: 60_000, broadcastId: null, replyTo: null, receivedAt,
    });
    const first = s.messages.insertInbound(sms(t0));
    expect(first).toBeTypeOf('number');
    expect(s.messages.insertInbound(sms(t0 + 30_000))).toBeNull(); // the SMSC delivered it again
    const later = s.messages.insertInbound(sms(t0 + 120_000)); // the same person answers "1" again
    expect(later).toBeTypeOf('number');
    expect(s.messages.insertInbound(sms(t0 + 130_000))).toBeNull();
    const refs = s.db.prepare(`SELECT id, carrier_ref FROM messages WHERE direction = 'in' ORDER BY id`).all();
    expect(refs).toEqual([
      { id: first, carrier_ref: `mo:abc@${first}` },
      { id: later, carrier_ref: 'mo:abc' },
    ]);
  });
});
