// The history requests as a control-room client, a script and a person at the CLI reach them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startOrg, type Org } from '../tools/integrations-fixture.js';
import { ControlRoomClient, RequestFailed } from '../tools/control-room-client.js';
import { main } from '../../main/cli.js';

const run = promisify(execFile);
const READER = fileURLToPath(new URL('../tools/read-xlsx.py', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
let org: Org;
let admin: ControlRoomClient;

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    if (err instanceof RequestFailed) return err.error;
    throw err;
  }
  throw new Error('expected a refusal');
}

async function readXlsx(file: string): Promise<{ sheets: Record<string, unknown[][]> } | any> {
  const { stdout } = await run('/usr/bin/python3', [READER, file], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout);
}

beforeAll(async () => {
  org = await startOrg();
  await org.station.core.store.users.create({ login: 'boss', role: 'admin', password: 'pw-boss-123' });
  const watcher = await org.station.core.store.users.create({ login: 'watcher', role: 'viewer', password: 'pw-watch-123' });
  // A viewer sees whom their rights cover (auth/read-scope.ts): this one watches everyone.
  org.station.core.store.db.prepare(`INSERT INTO rights (user_id, scope, target_id) VALUES (?, 'all', NULL)`).run(watcher.id);
  admin = await ControlRoomClient.login(org.station.url, 'boss', 'pw-boss-123');
  await admin.request('send', { text: 'Авария на ПС Ёлкино #авария', phones: [org.phones.ivanov, org.phones.petrov] });
});
afterAll(async () => {
  admin?.close();
  await org?.stop();
});

describe('history over the control-room protocol', () => {
  it('finds a message by phrase with ё folded to е', async () => {
    const page = await admin.request('history.search', { filter: { q: 'елкино' } });
    expect(page.hits.length).toBe(2);
    expect(page.hits[0]!.text).toContain('Ёлкино');
  });

  it('turns a bad query into a bad_request sentence, not an internal error', async () => {
    const err = await refusal(admin.request('history.search', { filter: {}, cursor: 'not-a-cursor' }));
    expect(err.code).toBe('bad_request');
  });

  it('exports to Excel with progress events, and the file downloads once through a ticket, never a token in the URL', async () => {
    const started = await admin.request('history.export.start', { filter: {}, timeZone: 'Europe/Moscow' });
    const done = await admin.waitFor('history.export.progress', (p) => p.exportId === started.exportId && p.state === 'done', 20_000);
    expect(done.rows).toBeGreaterThanOrEqual(2);
    const denied = await fetch(`${org.station.url}/api/v1/exports/${started.exportId}`);
    expect(denied.status).toBe(401);
    const login = await ControlRoomClient.connect(org.station.url);
    const session = await login.request('login', { login: 'boss', password: 'pw-boss-123' });
    login.close();
    const byToken = await fetch(`${org.station.url}/api/v1/exports/${started.exportId}?token=${session.token}`);
    expect(byToken.status).toBe(401);
    const { url } = await admin.request('export.ticket', { exportId: started.exportId });
    expect(url).not.toContain(session.token);
    const res = await fetch(`${org.station.url}${url}`);
    expect(res.status).toBe(200);
    expect((await fetch(`${org.station.url}${url}`)).status).toBe(401);
    expect(res.headers.get('content-disposition')).toMatch(/attachment/);
    const file = join(org.dir, 'download.xlsx');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const book = await readXlsx(file);
    expect(JSON.stringify(book)).toContain('Ёлкино');
  });

  it('lets a viewer search but not import, and audits the refusal', async () => {
    const viewer = await ControlRoomClient.login(org.station.url, 'watcher', 'pw-watch-123');
    expect((await viewer.request('history.search', { filter: { tag: 'авария' } })).hits.length).toBe(2);
    expect(await refusal(viewer.request('contacts.import.undo', {}))).toMatchObject({ code: 'forbidden' });
    expect(await refusal(viewer.request('billing.setPlan', { plan: { planId: 'employee' } }))).toMatchObject({ code: 'forbidden' });
    expect(org.station.core.store.audit.recent(5, 'admin.refused')[0]).toMatchObject({ actor: 'watcher' });
    viewer.close();
  });
});

describe('history for scripts and at the command line', () => {
  it('streams all messages as Excel to an API key', async () => {
    const res = await fetch(`${org.station.url}/api/v1/messages.xlsx?tag=авария&tz=Europe/Moscow`, {
      headers: { authorization: `Bearer ${org.adminKey}` },
    });
    expect(res.status).toBe(200);
    const file = join(org.dir, 'api.xlsx');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    expect(JSON.stringify(await readXlsx(file))).toContain('Ёлкино');
    const bad = await fetch(`${org.station.url}/api/v1/messages.xlsx?tz=Mars/Olympus`, { headers: { authorization: `Bearer ${org.adminKey}` } });
    expect(bad.status).toBe(400);
  });

  it('imports a Windows-1251 CSV, reports bad rows to a file, exports messages, and undoes the import', async () => {
    const lines: string[] = [];
    const errors: string[] = [];
    const out = { log: (l: string) => lines.push(l), err: (l: string) => errors.push(l) };
    const csv = join(org.dir, 'staff.csv');
    writeFileSync(csv, readFileSync(join(FIXTURES, 'contacts-cp1251.csv')));
    expect(await main(['import', 'contacts', csv, '--data', org.dir], out)).toBe(0);
    expect(lines[0]).toMatch(/created/);
    if (/[1-9]\d* rows with errors/.test(lines[0]!)) expect(existsSync(`${csv}.errors.csv`)).toBe(true);

    const xlsx = join(org.dir, 'all.xlsx');
    expect(await main(['export', 'messages', xlsx, '--data', org.dir, '--tag', 'авария', '--tz', 'Europe/Moscow'], out)).toBe(0);
    expect(lines.at(-1)).toMatch(/Exported 2 messages/);

    expect(await main(['import', 'undo', '--data', org.dir], out)).toBe(0);
    expect(lines.at(-1)).toMatch(/Undid import/);
    expect(await main(['export', 'messages', xlsx, '--data', org.dir, '--group', 'Нет такой'], out)).toBe(1);
    expect(errors.at(-1)).toMatch(/no group/);
  });
});
