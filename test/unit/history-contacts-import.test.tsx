// Contacts from HR's sheet: the station's reading of the file, a field per column, bad rows
// listed and downloadable, load, undo; and contacts out in the import's own format.
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportPreview } from '../../shared/protocol/index.js';
import { useAppStore } from '../../renderer/app/store.js';
import { ContactsPanel } from '../../renderer/features/contacts/ContactsPanel.js';
import { assignColumn } from '../../renderer/features/contacts/mapping.js';
import { errorsToCsv } from '../../renderer/features/contacts/files.js';
import { contactsTestIds as ids } from '../../renderer/features/contacts/testids.js';
import { directoryTestIds } from '../../renderer/features/directory/testids.js';
import { FakeHistoryStation, renderWithStation, settle } from '../fixtures/control-room/history-station.js';

const preview = (over: Partial<ImportPreview> = {}): ImportPreview => ({
  uploadId: 'u1',
  encoding: 'windows-1251',
  headers: ['Имя', 'Телефон', 'Почта'],
  mapping: { name: 0, phone: 1, email: 2 },
  sample: [{ row: 2, name: 'Иванов Пётр', phone: '+79161234567', position: null, groups: ['Северный район / Бригада 1'], tags: ['авария'], email: null }],
  totals: { rows: 3, blank: 0, errors: 1, created: 0, updated: 0, unchanged: 0 },
  errors: [{ row: 3, column: 'Телефон', value: 'не помню', reason: '"не помню" is not a valid phone number.' }],
  ...over,
});

let station: FakeHistoryStation;
let saved: { name: string; blob: Blob }[];
/** What the import screen POSTed to /api/v1/contacts/import, and what the station answers. */
let uploads: { url: string; body: Blob; headers: Record<string, string> }[];
let answer: () => Response;
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function open(role: 'admin' | 'dispatcher' = 'admin') {
  await renderWithStation(<ContactsPanel />, station, role);
  useAppStore.getState().setRecordsPanel('contacts', true);
  await settle();
  // Spreadsheets are the second tab of the people and groups sheet.
  fireEvent.click(screen.getByTestId(directoryTestIds.tabImport));
  await settle();
}

function pick(bytes: number[], name = 'staff.csv') {
  const file = new File([new Uint8Array(bytes)], name, { type: 'text/csv' });
  fireEvent.change(screen.getByTestId(ids.file), { target: { files: [file] } });
}

