// An .xlsx is a zip: before any library inflates one, check what it would inflate to (issue 14
// case 8: a 194 KB bomb cost 507 MB of memory per upload). The zip must be plain and consistent —
// its entries back to back from the start exactly as the central directory lists them, so the
// streaming reader that opens it later (exceljs reads local headers in order) sees the same
// entries — each deflated entry really inflates to no more than it declares, and all of them to
// no more than the budget. Inflating here streams and counts; nothing inflated is kept.
import { createInflateRaw } from 'node:zlib';
import { ContactFileError } from './contact-file-error.js';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
const MAX_ENTRIES = 10_000;

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressed: number;
  declared: number;
  offset: number;
}

function bad(): ContactFileError {
  return new ContactFileError('This .xlsx is damaged (its zip structure does not read). Save it again in Excel, or as .csv.', 'file.badZip');
}

function tooBig(maxBytes: number): ContactFileError {
  const megabytes = Math.round(maxBytes / 1024 / 1024);
  return new ContactFileError(
    `This .xlsx would unpack to more than ${megabytes} MB, far more than a contact list needs: it is refused as a possible zip bomb. Save the sheet again in Excel, or as .csv.`,
    'file.inflatesTooMuch',
    { megabytes },
  );
}

function entries(zip: Buffer): { list: Entry[]; centralOffset: number } {
  // The end record sits in the last 22 bytes plus at most a 64 KB comment.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw bad();
  const count = zip.readUInt16LE(eocd + 10);
  const size = zip.readUInt32LE(eocd + 12);
  const centralOffset = zip.readUInt32LE(eocd + 16);
  // ZIP64 or split archives: never what Excel writes for a contact list.
  if (count === 0xffff || size === 0xffffffff || centralOffset === 0xffffffff || zip.readUInt16LE(eocd + 4) !== 0) throw bad();
  if (count > MAX_ENTRIES || centralOffset + size > eocd) throw bad();
  const list: Entry[] = [];
  let p = centralOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || zip.readUInt32LE(p) !== CENTRAL) throw bad();
    const nameLength = zip.readUInt16LE(p + 28);
    list.push({
      flags: zip.readUInt16LE(p + 8),
      method: zip.readUInt16LE(p + 10),
      compressed: zip.readUInt32LE(p + 20),
      declared: zip.readUInt32LE(p + 24),
      offset: zip.readUInt32LE(p + 42),
      name: zip.toString('utf8', p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return { list, centralOffset };
}

/** Inflates `data` counting bytes; rejects as soon as it passes `limit`. Returns the inflated size. */
function inflatedSize(data: Buffer, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let total = 0;
    let over = false;
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit && !over) {
        over = true;
        inflate.destroy();
        resolve(total);
      }
    });
    inflate.on('error', () => (over ? undefined : reject(bad())));
    inflate.on('end', () => resolve(total));
    inflate.end(data);
  });
}

/** Throws ContactFileError unless the zip is consistent and inflates to at most `maxInflated` bytes. */
export async function checkZip(zip: Buffer, maxInflated: number): Promise<void> {
  if (zip.length < 22) throw bad();
  const { list, centralOffset } = entries(zip);
  const declared = list.reduce((sum, e) => sum + e.declared, 0);
  if (declared > maxInflated) throw tooBig(maxInflated);
  // Back to back from byte 0 up to the central directory: nothing hidden between or before.
  const ordered = [...list].sort((a, b) => a.offset - b.offset);
  let expected = 0;
  let total = 0;
  for (const e of ordered) {
    if (e.offset !== expected || e.offset + 30 > zip.length || zip.readUInt32LE(e.offset) !== LOCAL) throw bad();
    const nameLength = zip.readUInt16LE(e.offset + 26);
    if (zip.toString('utf8', e.offset + 30, e.offset + 30 + nameLength) !== e.name) throw bad();
    const start = e.offset + 30 + nameLength + zip.readUInt16LE(e.offset + 28);
    let end = start + e.compressed;
    if (end > centralOffset) throw bad();
    if (e.flags & 0x8) end += end + 4 <= zip.length && zip.readUInt32LE(end) === DESCRIPTOR ? 16 : 12;
    if (e.flags & 0x1) throw bad(); // encrypted
    const data = zip.subarray(start, start + e.compressed);
    let size: number;
    if (e.method === 0) size = e.compressed;
    else if (e.method === 8) size = await inflatedSize(data, Math.min(e.declared, maxInflated - total));
    else throw bad();
    // An entry that inflates past what it declares is lying about itself: a bomb, whatever its total.
    if (size > e.declared || total + size > maxInflated) throw tooBig(maxInflated);
    total += size;
    expected = end;
  }
  if (expected !== centralOffset) throw bad();
}
