import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../main/cli.js';
import { createStation } from '../../main/station/index.js';
import { curl } from '../tools/integrations-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'sb-cli-apikey-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('switchboard apikey', () => {
  it('prints a new key alone on stdout, and the key works against a running station', async () => {
    const station = await createStation({ dataDir: dir, port: 0, logLevel: 'silent' });
    try {
      const lines: string[] = [];
      const code = await main(['apikey', 'create', '--user', 'admin', '--name', 'zabbix', '--data', dir], { log: (l) => lines.push(l), err: () => {} });
      expect(code).toBe(0);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^sb_[\w-]{43}$/);
      expect((await curl(`${station.url}/api/v1/groups`, ['-H', `Authorization: Bearer ${lines[0]}`])).status).toBe(200);
      const listed: string[] = [];
      await main(['apikey', 'list', '--data', dir], { log: (l) => listed.push(l), err: () => {} });
      expect(listed[0]).toMatch(/\tadmin\tzabbix\tactive\tlast used 20/);
    } finally {
      await station.stop();
    }
  });

  it('sets a key’s MTS sign-in, with which an old script’s login + MD5 works on a running station', async () => {
    const station = await createStation({ dataDir: dir, port: 0, logLevel: 'silent' });
    try {
      const keys: string[] = [];
      await main(['apikey', 'create', '--user', 'admin', '--name', '1C', '--data', dir], { log: (l) => keys.push(l), err: () => {} });
      const id = String(station.core.store.db.prepare('SELECT id FROM api_keys ORDER BY id DESC LIMIT 1').pluck().get());
      const said: string[] = [];
      expect(await main(['apikey', 'mts', '--id', id, '--login', 'old-1c', '--password', 'old-1c-pass', '--data', dir], { log: () => {}, err: (l) => said.push(l) })).toBe(0);
      expect(said[0]).toBe(`Key ${id}: MTS login old-1c, password set, token not set.`);
      const md5 = createHash('md5').update('old-1c-pass').digest('hex');
      expect((await curl(`${station.url}/m2m/m2m_api.asmx/GetBalance?login=old-1c&password=${md5}`)).status).toBe(200);
      await main(['apikey', 'mts', '--id', id, '--password', 'none', '--data', dir], { log: () => {}, err: () => {} });
      expect((await curl(`${station.url}/m2m/m2m_api.asmx/GetBalance?login=old-1c&password=${md5}`)).status).toBe(500);
    } finally {
      await station.stop();
    }
  });

  it('refuses a key for a user that does not exist, saying so', async () => {
    const errors: string[] = [];
    const code = await main(['apikey', 'create', '--user', 'nobody', '--data', dir], { log: () => {}, err: (l) => errors.push(l) });
    expect(code).toBe(1);
    expect(errors[0]).toContain('There is no user "nobody"');
  });
});
