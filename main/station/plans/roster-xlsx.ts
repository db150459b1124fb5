// Rosters to and from Excel: one sheet per roster, in sections a person can edit (settings, the
// cycle's shifts, the teams, one-off shifts, exceptions). People are written by name and phone
// and read back by phone, so a file edited elsewhere lands on the same contacts. Export → edit →
// import is a lossless round trip; a sheet with a problem is reported by row and left alone.
import ExcelJS from 'exceljs';
import type { Locale, RosterInput, RosterView } from '../../../shared/protocol/index.js';
import type { StationCore } from '../core.js';
import type { SendingActor } from '../dispatch/rights.js';
import { tryNormalizePhone } from '../domain/phone.js';
import { StationError } from '../errors.js';
import { msg, render } from '../i18n/text.js';
import type { PlanService } from './service.js';

const KEYS = { group: 'Группа', role: 'Роль', zone: 'Часовой пояс', pattern: 'Шаблон', anchor: 'Начало цикла', cycle: 'Дней в цикле', from: 'Действует с', until: 'Действует по' } as const;
const SECTIONS = { shifts: 'Смены цикла', teams: 'Команды', oneOffs: 'Разовые смены', exceptions: 'Исключения' } as const;
const KINDS = { leave: 'отпуск', sick: 'больничный', swap: 'подмена' } as const;

