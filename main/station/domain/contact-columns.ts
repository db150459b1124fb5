// Contact spreadsheets as HR writes them: which column is what (guessed from Russian or English
// headers, confirmed by the dispatcher in the preview), and each row checked into a contact draft
// or a list of errors naming the row, the column and the reason. Pure: no store, no files.
import type { ColumnMapping, ContactField, RowError } from '../../../shared/protocol/history.js';
import { PhoneError, normalizePhone } from './phone.js';
import { isValidTag, normalizeTag } from './tags.js';
import { SaidError, type SaidKey, type SaidParams, type SaidRowError } from './said.js';
import { csvText } from '../../../shared/csv/safe-cell.js';

export const CONTACT_FIELDS: readonly ContactField[] = ['name', 'phone', 'position', 'groups', 'tags', 'email', 'notes', 'active'];

/** Headers of the contacts export, so that export → import is a lossless round trip. */
export const CONTACT_HEADERS: Record<'ru' | 'en', Record<ContactField, string>> = {
  ru: { name: 'ФИО', phone: 'Телефон', position: 'Должность', groups: 'Группы', tags: 'Теги', email: 'E-mail', notes: 'Примечание', active: 'Активен' },
  en: { name: 'Name', phone: 'Phone', position: 'Position', groups: 'Groups', tags: 'Tags', email: 'E-mail', notes: 'Notes', active: 'Active' },
};

// Normalised header words (lower case, ё→е, letters and digits only) per field, most specific first.
const SYNONYMS: Record<ContactField, string[]> = {
  name: ['фио', 'фамилияимяотчество', 'имя', 'сотрудник', 'работник', 'name', 'fullname', 'employee'],
  phone: ['телефон', 'мобильныйтелефон', 'мобильный', 'сотовый', 'номертелефона', 'моб', 'тел', 'phone', 'mobile', 'cell', 'tel'],
  position: ['должность', 'position', 'jobtitle', 'title'],
  groups: ['группы', 'группа', 'подразделение', 'отдел', 'groups', 'group', 'department'],
  tags: ['теги', 'тег', 'tags', 'tag'],
  email: ['email', 'почта', 'электроннаяпочта', 'mail'],
  notes: ['примечание', 'примечания', 'комментарий', 'notes', 'note', 'comment'],
  active: ['активен', 'активный', 'active'],
};

export function headerKey(header: string): string {
  return header.toLocaleLowerCase('ru-RU').replace(/ё/g, 'е').replace(/[^\p{L}\p{N}]/gu, '');
}

/** Guesses which column holds which field: exact header words first, then header prefixes. */
export function guessMapping(headers: string[]): ColumnMapping {
  const keys = headers.map(headerKey);
  const taken = new Set<number>();
  const mapping: ColumnMapping = {};
  for (const exact of [true, false]) {
    for (const field of CONTACT_FIELDS) {
      if (mapping[field] !== undefined && mapping[field] !== null) continue;
      for (const word of SYNONYMS[field]) {
        const i = keys.findIndex((k, idx) => !taken.has(idx) && k.length > 0 && (exact ? k === word : k.startsWith(word)));
        if (i >= 0) {
          mapping[field] = i;
          taken.add(i);
          break;
        }
      }
    }
  }
  for (const field of CONTACT_FIELDS) mapping[field] ??= null;
  return mapping;
}

export class MappingError extends SaidError {
  override readonly name = 'MappingError';
}

export function checkMapping(mapping: ColumnMapping, columns: number): void {
  if (mapping.phone === null || mapping.phone === undefined) {
    throw new MappingError('No column is chosen for the phone number: pick it in the preview, then import again.', 'mapping.noPhone');
  }
  if (mapping.name === null || mapping.name === undefined) {
    throw new MappingError('No column is chosen for the name: pick it in the preview, then import again.', 'mapping.noName');
  }
  for (const [field, index] of Object.entries(mapping)) {
    if (index !== null && index !== undefined && index >= columns) {
      throw new MappingError(`The column chosen for "${field}" is not in this file: check the mapping in the preview.`, 'mapping.columnMissing', { field });
    }
  }
}

export interface ContactDraft {
  row: number;
  name: string;
  phone: string;
  /** null where the column is not mapped (keep what the store has). */
  position: string | null | undefined;
  email: string | null | undefined;
  notes: string | null | undefined;
  active: boolean | undefined;
  /** Group paths, each a list of names from the top of the tree. */
  groups: string[][];
  /** Tag names as written (without '#'). */
  tags: string[];
}

