// Arguments as the .asmx read them, from either door: a SOAP body element's children or the
// fields of an `.asmx/<Op>` query or form. Names match in any letter case (ASP.NET read form fields
// from a case-insensitive collection); a name the operation does not have is ignored and reported,
// never refused; values are converted by the contract's types (contract.ts), so an operation gets
// numbers, booleans, instants, lists and records, and a wrong value is a fault naming its parameter.
import { StationError } from '../../errors.js';
import type { ZoneClock } from '../../domain/time-zone.js';
import { arrayItem, COMPLEX_TYPES, ENUMS, type Field, type Operation } from './contract.js';

/** What either door hands over: text, nil, lists, records. */
export type ArgNode = string | null | ArgNode[] | { [name: string]: ArgNode };
type Record_ = { [name: string]: ArgNode };

/** A converted value: what operations read. */
export type ArgValue = string | number | boolean | null | ArgValue[] | { [name: string]: ArgValue };

export interface ReadArgs {
  values: Record<string, ArgValue | undefined>;
  /** Names (as sent) the operation has no parameter for, with the record path when nested. */
  ignored: string[];
}

const isRecord = (n: unknown): n is Record_ => typeof n === 'object' && n !== null && !Array.isArray(n);

/**
 * A fast-xml-parser element (attributes as `@_name`, text as `#text`) as an ArgNode: an element
 * with only text is its text, `xsi:nil="true"` is null, attributes (xmlns on each child, as some
 * clients write) are dropped.
 */
export function nodeFromXml(x: unknown): ArgNode {
  if (x === undefined || x === null) return '';
  if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') return String(x);
  if (Array.isArray(x)) return x.map(nodeFromXml);
  const o = x as Record<string, unknown>;
  if (String(o['@_nil'] ?? '').toLowerCase() === 'true') return null;
  const children = Object.keys(o).filter((k) => !k.startsWith('@_') && k !== '#text');
  if (children.length === 0) return o['#text'] === undefined ? '' : String(o['#text']);
  const out: Record_ = {};
  for (const k of children) out[k] = nodeFromXml(o[k]);
  return out;
}

/**
 * Form fields as an ArgNode record: repeated names become lists (`msids=…&msids=…`), and the
 * bracket/dot paths PHP's http_build_query and form libraries write become lists of records
 * (`msids[0]=…`, `msids[]=…`, `msidsAndMessages[0].Msid=…`, `contacts[1][Attributes][0][Name]=…`).
 */
export function nodeFromForm(pairs: readonly (readonly [string, string])[]): Record_ {
  const root: Record_ = {};
  for (const [name, value] of pairs) {
    if (name === '' && value === '') continue;
    const path = name.match(/[^.[\]]+|\[\]/g) ?? [name];
    let cur: ArgNode = root;
    for (let i = 0; i < path.length; i++) {
      const key = path[i]!;
      const last = i === path.length - 1;
      if (Array.isArray(cur)) {
        const index: number = key === '[]' ? cur.length : Number(key);
        if (!Number.isInteger(index) || index < 0 || index > 10_000) break;
        if (last) cur[index] = value;
        else cur = cur[index] = isRecord(cur[index]) || Array.isArray(cur[index]) ? cur[index]! : nextContainer(path[i + 1]!);
        continue;
      }
      if (!isRecord(cur)) break;
      if (last) {
        const prev: ArgNode | undefined = cur[key];
        cur[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev as string, value];
      } else {
        const prev: ArgNode | undefined = cur[key];
        cur = cur[key] = isRecord(prev) || Array.isArray(prev) ? prev : nextContainer(path[i + 1]!);
      }
    }
  }
  return root;
}

const nextContainer = (key: string): ArgNode => (key === '[]' || /^\d+$/.test(key) ? [] : {});

