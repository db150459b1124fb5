// The local part of a mail2sms address, however a mail client or a monitor wrote it: plain
// (`Север@`), quoted with spaces (`"Бригада 1"@`, RFC 5321 §4.1.2 Quoted-string), as an RFC 2047
// encoded-word (`=?UTF-8?B?…?=@`, which some scripts put where the address belongs), or an alias
// the administrator gave the group (`brigada1@`). Groups are found by alias, then by name in any
// letter case with ё = е, then with `_` or `.` read as spaces.
import iconv from 'iconv-lite';
import type { Db } from '../../store/database.js';

/** RFC 2047 encoded-words (`=?charset?B|Q?…?=`) decoded; anything else left as it is. */
export function decodeEncodedWords(s: string): string {
  return s.replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=(\s+(?==\?))?/g, (whole, charset: string, enc: string, text: string) => {
    const cs = charset.split('*')[0]!.toLowerCase();
    if (!iconv.encodingExists(cs)) return whole;
    const bytes =
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    return iconv.decode(bytes, cs);
  });
}

/** A group a mail address names, or undefined. */
export function groupForName(db: Db, name: string): { id: number; name: string } | undefined {
  const raw = name.trim();
  if (!raw) return undefined;
  const alias = db
    .prepare('SELECT g.id, g.name FROM group_mail_aliases a JOIN groups g ON g.id = a.group_id WHERE a.alias = ? COLLATE NOCASE')
    .get(raw) as { id: number; name: string } | undefined;
  if (alias) return alias;
  const fold = (s: string) => s.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
  const groups = db.prepare('SELECT id, name FROM groups ORDER BY id').all() as { id: number; name: string }[];
  const exact = groups.find((g) => fold(g.name) === fold(raw));
  if (exact) return exact;
  const spaced = fold(raw.replace(/[_.]+/g, ' '));
  return groups.find((g) => fold(g.name) === spaced);
}

/** The local part as the person meant it: quotes and quoted-pairs undone, encoded-words decoded. */
export function decodeLocalPart(local: string): string {
  let v = local.trim();
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
    v = v
      .slice(1, -1)
      .replace(/\\(.)/g, '$1')
      // What quoteSpaces() put there for smtp-server; a literal '=' travels as =3D.
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
  return decodeEncodedWords(v);
}

const hexed = (s: string) => s.replace(/[\s=]/g, (c) => `=${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

/**
 * An SMTP `MAIL FROM:`/`RCPT TO:` command with the whitespace (and `=`) inside a quoted local part
 * written as `=XX`, so a parser that splits the command on whitespace keeps `<"Бригада 1"@…>` whole.
 * A local part with spaces but no quotes (`<Северный район@…>`, as our own docs once wrote it) is
 * taken as if quoted.
 */
export function quoteSpaces(command: string): string {
  return command
    .replace(/<"((?:[^"\\]|\\.)*)"@/g, (_, inner: string) => `<"${hexed(inner)}"@`)
    .replace(/<([^<>"@]*\s[^<>"@]*)@([^<>\s]+)>/g, (_, local: string, domain: string) => `<"${hexed(local.trim())}"@${domain}>`);
}
