// Security case 9, secrets at rest (issue 14): config.json and the database were created 0644, and
// SMPP and IMAP passwords sat in clear in config.json. Now the data folder is the station user's
// alone (0700, its files 0600, tightened when found looser), the passwords written into config.json
// are sealed in the file on first start (and opened for use), the database holds carrier secrets
// sealed, the admin screen says only whether a secret is set, and the key itself can live in the OS
// keychain when the desktop shell passes one.
import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStation, type Station } from '../../main/station/index.js';
import { ControlRoomClient } from '../tools/control-room-client.js';
import type { KeyWrap } from '../../main/station/secrets/key-wrap.js';

const SMPP_PASSWORD = 'smpp-Secret-7';
const IMAP_PASSWORD = 'imap-Secret-8';
const HOOK_SECRET = 'webhook-secret-0123456789';
const stations: Station[] = [];
afterAll(async () => {
  for (const s of stations) await s.stop();
});

function seed(dir: string): void {
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({
      carrier: 'simulator',
      carriers: [{ kind: 'smpp', id: 'smsc', host: '127.0.0.1', port: 2775, systemId: 'sb', password: SMPP_PASSWORD }],
      integrations: {
        imap: { enabled: false, host: '127.0.0.1', user: 'sms', password: IMAP_PASSWORD },
        webhooks: [{ url: 'http://127.0.0.1:9/hook', secret: HOOK_SECRET }],
      },
    }),
  );
  chmodSync(join(dir, 'config.json'), 0o644);
  chmodSync(dir, 0o755);
}

const mode = (path: string) => statSync(path).mode & 0o777;

async function start(dir: string, keyWrap?: KeyWrap): Promise<Station> {
  const s = await createStation({ dataDir: dir, port: 0, logLevel: 'info', ...(keyWrap ? { keyWrap } : {}) });
  stations.push(s);
  return s;
}

describe.skipIf(process.platform === 'win32')('9. secrets at rest', () => {
  it('makes the data folder private and seals config.json\'s passwords in the file, using them opened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-secrets-'));
    seed(dir);
    const station = await start(dir);
    expect(mode(dir)).toBe(0o700);
    for (const f of ['config.json', 'switchboard.db', 'switchboard.db-wal', 'switchboard.db-shm', 'secret.key', 'logs/station.log']) {
      expect(existsSync(join(dir, f)), f).toBe(true);
      expect(mode(join(dir, f)), f).toBe(0o600);
    }
    expect(mode(join(dir, 'logs'))).toBe(0o700);
    const file = readFileSync(join(dir, 'config.json'), 'utf8');
    for (const secret of [SMPP_PASSWORD, IMAP_PASSWORD, HOOK_SECRET]) expect(file).not.toContain(secret);
    expect(JSON.parse(file).carriers[0].password).toMatch(/^gcm1:/);
    expect(JSON.parse(file).carriers[0].systemId).toBe('sb'); // the rest of the file is kept
    // In use, opened.
    expect(station.config.integrations.imap.password).toBe(IMAP_PASSWORD);
    expect(station.config.integrations.webhooks[0]!.secret).toBe(HOOK_SECRET);
    // Neither the database nor the log holds them in clear.
    for (const f of ['switchboard.db', 'switchboard.db-wal', 'logs/station.log']) {
      const bytes = readFileSync(join(dir, f));
      for (const secret of [SMPP_PASSWORD, IMAP_PASSWORD, HOOK_SECRET]) expect(bytes.includes(Buffer.from(secret)), `${f}: ${secret}`).toBe(false);
    }
    // The admin screen says a password is set, never what it is.
    const admin = await ControlRoomClient.login(station.url, 'admin', station.initialAdminPassword!);
    const routes = await admin.request('carriers.routes', {});
    expect(JSON.stringify(routes)).not.toContain(SMPP_PASSWORD);
    expect(routes.routes.find((r) => r.id === 'smsc')?.secrets).toEqual({ password: true });
    admin.close();
    await station.stop();
    stations.pop();
    // A second start opens what the first sealed.
    const again = await start(dir);
    expect(again.config.integrations.imap.password).toBe(IMAP_PASSWORD);
  });

  it('keeps the key in the OS keychain when the shell passes one; a station without it says why it cannot open it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-secrets-wrap-'));
    seed(dir);
    const keychain: KeyWrap = {
      name: 'test-keychain',
      wrap: (k) => Buffer.from(k.toString('hex').split('').reverse().join('')),
      unwrap: (w) => Buffer.from(w.toString().split('').reverse().join(''), 'hex'),
    };
    const station = await start(dir, keychain);
    expect(readFileSync(join(dir, 'secret.key'), 'utf8')).toMatch(/^wrapped:test-keychain:/);
    expect(station.config.integrations.imap.password).toBe(IMAP_PASSWORD);
    await station.stop();
    stations.pop();
    await expect(createStation({ dataDir: dir, port: 0, logLevel: 'silent' })).rejects.toThrow(/sealed by test-keychain.*Start the desktop app/);
    expect((await start(dir, keychain)).config.integrations.imap.password).toBe(IMAP_PASSWORD);
  });
});
