// Rosters to Excel and back, with openpyxl as the outside judge: the export reads as a person
// would edit it; a sheet edited by another program (openpyxl adds a sick day with a substitute)
// imports onto the same roster and changes who is on duty; a sheet with an unknown phone is
// reported by row and leaves its roster alone.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchStation, type DispatchStation } from '../tools/dispatch-station.js';
import { dayNightRoster, zoneWhereItIs } from '../tools/plans-fixture.js';
import { LocalTime } from '../../main/station/domain/roster-time.js';

let s: DispatchStation;
let zone: string;
beforeEach(async () => {
  s = await dispatchStation();
  zone = zoneWhereItIs(3, s.clock.now());
  const c = s.contacts;
  await s.admin.request('rosters.save', dayNightRoster(s.groups.north, 'дежурный инженер', zone, [c.sidorova], [c.ivanov, c.petrov]));
});
afterEach(() => s.stop());

// Debian's python3-openpyxl lives under /usr/bin/python3.
const python = (script: string, ...args: string[]) => execFileSync('/usr/bin/python3', ['-c', script, ...args], { encoding: 'utf8' });

describe('rosters in Excel', () => {
  it('exports a sheet per roster that openpyxl reads, and imports an edit made there', async () => {
    const file = join(s.dir, 'rosters.xlsx');
    writeFileSync(file, Buffer.from((await s.admin.request('rosters.export', {})).base64, 'base64'));
    const rows = JSON.parse(python('import openpyxl,json,sys; ws=openpyxl.load_workbook(sys.argv[1]).worksheets[0]; print(json.dumps([list(r) for r in ws.iter_rows(values_only=True)], default=str))', file)) as (string | number | null)[][];
    expect(rows.slice(0, 3)).toEqual([
      ['Группа', 'Северный РЭС', null, null, null, null, null, null].slice(0, rows[0]!.length),
      ['Роль', 'дежурный инженер', null, null, null, null, null, null].slice(0, rows[1]!.length),
      ['Часовой пояс', zone, null, null, null, null, null, null].slice(0, rows[2]!.length),
    ]);
    const flat = rows.map((r) => r.filter((x) => x !== null).join(' | '));
    expect(flat).toContain('Ночь | Иванов | +79160000001');
    expect(flat).toContain('1 | 20:00 | 08:00 | Ночь');

    // Another program adds a sick day for Петров with Фёдоров standing in, tonight.
    const local = new LocalTime(zone);
    const yesterday = local.format(s.clock.now() - 86_400_000).slice(0, 10);
    const today = local.format(s.clock.now()).slice(0, 10);
    python(
      'import openpyxl,sys; wb=openpyxl.load_workbook(sys.argv[1]); ws=wb.worksheets[0]; ws.append(["больничный","Петров","+79160000002","Фёдоров","+79160000004",sys.argv[2],sys.argv[3],"грипп"]); wb.save(sys.argv[1])',
      file, yesterday, today,
    );
    const r = await s.admin.request('rosters.import', { base64: readFileSync(file).toString('base64') });
    expect(r).toMatchObject({ imported: 1, problems: [] });
    expect(r.rosters).toHaveLength(1); // the same roster, updated
    expect(r.rosters[0]!.exceptions).toEqual([{ kind: 'sick', contactId: s.contacts.petrov, substituteId: s.contacts.fedorov, from: yesterday, until: today, note: 'грипп' }]);
    const duty = (await s.admin.request('rosters.duty', {})).duty[0]!;
    expect(duty.now.map((p) => p.name)).toEqual(['Иванов', 'Фёдоров']);
    expect(s.station.core.store.db.prepare(`SELECT count(*) FROM audit WHERE action = 'roster.import'`).pluck().get()).toBe(1);
  });

  it('reports a sheet with an unknown phone by row and keeps the roster as it was', async () => {
    const file = join(s.dir, 'rosters.xlsx');
    writeFileSync(file, Buffer.from((await s.admin.request('rosters.export', {})).base64, 'base64'));
    python('import openpyxl,sys; wb=openpyxl.load_workbook(sys.argv[1]); ws=wb.worksheets[0]; ws.append(["отпуск","Кто-то","+79990000000","","","2026-12-01","2026-12-02",""]); wb.save(sys.argv[1])', file);
    const r = await s.admin.request('rosters.import', { base64: readFileSync(file).toString('base64') });
    expect(r.imported).toBe(0);
    expect(r.problems).toEqual([expect.objectContaining({ row: expect.any(Number), reason: expect.stringContaining('+79990000000') })]);
    expect(r.rosters[0]!.exceptions).toEqual([]);
    await expect(s.admin.request('rosters.import', { base64: Buffer.from('not a workbook').toString('base64') })).rejects.toThrow(/not an Excel workbook/);
  });
});
