// Mail from old monitors and mailers that sends 8-bit Cyrillic without saying which: a Subject in
// raw Windows-1251 instead of an RFC 2047 encoded-word, a KOI8-R body with no `charset=`. The
// parser would read both as UTF-8 and the SMS would be "������". Before parsing, raw 8-bit header
// bytes that are not UTF-8 are recoded to UTF-8, and a single-part body with no declared charset
// gets the one its bytes are in (charset.ts). Declared charsets and MIME-encoded mail are untouched.
import { decodeText, guessCyrillic, isValidUtf8 } from '../charset.js';

function headerEnd(raw: Buffer): { at: number; gap: number } | null {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  if (crlf < 0 && lf < 0) return null;
  return crlf >= 0 && (lf < 0 || crlf <= lf) ? { at: crlf, gap: 4 } : { at: lf, gap: 2 };
}

const has8bit = (b: Buffer) => b.some((x) => x >= 0x80);

export function normalizeRawMail(raw: Buffer): Buffer {
  const end = headerEnd(raw);
  if (!end) return raw;
  let head = raw.subarray(0, end.at);
  const body = raw.subarray(end.at + end.gap);
  let changed = false;
  if (has8bit(head) && !isValidUtf8(head)) {
    head = Buffer.from(decodeText(head), 'utf8');
    changed = true;
  }
  const headText = head.toString('utf8');
  const type = /^content-type:[ \t]*([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)/im.exec(headText);
  const encoding = /^content-transfer-encoding:[ \t]*(\S+)/im.exec(headText)?.[1]?.toLowerCase();
  const multipart = type !== null && /^\s*multipart\//i.test(type[1]!);
  const declared = type !== null && /charset\s*=/i.test(type[1]!);
  if (!multipart && !declared && encoding !== 'base64' && encoding !== 'quoted-printable' && has8bit(body) && !isValidUtf8(body)) {
    const charset = guessCyrillic(body);
    const line = type ? `Content-Type: ${type[1]!.trim().replace(/;?\s*$/, '')}; charset=${charset}` : `Content-Type: text/plain; charset=${charset}`;
    const text = type ? headText.replace(type[0], line) : `${headText}\r\nMIME-Version: 1.0\r\n${line}`;
    head = Buffer.from(text, 'utf8');
    changed = true;
  }
  return changed ? Buffer.concat([head, raw.subarray(end.at, end.at + end.gap), body]) : raw;
}
