// A key and its user are read once and kept between calls (integrations/api-keys.ts), yet every
// change must hold on the very next request: a revoked key, a disabled, deleted or re-roled user,
// a key's new rate limit — made through the repositories, by raw SQL on the station's connection,
// or by another connection on the same file (the `switchboard` CLI while the station runs).
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main as cli } from '../../main/cli.js';
import { openDatabase, type Db } from '../../main/station/store/database.js';
import { UserRepository } from '../../main/station/store/users.js';
import { ApiKeyRepository } from '../../main/station/integrations/api-keys.js';
import { createStation } from '../../main/station/index.js';
import { curl } from '../tools/integrations-fixture.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'sb-key-live-'));
  dirs.push(d);
  return d;
};

describe('a kept key and user follow every change on the next call', () => {
  let db: Db;
  let other: Database.Database;
  let keys: ApiKeyRepository;
  let users: UserRepository;
  let key: string;
  let keyId: number;
  let userId: number;

  beforeEach(async () => {
    const file = join(tempDir(), 'switchboard.db');
    db = openDatabase(file);
    users = new UserRepository(db);
    userId = (await users.create({ login: 'zabbix', role: 'dispatcher', password: 'zabbix-pass-1' })).id;
    keys = new ApiKeyRepository(db);
    ({ key, view: { id: keyId } } = keys.create('zabbix', 'monitoring'));
    // Another connection on the same file, as the CLI opens it.
    other = new Database(file);
    other.pragma('busy_timeout = 5000');
    // Read twice, so the second answer is the kept one.
    expect(keys.authenticate(key)?.role).toBe('dispatcher');
    expect(keys.authenticate(key)?.role).toBe('dispatcher');
  });
  afterEach(() => {
    other.close();
    db.close();
  });

  it('a key revoked through the repository is refused at once', () => {
    expect(keys.revoke(keyId)).toBe(true);
    expect(keys.authenticate(key)).toBeUndefined();
  });

  it('a key revoked by another connection (the CLI) is refused at once', () => {
    other.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ?').run(Date.now(), keyId);
    expect(keys.authenticate(key)).toBeUndefined();
  });

  it('a key deleted by another connection, or by raw SQL on this one, is refused at once', () => {
    other.prepare('DELETE FROM api_keys WHERE id = ?').run(keyId);
    expect(keys.authenticate(key)).toBeUndefined();
    const again = keys.create('zabbix', 'again');
    expect(keys.authenticate(again.key)).toBeDefined();
    db.prepare('DELETE FROM api_keys WHERE id = ?').run(again.view.id);
    expect(keys.authenticate(again.key)).toBeUndefined();
  });

  it('a user disabled through the repository, or by another connection, is refused at once, and served once enabled', () => {
    users.update(userId, { disabled: true });
    expect(keys.authenticate(key)).toBeUndefined();
    users.update(userId, { disabled: false });
    expect(keys.authenticate(key)?.login).toBe('zabbix');
    expect(keys.authenticate(key)?.login).toBe('zabbix');
    other.prepare('UPDATE users SET disabled = 1 WHERE id = ?').run(userId);
    expect(keys.authenticate(key)).toBeUndefined();
    other.prepare('UPDATE users SET disabled = 0 WHERE id = ?').run(userId);
    expect(keys.authenticate(key)?.login).toBe('zabbix');
  });

  it('a user deleted by another connection is refused at once', () => {
    other.pragma('foreign_keys = ON');
    other.prepare('DELETE FROM users WHERE id = ?').run(userId);
    expect(keys.authenticate(key)).toBeUndefined();
  });

  it('a new role applies to the next call, whoever wrote it', () => {
    users.update(userId, { role: 'viewer' });
    expect(keys.authenticate(key)?.role).toBe('viewer');
    other.prepare(`UPDATE users SET role = 'admin' WHERE id = ?`).run(userId);
    expect(keys.authenticate(key)?.role).toBe('admin');
    db.prepare(`UPDATE users SET role = 'dispatcher', login = 'zabbix2' WHERE id = ?`).run(userId);
    expect(keys.authenticate(key)).toMatchObject({ role: 'dispatcher', login: 'zabbix2' });
  });

  it('a change rolled back is not kept: what was read inside the transaction is read again after it', () => {
    expect(() =>
      db.transaction(() => {
        db.prepare(`UPDATE users SET role = 'viewer' WHERE id = ?`).run(userId);
        expect(keys.authenticate(key)?.role).toBe('viewer');
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(keys.authenticate(key)?.role).toBe('dispatcher');
  });

  it('a key’s own rate limit set elsewhere applies to the next call', () => {
    expect(keys.limits(keyId)).toEqual({});
    expect(keys.limits(keyId)).toEqual({});
    keys.setLimits(keyId, { ratePerMinute: 60, burst: 5 });
    expect(keys.limits(keyId)).toEqual({ perMinute: 60, burst: 5 });
    expect(keys.authenticate(key)?.limits).toEqual({ perMinute: 60, burst: 5 });
    other.prepare('UPDATE api_keys SET rate_burst = 9 WHERE id = ?').run(keyId);
    expect(keys.limits(keyId)).toEqual({ perMinute: 60, burst: 9 });
    expect(keys.authenticate(key)?.limits).toEqual({ perMinute: 60, burst: 9 });
  });

  it('a second repository on the same connection sees the first one’s revocation', () => {
    const second = new ApiKeyRepository(db);
    expect(second.authenticate(key)).toBeDefined();
    keys.revoke(keyId);
    expect(second.authenticate(key)).toBeUndefined();
  });

  it('still records the last use to the minute', () => {
    const lastUsed = () => db.prepare('SELECT last_used_at FROM api_keys WHERE id = ?').pluck().get(keyId) as number;
    const t0 = lastUsed();
    expect(keys.authenticate(key, t0 + 30_000)).toBeDefined();
    expect(lastUsed()).toBe(t0);
    expect(keys.authenticate(key, t0 + 61_000)).toBeDefined();
    expect(lastUsed()).toBe(t0 + 61_000);
    expect(keys.authenticate(key, t0 + 62_000)).toBeDefined();
    expect(lastUsed()).toBe(t0 + 61_000);
  });
});

describe('a running station and the CLI on the same data folder', () => {
  it('a key revoked by `switchboard apikey revoke`, or its user disabled or made viewer elsewhere, is refused on the very next request', async () => {
    const dir = tempDir();
    const station = await createStation({ dataDir: dir, port: 0, logLevel: 'silent' });
    const quiet = { log: () => {}, err: () => {} };
    try {
      const lines: string[] = [];
      await cli(['apikey', 'create', '--user', 'admin', '--name', 'zabbix', '--data', dir], { ...quiet, log: (l) => lines.push(l) });
      const key = lines[0]!;
      const send = () => curl(`${station.url}/api/v1/send`, ['-H', `Authorization: Bearer ${key}`, '--data-urlencode', 'to=+79160000001', '--data-urlencode', 'text=alert']);
      expect((await send()).status).toBe(202);
      expect((await send()).status).toBe(202);

      const other = new Database(join(dir, 'switchboard.db'));
      other.pragma('busy_timeout = 5000');
      try {
        const adminId = other.prepare(`SELECT id FROM users WHERE login = 'admin'`).pluck().get() as number;
        other.prepare(`UPDATE users SET role = 'viewer' WHERE id = ?`).run(adminId);
        expect((await send()).status).toBe(403);
        other.prepare(`UPDATE users SET role = 'admin', disabled = 1 WHERE id = ?`).run(adminId);
        expect((await send()).status).toBe(401);
        other.prepare(`UPDATE users SET disabled = 0 WHERE id = ?`).run(adminId);
        expect((await send()).status).toBe(202);
      } finally {
        other.close();
      }

      const id = String(station.core.store.db.prepare('SELECT id FROM api_keys ORDER BY id DESC LIMIT 1').pluck().get());
      expect(await cli(['apikey', 'revoke', '--id', id, '--data', dir], quiet)).toBe(0);
      const refused = await send();
      expect(refused.status).toBe(401);
      expect(refused.body).toContain('revoked');
      // Both refusals audited: the disabled user's key (unknown to the door) and the revoked one.
      const audited = station.core.store.db.prepare(`SELECT detail FROM audit WHERE action = 'api.auth.failed' ORDER BY id`).pluck().all() as string[];
      expect(audited.map((d) => JSON.parse(d).reason)).toEqual(['unknown', 'revoked']);
    } finally {
      await station.stop();
    }
  });
});