beforeEach(() => {
  station = new FakeHistoryStation().on('contacts.import.preview', (p) => preview(p.mapping ? { mapping: p.mapping } : {}));
  saved = [];
  uploads = [];
  answer = () => json(preview());
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      uploads.push({ url, body: init.body as Blob, headers: init.headers as Record<string, string> });
      return answer();
    }),
  );
  // jsdom has no object URLs; record what would be downloaded instead.
  URL.createObjectURL = vi.fn((blob: Blob) => {
    saved.push({ name: '', blob });
    return 'blob:test';
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved[saved.length - 1]!.name = this.download;
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('contacts import', () => {
  it('uploads the file’s bytes as they are over HTTP and shows the preview with its bad rows', async () => {
    await open();
    pick([0xc8, 0xec, 0xff, 0x3b]); // "Имя;" in Windows-1251
    await settle(10);
    expect(uploads).toHaveLength(1);
    expect(uploads[0]!.url).toBe('/api/v1/contacts/import?name=staff.csv');
    expect(new Uint8Array(await uploads[0]!.body.arrayBuffer())).toEqual(new Uint8Array([0xc8, 0xec, 0xff, 0x3b]));
    expect(uploads[0]!.headers.authorization).toMatch(/^Bearer /);
    expect(station.params('contacts.import.preview')).toHaveLength(0);
    expect(screen.getByTestId(ids.preview).getAttribute('data-encoding')).toBe('windows-1251');
    expect(screen.getByTestId(ids.sampleRow(2)).textContent).toContain('Иванов Пётр');
    expect(screen.getByTestId(ids.errors).getAttribute('data-count')).toBe('1');
    expect(screen.getByTestId(ids.error(3, 'Телефон')).textContent).toContain('не помню');
  });

  it('downloads the preview’s errors as CSV that Excel opens (BOM, semicolons)', async () => {
    await open();
    pick([0x41]);
    await settle(10);
    fireEvent.click(screen.getByTestId(ids.errorsCsv));
    expect(saved).toHaveLength(1);
    expect(saved[0]!.name).toBe('ошибки-импорта.csv');
    const text = new TextDecoder().decode(await saved[0]!.blob.arrayBuffer());
    expect(text.startsWith('"Строка";"Столбец";"Значение";"Причина"')).toBe(true);
    expect(text).toContain('"3";"Телефон";"не помню";"""не помню"" is not a valid phone number."');
  });

  it('a field chosen for a column asks for a new preview, taking the field off its old column', async () => {
    await open();
    pick([0x41]);
    await settle(10);
    fireEvent.change(screen.getByTestId(ids.mapping(2)), { target: { value: 'name' } });
    await settle(10);
    const last = station.params('contacts.import.preview').at(-1);
    expect(last).toEqual({ uploadId: 'u1', mapping: { phone: 1, name: 2 } });
    expect(uploads).toHaveLength(1); // the file is not sent again
    expect((screen.getByTestId(ids.mapping(0)) as HTMLSelectElement).value).toBe('');
  });

  it('refuses to load while name or phone has no column', async () => {
    answer = () => json(preview({ mapping: { name: 0 } }));
    await open();
    pick([0x41]);
    await settle(10);
    expect(screen.getByTestId(ids.commit)).toHaveProperty('disabled', true);
    expect(screen.getByRole('alert').textContent).toContain('Телефон');
  });

  it('loads with the upload id and mapping, shows the totals, and undoes the last import after a confirmation', async () => {
    station
      .on('contacts.import.commit', () => ({
        batchId: 4,
        totals: { rows: 3, blank: 0, errors: 1, created: 1, updated: 1, unchanged: 0 },
        errors: preview().errors,
        errorsCsv: '\ufeffrow;column;value;reason\r\n3;Телефон;не помню;bad\r\n',
      }))
      .on('contacts.import.undo', () => ({ batchId: 4, removed: 1, restored: 1 }));
    await open();
    pick([0x41]);
    await settle(10);
    fireEvent.click(screen.getByTestId(ids.commit));
    await settle(10);
    expect(station.params('contacts.import.commit')).toEqual([{ uploadId: 'u1', mapping: { name: 0, phone: 1, email: 2 } }]);
    const result = screen.getByTestId(ids.result);
    expect([result.getAttribute('data-created'), result.getAttribute('data-updated'), result.getAttribute('data-errors')]).toEqual(['1', '1', '1']);
    fireEvent.click(screen.getByTestId(ids.errorsCsv));
    expect(new TextDecoder().decode(await saved[0]!.blob.arrayBuffer())).toContain('3;Телефон;не помню;bad');

    fireEvent.click(screen.getByTestId(ids.undo));
    expect(station.params('contacts.import.undo')).toHaveLength(0);
    fireEvent.click(screen.getByTestId(`${ids.undo}-yes`));
    await settle(10);
    expect(station.params('contacts.import.undo')).toHaveLength(1);
    expect(screen.getByTestId(ids.undone).textContent).toContain('удалено 1, восстановлено 1');
  });

  it('offers a dispatcher no file to read in, no load and no undo (importing is for administrators)', async () => {
    await open('dispatcher');
    expect(screen.queryByTestId(ids.file)).toBeNull();
    expect(screen.queryByTestId(ids.commit)).toBeNull();
    expect(screen.queryByTestId(ids.undo)).toBeNull();
  });

  it('shows the station’s sentence for a file it cannot read', async () => {
    answer = () => json({ error: { code: 'bad_request', message: 'This file is neither .xlsx nor .csv. Save it from Excel as one of them.' } }, 400);
    await open();
    pick([0x00], 'staff.pdf');
    await settle(10);
    expect(screen.getByTestId(ids.error_).textContent).toContain('neither .xlsx nor .csv');
  });

  it('exports the contacts in the chosen format as a file', async () => {
    station.on('contacts.export', (p) => ({ fileName: `contacts.${p.format}`, contentBase64: btoa('\xd4') }));
    await open();
    fireEvent.change(screen.getByTestId(ids.exportFormat), { target: { value: 'csv' } });
    fireEvent.click(screen.getByTestId(ids.export));
    await settle(10);
    expect(station.params('contacts.export')).toEqual([{ format: 'csv' }]);
    expect(saved[0]!.name).toBe('contacts.csv');
    expect(new Uint8Array(await saved[0]!.blob.arrayBuffer())).toEqual(new Uint8Array([0xd4]));
  });
});

describe('column mapping', () => {
  it('keeps every other field where it was', () => {
    expect(assignColumn({ name: 0, phone: 1, tags: 3 }, 1, 'email')).toEqual({ name: 0, tags: 3, email: 1 });
    expect(assignColumn({ name: 0, phone: 1 }, 0, null)).toEqual({ phone: 1 });
  });

  it('quotes cells holding the separator or quotes in the errors CSV', () => {
    const csv = errorsToCsv([{ row: 7, column: 'Группы', value: 'А; Б', reason: 'ok' }], ['r', 'c', 'v', 'why']);
    expect(csv).toBe('\ufeff"r";"c";"v";"why"\r\n"7";"Группы";"А; Б";"ok"\r\n');
  });
});