export type RowOutcome = { kind: 'blank' } | { kind: 'ok'; draft: ContactDraft } | { kind: 'error'; errors: SaidRowError[] };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const YES = new Set(['да', 'yes', 'y', 'true', '1', 'активен', 'active', '+']);
const NO = new Set(['нет', 'no', 'n', 'false', '0', 'неактивен', 'inactive', '-']);

/** `Район 1 / Бригада 2; Дежурные` → [['Район 1','Бригада 2'], ['Дежурные']]. */
export function parseGroupCell(cell: string): string[][] {
  return cell
    .split(/[;\n]/)
    .map((p) => p.split('/').map((n) => n.trim().replace(/\s+/g, ' ')).filter(Boolean))
    .filter((p) => p.length > 0);
}

/** `#авария, #1 свет` → ['авария', '1', 'свет'] (as written, '#' dropped). */
export function parseTagCell(cell: string): string[] {
  return cell
    .split(/[\s,;]+/)
    .map((t) => t.replace(/^#/, ''))
    .filter(Boolean);
}

/** Checks one data row. `row` is the spreadsheet's row number (the header is row 1). */
export function parseContactRow(cells: string[], mapping: ColumnMapping, headers: string[], row: number): RowOutcome {
  const get = (field: ContactField): string | undefined => {
    const i = mapping[field];
    return i === null || i === undefined ? undefined : (cells[i] ?? '').trim();
  };
  if (cells.every((c) => c.trim() === '')) return { kind: 'blank' };
  const errors: SaidRowError[] = [];
  const fail = (field: ContactField, value: string, reason: string, key: SaidKey, params: SaidParams = {}) =>
    errors.push({ row, column: headers[mapping[field]!] ?? field, value, reason, said: { key, params } });
  const name = (get('name') ?? '').replace(/\s+/g, ' ');
  if (!name) fail('name', '', 'The name is empty: fill it in or delete the row.', 'row.nameEmpty');
  const rawPhone = get('phone') ?? '';
  let phone = '';
  if (!rawPhone) fail('phone', '', 'The phone number is empty: fill it in or delete the row.', 'row.phoneEmpty');
  else {
    try {
      phone = normalizePhone(rawPhone);
    } catch (err) {
      if (!(err instanceof PhoneError)) throw err;
      fail('phone', rawPhone, err.message, err.said.key, err.said.params);
    }
  }
  const email = get('email');
  if (email && !EMAIL.test(email)) fail('email', email, `"${email}" is not an e-mail address; correct it or leave the cell empty.`, 'row.email', { email });
  const tags = parseTagCell(get('tags') ?? '');
  for (const t of tags) {
    if (!isValidTag(t)) fail('tags', t, `"#${t}" is not a usable tag: use letters, digits and "_" only, up to 64.`, 'row.tag', { tag: t });
  }
  const activeCell = get('active');
  let active: boolean | undefined;
  if (activeCell !== undefined) {
    const key = activeCell.toLocaleLowerCase('ru-RU');
    if (key === '' || YES.has(key)) active = true;
    else if (NO.has(key)) active = false;
    else fail('active', activeCell, `"${activeCell}" is neither yes nor no: write "да" or "нет".`, 'row.active', { value: activeCell });
  }
  if (errors.length > 0) return { kind: 'error', errors };
  const optional = (field: ContactField) => {
    const v = get(field);
    return v === undefined ? undefined : v || null;
  };
  return {
    kind: 'ok',
    draft: {
      row,
      name,
      phone,
      position: optional('position'),
      email: optional('email'),
      notes: optional('notes'),
      active,
      groups: parseGroupCell(get('groups') ?? ''),
      tags: [...new Map(tags.map((t) => [normalizeTag(t), t])).values()],
    },
  };
}

/** Row errors as a CSV Excel opens directly: UTF-8 BOM, `;`, quoted. */
export function rowErrorsCsv(errors: RowError[], locale: 'ru' | 'en' = 'ru'): string {
  const header = locale === 'ru' ? ['Строка', 'Колонка', 'Значение', 'Причина'] : ['Row', 'Column', 'Value', 'Reason'];
  // The rejected values are the file's own cells: formula-safe, like every CSV the station writes.
  return `\uFEFF${csvText([header, ...errors.map((e) => [String(e.row), e.column, e.value, e.reason])])}`;
}
