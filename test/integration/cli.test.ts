import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../main/cli.js';
import { Store } from '../../main/station/store/store.js';
import { startStationProcess, kill } from '../tools/station-process.js';

function capture() {
  const lines: string[] = [];
  const errors: string[] = [];
  return { out: { log: (l: string) => lines.push(l), err: (l: string) => errors.push(l) }, lines, errors };
}

describe('switchboard CLI', () => {
  it('adds a user with a generated password printed once, and refuses a duplicate', async () => {
    const data = mkdtempSync(join(tmpdir(), 'sb-cli-'));
    const c = capture();
    expect(await main(['user', 'add', '--data', data, '--login', 'ivanova', '--role', 'dispatcher'], c.out)).toBe(0);
    const password = /Password: (\S+)/.exec(c.lines.join('\n'))![1]!;
    const store = Store.open(join(data, 'switchboard.db'));
    expect(await store.users.authenticate('ivanova', password)).toMatchObject({ role: 'dispatcher' });
    store.close();
    const again = capture();
    expect(await main(['user', 'add', '--data', data, '--login', 'IVANOVA', '--role', 'viewer'], again.out)).toBe(1);
    expect(again.errors.join('\n')).toContain('already exists');
  });

  it('explains bad arguments with the usage text and exit code 2', async () => {
    const c = capture();
    expect(await main(['user', 'add', '--login', 'x', '--role', 'boss'], c.out)).toBe(2);
    expect(c.errors.join('\n')).toMatch(/--role must be admin, dispatcher or viewer[\s\S]*Usage:/);
    const d = capture();
    expect(await main(['frobnicate'], d.out)).toBe(2);
    const e = capture();
    expect(await main(['start', '--port', 'eighty'], e.out)).toBe(2);
  });

  it('starts a station that answers health, and works on its folder while it runs', async () => {
    const data = mkdtempSync(join(tmpdir(), 'sb-cli-run-'));
    const started = Date.now();
    const station = await startStationProcess(['--data', data, '--port', '0', '--demo']);
    try {
      const res = await fetch(`${station.url}/api/v1/health`);
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(station.adminPassword).toBeTruthy();
      // WAL: the CLI adds a user while the station holds the file open.
      const c = capture();
      expect(await main(['user', 'add', '--data', data, '--login', 'night', '--role', 'dispatcher', '--password', 'pw-night-1'], c.out)).toBe(0);
    } finally {
      await kill(station.child, 'SIGTERM');
    }
    expect(station.output()).toContain('Stopping');
  });

  it('refuses a data folder written by a newer schema with a sentence, not a crash', async () => {
    const data = mkdtempSync(join(tmpdir(), 'sb-cli-new-'));
    const store = Store.open(join(data, 'switchboard.db'));
    store.db.pragma('user_version = 9999');
    store.close();
    const c = capture();
    expect(await main(['user', 'add', '--data', data, '--login', 'x', '--role', 'viewer'], c.out)).toBe(1);
    expect(c.errors.join('\n')).toMatch(/newer Switchboard \(schema 9999/);
  });
});
