// Security case 8 (issue 14): a viewer could upload a contacts file; a 194 KB xlsx bomb cost
// 507 MB RSS per upload (ten at once: 2.7 GB peak, six timeouts); an honest 300 KB CSV of 7,000
// employees was rejected by the ws frame limit. Now files go over HTTP (streamed, capped by
// server.uploads.maxBytes), only for roles that may import, read one at a time within limits on
// rows, columns, cell size and inflated size: the bombs are refused with a clear sentence and
// memory stays flat, and a 50,000-employee file goes through.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStation, type Station } from '../../main/station/index.js';
import { ControlRoomClient } from '../tools/control-room-client.js';
import { staffCsv, staffXlsx, xlsxBombs } from '../tools/zip-bomb.js';

let dir: string;
let station: Station;
let admin: ControlRoomClient;
let adminToken: string;
let viewerToken: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sb-uploads-'));
  station = await createStation({ dataDir: dir, port: 0, logLevel: 'silent', server: { uploads: { maxBytes: 8 * 1024 * 1024 } } });
  admin = await ControlRoomClient.connect(station.url);
  adminToken = (await admin.request('login', { login: 'admin', password: station.initialAdminPassword! })).token;
  await admin.request('users.create', { login: 'watcher', name: 'Наблюдатель', role: 'viewer', password: 'watcher-pass-1' });
  const viewer = await ControlRoomClient.connect(station.url);
  viewerToken = (await viewer.request('login', { login: 'watcher', password: 'watcher-pass-1' })).token;
  viewer.close();
});
afterAll(async () => {
  admin?.close();
  await station?.stop();
});

function upload(body: Buffer | string, name: string, token = adminToken): Promise<Response> {
  return fetch(`${station.url}/api/v1/contacts/import?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: body as BodyInit,
  });
}

const contacts = () => station.core.store.db.prepare('SELECT count(*) FROM contacts').pluck().get() as number;

describe('8. uploads', () => {
  it('refuses a viewer\'s upload (over HTTP and in a ws frame) before reading the file, audited', async () => {
    const res = await upload(staffCsv(3), 'staff.csv', viewerToken);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/Only an administrator may load contacts/);
    const viewer = await ControlRoomClient.login(station.url, 'watcher', 'watcher-pass-1');
    await expect(
      viewer.request('contacts.import.preview', { fileName: 'staff.csv', contentBase64: Buffer.from(staffCsv(3)).toString('base64') }),
    ).rejects.toMatchObject({ error: { code: 'forbidden' } });
    viewer.close();
    expect(station.core.store.audit.recent(5, 'admin.refused').map((a) => a.actor)).toContain('watcher');
    expect((await upload(staffCsv(3), 'staff.csv', 'forged-token')).status).toBe(401);
  });

  it('takes an honest 300 KB CSV of 7,000 employees and loads it', async () => {
    const csv = staffCsv(7_000);
    expect(Buffer.byteLength(csv)).toBeGreaterThan(300_000);
    const res = await upload(csv, 'staff.csv');
    expect(res.status).toBe(200);
    const preview = (await res.json()) as { uploadId: string; totals: { rows: number; errors: number; created: number } };
    expect(preview.totals).toMatchObject({ rows: 7_000, errors: 0, created: 7_000 });
    const result = await admin.request('contacts.import.commit', { uploadId: preview.uploadId });
    expect(result.totals.created).toBe(7_000);
    expect(contacts()).toBe(7_000);
  });

  it('takes a 50,000-employee .xlsx, previews it again with another mapping by its id, and loads it', async () => {
    const file = join(dir, 'staff-50k.xlsx');
    await staffXlsx(file, 50_000);
    const bytes = readFileSync(file);
    const started = performance.now();
    const res = await upload(bytes, 'staff-50k.xlsx');
    expect(res.status).toBe(200);
    const preview = (await res.json()) as { uploadId: string; totals: { rows: number; errors: number }; mapping: Record<string, number> };
    console.log(`50,000-row xlsx (${Math.round(bytes.length / 1024)} KB): preview in ${Math.round(performance.now() - started)} ms`);
    expect(preview.totals).toMatchObject({ rows: 50_000, errors: 0 });
    const again = await admin.request('contacts.import.preview', { uploadId: preview.uploadId, mapping: { ...preview.mapping, email: null } });
    expect(again.uploadId).toBe(preview.uploadId);
    const result = await admin.request('contacts.import.commit', { uploadId: preview.uploadId });
    expect(result.totals.created).toBe(50_000);
    expect(contacts()).toBe(57_000);
  }, 120_000);

  it('refuses zip bombs — honest about their size or lying — with a sentence, memory flat, ten at once', async () => {
    const { honest, liar } = await xlsxBombs(300);
    expect(honest.length).toBeLessThan(400 * 1024);
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const res = await upload(i % 2 === 0 ? honest : liar, `bomb-${i}.xlsx`);
        return { status: res.status, body: (await res.json()) as { error: { code: string; message: string } } };
      }),
    );
    clearInterval(sampler);
    const took = performance.now() - started;
    console.log(`10 bombs of ${Math.round(honest.length / 1024)} KB (300 MB inflated): answered in ${Math.round(took)} ms, RSS +${Math.round((peak - baseline) / 1024 / 1024)} MB`);
    for (const a of answers) {
      expect([400, 429]).toContain(a.status);
      if (a.status === 400) expect(a.body.error.message).toMatch(/zip bomb/);
    }
    expect(answers.filter((a) => a.status === 400).length).toBeGreaterThanOrEqual(1);
    expect(peak - baseline).toBeLessThan(150 * 1024 * 1024);
    // Each refused one by one as well (the queue refused some of the ten at once as busy).
    for (const bomb of [honest, liar]) {
      const res = await upload(bomb, 'bomb.xlsx');
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/more than 256 MB.*zip bomb/);
    }
    expect((await fetch(`${station.url}/api/v1/health`)).status).toBe(200);
  }, 120_000);

  it('cuts a body over server.uploads.maxBytes (413), declared or streamed', async () => {
    const big = Buffer.alloc(9 * 1024 * 1024, 0x41);
    const declared = await upload(big, 'big.csv');
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { error: { message: string } }).error.message).toMatch(/over 8 MB/);
    // A body many times the cap is not read to its end: the connection is cut.
    const huge = await upload(Buffer.alloc(40 * 1024 * 1024, 0x41), 'huge.csv').then((r) => r.status, () => 'cut');
    expect([413, 'cut']).toContain(huge);
    const streamed = await fetch(`${station.url}/api/v1/contacts/import?name=big.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}` },
      body: new ReadableStream({
        start(c) {
          for (let i = 0; i < 9; i++) c.enqueue(new Uint8Array(1024 * 1024).fill(0x41));
          c.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it('refuses files over the row, column and cell limits with the limit in the sentence', async () => {
    const wide = `${Array.from({ length: 70 }, (_, i) => `c${i}`).join(';')}\r\n`;
    const wideRes = await upload(wide, 'wide.csv');
    expect(wideRes.status).toBe(400);
    expect(((await wideRes.json()) as { error: { message: string } }).error.message).toMatch(/more than 64 columns/);
    const longCell = `ФИО;Телефон\r\n${'Я'.repeat(5_000)};+79160000001\r\n`;
    expect(((await (await upload(longCell, 'long.csv')).json()) as { error: { message: string } }).error.message).toMatch(/row 2 is longer than 4000/);
  });
});
