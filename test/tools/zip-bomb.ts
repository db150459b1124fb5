// Builds hostile and honest spreadsheets for the upload tests: an .xlsx whose sheet inflates to
// hundreds of MB from a few hundred KB (a zip bomb), the same bomb lying about its size in the
// zip's directory, and a large honest staff list. The bomb is a valid zip (local headers, central
// directory, end record) made by streaming deflate, so making it costs little memory.
import { createDeflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';

interface Part {
  name: string;
  data: Buffer;
  size: number;
  crc: number;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(chunks: Iterable<Buffer>): number {
  let c = 0xffffffff;
  for (const b of chunks) for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

async function deflate(chunks: () => Iterable<Buffer>): Promise<Buffer> {
  const d = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  d.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((r) => d.on('end', () => r()));
  for (const c of chunks()) if (!d.write(c)) await new Promise((r) => d.once('drain', r));
  d.end();
  await done;
  return Buffer.concat(out);
}

/** A zip of the given parts; `declare` may lie about an entry's inflated size. */
export function zip(parts: Part[], declare: (p: Part) => number = (p) => p.size): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.crc, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(declare(p), 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(p.crc, 16);
    central.writeUInt32LE(p.data.length, 20);
    central.writeUInt32LE(declare(p), 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, p.data);
    centrals.push(central, name);
    offset += 30 + name.length + p.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

async function part(name: string, chunks: () => Iterable<Buffer>): Promise<Part> {
  let size = 0;
  for (const c of chunks()) size += c.length;
  return { name, data: await deflate(chunks), size, crc: crc32(chunks()) };
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';

/**
 * An .xlsx whose one sheet is `inflatedMb` MB of XML (a header row, then whitespace, which XML
 * allows between elements) — a few hundred KB on disk; and the same file whose zip directory
 * lies, declaring 10 KB for that sheet.
 */
export async function xlsxBombs(inflatedMb: number): Promise<{ honest: Buffer; liar: Buffer }> {
  const mb = Buffer.alloc(1024 * 1024, 0x20);
  const head = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ФИО</t></is></c></row>');
  const tail = Buffer.from('</sheetData></worksheet>');
  const sheet = await part('xl/worksheets/sheet1.xml', function* () {
    yield head;
    for (let i = 0; i < inflatedMb; i++) yield mb;
    yield tail;
  });
  const types = await part('[Content_Types].xml', function* () {
    yield Buffer.from(CONTENT_TYPES);
  });
  return { honest: zip([types, sheet]), liar: zip([types, sheet], (p) => (p === sheet ? 10_240 : p.size)) };
}

/** An honest staff list of `n` people as .xlsx, written by exceljs's streaming writer. */
export async function staffXlsx(file: string, n: number): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = book.addWorksheet('Сотрудники');
  sheet.addRow(['ФИО', 'Телефон', 'Должность', 'Группы', 'E-mail']).commit();
  for (let i = 0; i < n; i++) {
    sheet.addRow([`Сотрудник ${i} Тестович`, `+7916${String(i).padStart(7, '0')}`, i % 7 === 0 ? 'Мастер' : 'Электромонтёр', `Район ${i % 40} / Бригада ${i % 9}`, `s${i}@example.ru`]).commit();
  }
  sheet.commit();
  await book.commit();
}

/** An honest staff list as a Windows-style CSV (`;`), UTF-8. */
export function staffCsv(n: number, from = 0): string {
  const lines = ['ФИО;Телефон;Должность;Группы'];
  for (let i = from; i < from + n; i++) lines.push(`Работник ${i} Петрович;+7903${String(i).padStart(7, '0')};Слесарь;Котельная ${i % 12}`);
  return `${lines.join('\r\n')}\r\n`;
}