export async function exportRosters(core: StationCore, plans: PlanService): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const contact = (id: number | null | undefined) => (id ? plans.onCall.person(id) : null);
  const used = new Set<string>();
  for (const r of plans.rosters.all()) {
    const group = plans.onCall.groupName(r.groupId);
    let name = `${group} · ${r.role}`.replace(/[\\/*?:[\]]/g, ' ').slice(0, 28);
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${name.slice(0, 25)} ${i}`;
    used.add(name.toLowerCase());
    const sheet = workbook.addWorksheet(name);
    sheet.columns = [{ width: 22 }, { width: 28 }, { width: 18 }, { width: 28 }, { width: 18 }, { width: 18 }, { width: 18 }, { width: 30 }];
    const title = (text: string) => {
      sheet.addRow([]);
      sheet.addRow([text]).font = { bold: true };
    };
    const rot = r.rotation;
    sheet.addRow([KEYS.group, group]);
    sheet.addRow([KEYS.role, r.role]);
    sheet.addRow([KEYS.zone, r.timeZone]);
    if (rot) {
      sheet.addRow([KEYS.pattern, rot.pattern]);
      sheet.addRow([KEYS.anchor, rot.anchor]);
      sheet.addRow([KEYS.cycle, rot.cycleDays]);
      sheet.addRow([KEYS.from, rot.from ?? '']);
      sheet.addRow([KEYS.until, rot.until ?? '']);
      title(SECTIONS.shifts);
      sheet.addRow(['День цикла', 'Начало', 'Конец', 'Команда']).font = { italic: true };
      for (const s of rot.shifts) sheet.addRow([s.day + 1, s.start, s.end, rot.teams[s.team]?.name ?? '']);
      title(SECTIONS.teams);
      sheet.addRow(['Команда', 'Сотрудник', 'Телефон']).font = { italic: true };
      for (const t of rot.teams) for (const m of t.members) sheet.addRow([t.name, contact(m)?.name ?? '', contact(m)?.phone ?? '']);
    }
    title(SECTIONS.oneOffs);
    sheet.addRow(['Начало', 'Конец', 'Сотрудник', 'Телефон', 'Примечание']).font = { italic: true };
    for (const o of r.oneOffs) for (const m of o.members) sheet.addRow([o.start, o.end, contact(m)?.name ?? '', contact(m)?.phone ?? '', o.note ?? '']);
    title(SECTIONS.exceptions);
    sheet.addRow(['Вид', 'Сотрудник', 'Телефон', 'Замена', 'Телефон замены', 'С', 'По', 'Примечание']).font = { italic: true };
    for (const e of r.exceptions) {
      sheet.addRow([KINDS[e.kind], contact(e.contactId)?.name ?? '', contact(e.contactId)?.phone ?? '', contact(e.substituteId)?.name ?? '', contact(e.substituteId)?.phone ?? '', e.from, e.until, e.note ?? '']);
    }
    // Phones and dates as text: Excel would turn +79161234567 into 7.9E+10 and 2026-12-01 into a serial.
    for (const col of [2, 3, 4, 5, 6, 7]) sheet.getColumn(col).numFmt = '@';
  }
  if (workbook.worksheets.length === 0) workbook.addWorksheet('Графики').addRow([KEYS.group, '', KEYS.role, '']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

interface Problem {
  sheet: string;
  row: number;
  reason: string;
}

export async function importRosters(core: StationCore, plans: PlanService, actor: SendingActor, bytes: Buffer, locale: Locale): Promise<{ imported: number; problems: Problem[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new StationError('bad_request', msg('plans.importFile'));
  }
  const problems: Problem[] = [];
  let imported = 0;
  for (const sheet of workbook.worksheets) {
    try {
      const roster = readSheet(core, sheet, plans);
      const existing = plans.rosters.find(roster.groupId, roster.role);
      plans.saveRoster(actor, { ...roster, ...(existing ? { id: existing.id } : {}) });
      imported++;
    } catch (err) {
      const row = err instanceof SheetProblem ? err.row : 0;
      const reason = err instanceof StationError ? err.say(locale) : err instanceof Error ? err.message : String(err);
      problems.push({ sheet: sheet.name, row, reason });
    }
  }
  core.store.audit.record(actor, 'roster.import', null, { imported, problems: problems.length });
  return { imported, problems };
}

class SheetProblem extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
  }
}

function text(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim();
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '').trim();
  return String(v).trim();
}

function readSheet(core: StationCore, sheet: ExcelJS.Worksheet, plans: PlanService): RosterInput {
  const rows: { n: number; cells: string[] }[] = [];
  sheet.eachRow((row, n) => rows.push({ n, cells: Array.from({ length: 8 }, (_, i) => text(row.getCell(i + 1).value)) }));
  const settings = new Map<string, { n: number; value: string }>();
  let section: keyof typeof SECTIONS | null = null;
  const body: Record<keyof typeof SECTIONS, { n: number; cells: string[] }[]> = { shifts: [], teams: [], oneOffs: [], exceptions: [] };
  for (const r of rows) {
    const first = r.cells[0]!;
    const named = (Object.keys(SECTIONS) as (keyof typeof SECTIONS)[]).find((k) => SECTIONS[k] === first);
    if (named) {
      section = named;
      continue;
    }
    if (!section) {
      if (first) settings.set(first, { n: r.n, value: r.cells[1]! });
      continue;
    }
    if (r.cells.every((c) => c === '')) continue;
    body[section].push(r);
  }
  const setting = (key: string) => settings.get(key)?.value ?? '';
  const groupName = setting(KEYS.group);
  const group = core.store.groups.byName(groupName);
  if (!group || !setting(KEYS.role) || !setting(KEYS.zone)) throw new SheetProblem(1, render(msg('plans.importSheet', { sheet: sheet.name }), 'en'));
  // Header rows of each section (italic) are skipped: their first cell is a column name.
  const data = (k: keyof typeof SECTIONS) => body[k].slice(1);
  const person = (phoneCell: string, n: number) => {
    const phone = tryNormalizePhone(phoneCell);
    const c = phone ? core.store.contacts.byPhone(phone) : undefined;
    if (!c) throw new SheetProblem(n, `No contact has the phone "${phoneCell}" (row ${n}). Add the person first or correct the phone.`);
    return c.id;
  };
  let rotation: RosterInput['rotation'] = null;
  if (setting(KEYS.anchor)) {
    const teamNames: string[] = [];
    const members = new Map<string, number[]>();
    for (const r of data('teams')) {
      const [team, , phone] = r.cells;
      if (!teamNames.includes(team!)) teamNames.push(team!);
      members.set(team!, [...(members.get(team!) ?? []), person(phone!, r.n)]);
    }
    const shifts = data('shifts').map((r) => {
      const team = teamNames.indexOf(r.cells[3]!);
      if (team < 0) {
        teamNames.push(r.cells[3]!);
        members.set(r.cells[3]!, []);
      }
      return { day: Number(r.cells[0]) - 1, start: r.cells[1]!, end: r.cells[2]!, team: teamNames.indexOf(r.cells[3]!) };
    });
    rotation = {
      pattern: (['day-night', 'two-two', 'weekly', 'custom'].includes(setting(KEYS.pattern)) ? setting(KEYS.pattern) : 'custom') as 'custom',
      anchor: setting(KEYS.anchor),
      cycleDays: Number(setting(KEYS.cycle)),
      teams: teamNames.map((name) => ({ name, members: members.get(name) ?? [] })),
      shifts,
      from: setting(KEYS.from) || null,
      until: setting(KEYS.until) || null,
    };
  }
  const oneOffs = new Map<string, { start: string; end: string; members: number[]; note: string | null }>();
  for (const r of data('oneOffs')) {
    const [start, end, , phone, note] = r.cells;
    const key = `${start}\u0000${end}`;
    const o = oneOffs.get(key) ?? { start: start!, end: end!, members: [], note: note || null };
    o.members.push(person(phone!, r.n));
    oneOffs.set(key, o);
  }
  const kindOf = (word: string, n: number) => {
    const k = (Object.keys(KINDS) as (keyof typeof KINDS)[]).find((x) => KINDS[x] === word.toLowerCase() || x === word.toLowerCase());
    if (!k) throw new SheetProblem(n, `"${word}" is not one of: ${Object.values(KINDS).join(', ')} (row ${n}).`);
    return k;
  };
  const exceptions = data('exceptions').map((r) => {
    const [kind, , phone, , subPhone, from, until, note] = r.cells;
    return { kind: kindOf(kind!, r.n), contactId: person(phone!, r.n), substituteId: subPhone ? person(subPhone, r.n) : null, from: from!, until: until!, note: note || null };
  });
  void plans;
  return { groupId: group.id, role: setting(KEYS.role), timeZone: setting(KEYS.zone), rotation, oneOffs: [...oneOffs.values()], exceptions };
}

export type { RosterView };
