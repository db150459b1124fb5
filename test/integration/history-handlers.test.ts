import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyRequests, type ExportProgress, type HistoryResult } from '../../shared/protocol/history.js';
import { openDatabase, type Db } from '../../main/station/store/database.js';
import { historyHandlers } from '../../main/station/history/handlers.js';
import { seedBroadcast, seedPeople, T0, type Seeded } from '../tools/history-seed.js';

let dir: string;
let db: Db;
let s: Seeded;
let handlers: ReturnType<typeof historyHandlers>;
const progress: ExportProgress[] = [];

// Calls a handler as the ws server will: params through the request schema, result through the
// result schema, so the protocol and the station cannot drift apart unnoticed.
async function call<K extends keyof typeof historyRequests>(name: K, params: unknown): Promise<HistoryResult<K>> {
  const schema = historyRequests[name];
  const parsed: unknown = schema.params.parse(params);
  const handler = handlers[name] as (p: unknown, a: { userId: number | null }) => unknown;
  return schema.result.parse(await handler(parsed, { userId: s.userId })) as HistoryResult<K>;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sb-handlers-'));
  db = openDatabase(join(dir, 'station.db'));
  s = seedPeople(db);
  seedBroadcast(db, s, '#Авария: нет света', T0, [{ contactId: s.contacts.ivanov, phone: '+79161234501', reply: 'Принял' }]);
  handlers = historyHandlers({ db, dataDir: dir, emitExportProgress: (p) => progress.push(p), timeZone: 'Europe/Moscow' });
});

afterAll(() => {
  handlers.exports.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('history handlers over the protocol', () => {
  it('answer search and the views with results the schemas accept', async () => {
    expect((await call('history.search', { filter: { q: '#авария' } })).hits).toHaveLength(1);
    expect((await call('history.conversation', { contactId: s.contacts.ivanov })).hits).toHaveLength(2);
    expect((await call('history.group', { groupId: s.groups.north, limit: 1 })).next).not.toBeNull();
    expect((await call('history.tag', { tag: 'Авария' })).tag).toBe('авария');
    expect((await call('history.broadcast', { broadcastId: 1 })).recipients[0]!.reply!.text).toBe('Принял');
  });

  it('run an export in the background and report its progress until the file is ready', async () => {
    const { exportId, total } = await call('history.export.start', {});
    expect(total).toBe(2);
    await expect.poll(() => progress.find((p) => p.exportId === exportId && p.state === 'done'), { timeout: 20_000 }).toBeTruthy();
    const file = handlers.exports.file(exportId);
    expect(file!.fileName).toMatch(/^messages-\d{12}\.xlsx$/);
    expect(existsSync(file!.path)).toBe(true);
  });

  it('preview, commit and undo an import of an uploaded file', async () => {
    const bytes = readFileSync(fileURLToPath(new URL('../fixtures/contacts-cp1251.csv', import.meta.url)));
    const preview = await call('contacts.import.preview', { fileName: 'contacts-cp1251.csv', contentBase64: bytes.toString('base64') });
    expect(preview.encoding).toBe('windows-1251');
    const result = await call('contacts.import.commit', { uploadId: preview.uploadId });
    expect(result.totals.created).toBe(3);
    await expect(call('contacts.import.commit', { uploadId: preview.uploadId })).rejects.toThrow(/choose the file again/);
    expect(await call('contacts.import.undo', {})).toMatchObject({ removed: 3 });
    expect((await call('contacts.export', { format: 'csv' })).fileName).toBe('contacts.csv');
  });

  it('give the billing summary and take a plan', async () => {
    await call('billing.setPlan', { plan: { planId: 'employee' } });
    const b = await call('billing.summary', { month: '2026-11' });
    expect(b.current.planId).toBe('employee');
    expect(b.usage.out.segments).toBe(1);
  });
});
