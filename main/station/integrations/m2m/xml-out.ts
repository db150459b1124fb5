// Results written as the contract types say: fields in sequence order, an absent optional field
// left out, a nillable one written `xsi:nil="true"`, arrays as repeated items, dates as xsd:dateTime.
// Operations hand back plain values keyed by the contract's field names; the element names and
// their order come from contract.ts, never from the operation code.
import { COMPLEX_TYPES, ENUMS, type Field } from './contract.js';
import { escapeXml } from './xml-guard.js';

/** A value the serializer writes: scalars, Date for xsd:dateTime, arrays, records of fields. */
export type XmlValue = string | number | boolean | Date | null | undefined | XmlValue[] | { [field: string]: XmlValue };

const NIL = ' xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

export class SerializeError extends Error {
  override readonly name = 'SerializeError';
}

/**
 * xsd:dateTime in the station's zone with its offset (`2026-01-31T11:00:00+03:00`): an exact
 * instant for a zone-aware client, and the local wall time in the first 19 characters for the
 * scripts that read MTS's zone-less Moscow times that way.
 */
export function xsdDateTime(ms: number, offsetOf: (utcMs: number) => number): string {
  const offset = offsetOf(ms);
  const wall = new Date(ms + offset).toISOString().slice(0, 19);
  if (offset === 0) return `${wall}Z`;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset) / 60_000;
  return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export class ResultWriter {
  constructor(private readonly offsetOf: (utcMs: number) => number) {}

  /** The inner XML of an element of `type` holding `value`. */
  content(type: string, value: XmlValue, path: string): string {
    if (type.startsWith('s:')) return this.scalar(type, value, path);
    const name = type.slice(4);
    if (ENUMS[name]) {
      if (typeof value !== 'string' || !ENUMS[name]!.includes(value)) throw new SerializeError(`${path}: ${String(value)} is not a ${name}`);
      return value;
    }
    const fields = COMPLEX_TYPES[name];
    if (!fields) throw new SerializeError(`${path}: unknown type ${type}`);
    if (typeof value !== 'object' || value === null || value instanceof Date) throw new SerializeError(`${path}: ${name} needs fields`);
    if (Array.isArray(value)) {
      // An ArrayOf… type given as a plain list: its one repeated field.
      return this.fields(fields, { [fields[0]!.name]: value }, path);
    }
    return this.fields(fields, value, path);
  }

  /** `<name>…</name>` for one field (repeated for `many`), or '' for an absent optional one. */
  field(fd: Field, value: XmlValue, path: string): string {
    if (fd.many) {
      const items = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
      return items.map((v, i) => this.one(fd, v, `${path}[${i}]`)).join('');
    }
    return this.one(fd, value, path);
  }

  private one(fd: Field, value: XmlValue, path: string): string {
    if (value === undefined) {
      if (fd.min === 0) return '';
      throw new SerializeError(`${path}: ${fd.name} is required`);
    }
    if (value === null) {
      if (fd.nillable) return `<${fd.name}${NIL} />`;
      if (fd.min === 0) return '';
      throw new SerializeError(`${path}: ${fd.name} may not be nil`);
    }
    const inner = this.content(fd.type, value, `${path}.${fd.name}`);
    return inner === '' ? `<${fd.name} />` : `<${fd.name}>${inner}</${fd.name}>`;
  }

  private fields(fields: Field[], record: { [field: string]: XmlValue }, path: string): string {
    return fields.map((fd) => this.field(fd, record[fd.name], path)).join('');
  }

  private scalar(type: string, value: XmlValue, path: string): string {
    switch (type) {
      case 's:string':
        return escapeXml(String(value));
      case 's:long':
      case 's:int':
      case 's:unsignedByte':
        if (typeof value !== 'number' || !Number.isInteger(value)) throw new SerializeError(`${path}: ${String(value)} is not an integer`);
        return String(value);
      case 's:boolean':
        return value ? 'true' : 'false';
      case 's:dateTime': {
        const ms = value instanceof Date ? value.getTime() : value;
        if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new SerializeError(`${path}: ${String(value)} is not a time`);
        return xsdDateTime(ms, this.offsetOf);
      }
      default:
        throw new SerializeError(`${path}: unknown type ${type}`);
    }
  }
}