function bad(path: string, sentence: string): StationError {
  return new StationError('bad_request', `Parameter "${path}" ${sentence}`, path.split(/[.[]/)[0]);
}

/** The key in `record` naming `field`, in any letter case. */
function keyFor(record: Record_, field: string): string | undefined {
  if (field in record) return field;
  const lower = field.toLowerCase();
  return Object.keys(record).find((k) => k.toLowerCase() === lower);
}

function text(node: ArgNode, path: string): string {
  if (typeof node === 'string') return node;
  // ASP.NET's collection joined a repeated form field with commas.
  if (Array.isArray(node)) return node.map((n) => text(n, path)).join(',');
  if (node === null) return '';
  throw bad(path, 'must be text, not a structure.');
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const RU_DATE_RE = /^(\d{2})\.(\d{2})\.(\d{4})(?:\s+(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * xsd:dateTime and the forms scripts write into the string-typed date parameters: an instant
 * when it carries `Z` or an offset, else the station's local wall time (MTS read zone-less times
 * as Moscow time; this station reads them in its own zone). `31.01.2026 08:00` is accepted too.
 */
export function parseDateTime(raw: string, zone: ZoneClock): number | null {
  const v = raw.trim();
  let y: number, mo: number, d: number, h = 0, mi = 0, sec = 0, ms = 0, tz: string | undefined;
  const iso = DATE_RE.exec(v);
  const ru = iso ? null : RU_DATE_RE.exec(v);
  if (iso) {
    [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    h = Number(iso[4] ?? 0);
    mi = Number(iso[5] ?? 0);
    sec = Number(iso[6] ?? 0);
    ms = Math.round(Number(`0.${iso[7] ?? '0'}`) * 1000);
    tz = iso[8];
  } else if (ru) {
    [d, mo, y] = [Number(ru[1]), Number(ru[2]), Number(ru[3])];
    h = Number(ru[4] ?? 0);
    mi = Number(ru[5] ?? 0);
    sec = Number(ru[6] ?? 0);
  } else return null;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
  if (new Date(wall).getUTCDate() !== d) return null;
  if (tz === undefined) return zone.utcOf(wall);
  if (tz.toUpperCase() === 'Z') return wall;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(tz)!;
  const offset = (Number(m[2]) * 60 + Number(m[3])) * 60_000 * (m[1] === '-' ? -1 : 1);
  return wall - offset;
}

export class ArgReader {
  private readonly ignored: string[] = [];

  constructor(private readonly zone: ZoneClock) {}

  read(op: Operation, root: Record_): ReadArgs {
    const values = this.fields(op.params, root, '');
    return { values, ignored: this.ignored };
  }

  private fields(fields: Field[], record: Record_, prefix: string): Record<string, ArgValue | undefined> {
    const out: Record<string, ArgValue | undefined> = {};
    const used = new Set<string>();
    for (const fd of fields) {
      const key = keyFor(record, fd.name);
      if (key === undefined) continue;
      used.add(key);
      out[fd.name] = this.value(fd.type, record[key]!, `${prefix}${fd.name}`);
    }
    for (const k of Object.keys(record)) if (!used.has(k)) this.ignored.push(`${prefix}${k}`);
    return out;
  }

  value(type: string, node: ArgNode, path: string): ArgValue {
    if (node === null) return null;
    const item = arrayItem(type);
    if (item) return this.array(type, item, node, path);
    if (type.startsWith('tns:')) {
      const name = type.slice(4);
      const values = ENUMS[name];
      if (values) {
        const t = text(node, path).trim();
        const hit = values.find((v) => v.toLowerCase() === t.toLowerCase());
        if (!hit) throw bad(path, `is ${values.join(', ')} — not "${t}".`);
        return hit;
      }
      if (!isRecord(node)) throw bad(path, `needs its fields (${COMPLEX_TYPES[name]!.map((f) => f.name).join(', ')}).`);
      return this.fields(COMPLEX_TYPES[name]!, node, `${path}.`) as ArgValue;
    }
    const t = text(node, path);
    switch (type) {
      case 's:string':
        return t;
      case 's:long':
      case 's:int': {
        const v = t.trim();
        if (v === '') return null;
        if (!/^-?\d{1,15}$/.test(v)) throw bad(path, `must be a whole number, not "${t}".`);
        return Number(v);
      }
      case 's:boolean': {
        const v = t.trim().toLowerCase();
        if (v === '') return null;
        if (v === 'true' || v === '1') return true;
        if (v === 'false' || v === '0') return false;
        throw bad(path, `is true or false, not "${t}".`);
      }
      case 's:dateTime': {
        if (t.trim() === '') return null;
        const ms = parseDateTime(t, this.zone);
        if (ms === null) throw bad(path, `is not a date and time like 2026-01-31T08:00:00 (got "${t}").`);
        return ms;
      }
      default:
        return t;
    }
  }

  private array(type: string, item: Field, node: ArgNode, path: string): ArgValue[] {
    // SOAP: <msids><string>…</string>…</msids>, whatever the items are called; form: repeated fields.
    let items: ArgNode[];
    if (Array.isArray(node)) items = node;
    else if (isRecord(node)) items = Object.values(node).flatMap((v) => (Array.isArray(v) ? v : [v]));
    else items = node === '' ? [] : [node];
    const scalarList = type === 'tns:ArrayOfString' || type === 'tns:ArrayOfLong';
    if (scalarList) {
      // Numbers and ids only ever travel in these lists: "79160000001,79160000002" in one field is a list.
      items = items.flatMap((n): ArgNode[] => (typeof n === 'string' ? n.split(/[,;]/).map((x) => x.trim()).filter((x) => x !== '') : [n]));
    }
    const out: ArgValue[] = [];
    items.forEach((n, i) => {
      if (n === null || n === undefined) return;
      const v = this.value(item.type, n, `${path}[${i}]`);
      if (v !== null) out.push(v);
    });
    return out;
  }
}
