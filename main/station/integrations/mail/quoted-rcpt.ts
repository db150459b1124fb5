// smtp-server (3.21) splits a `RCPT TO:`/`MAIL FROM:` command on whitespace before it looks for
// the `<…>` address, so `RCPT TO:<"Бригада 1"@sms.example.org>` — a Quoted-string local part,
// valid under RFC 5321 §4.1.2 and how a mail client writes a group name with a space — is refused
// as a syntax error (501). Its address parser is declared on SMTPConnection in its own typings;
// we hand it the command with the whitespace inside quotes written as `=XX` (quoteSpaces), and
// decodeLocalPart reads it back. Installed once, for every listener in the process.
import { SMTPConnection } from 'smtp-server/lib/smtp-connection.js';
import { quoteSpaces } from './mail-address.js';

let installed = false;

export function acceptQuotedLocalParts(): void {
  if (installed) return;
  const proto = SMTPConnection.prototype as unknown as { _parseAddressCommand: (name: string, command: Buffer | string) => unknown };
  const parse = proto._parseAddressCommand;
  if (typeof parse !== 'function') throw new Error('smtp-server no longer has SMTPConnection._parseAddressCommand; see mail/quoted-rcpt.ts');
  proto._parseAddressCommand = function (this: unknown, name: string, command: Buffer | string) {
    return parse.call(this, name, quoteSpaces((command ?? '').toString()));
  };
  installed = true;
}
