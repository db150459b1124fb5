// The bounce a refused mailbox mail gets: a short plain-text mail back to its sender, in Russian
// and English, saying why, through the relay in `integrations.imap.bounce`. Mail that looks
// automatic (auto-replies, other bounces, mailer daemons) never gets one, so two robots cannot
// bounce at each other forever.
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { ParsedMail } from 'mailparser';
import type { IntegrationsConfig } from '../config.js';

export type BounceRelay = NonNullable<IntegrationsConfig['imap']['bounce']>;

/** The raw value of the first header line with this name, or undefined. */
function rawHeader(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  if (line === undefined) return undefined;
  return line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
}

function firstAddress(field: ParsedMail['from'] | ParsedMail['replyTo']): string {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return list.flatMap((a) => a.value).map((v) => v.address ?? '').find((a) => a.includes('@')) ?? '';
}

/** Why this mail must not be bounced (it looks automatic), or null when a bounce is fine. */
export function automaticSender(mail: ParsedMail): string | null {
  const auto = rawHeader(mail, 'auto-submitted');
  if (auto !== undefined && auto.toLowerCase().split(';')[0]!.trim() !== 'no') return `Auto-Submitted: ${auto}`;
  const returnPath = rawHeader(mail, 'return-path');
  if (returnPath !== undefined && /^<?\s*>?$/.test(returnPath)) return 'empty Return-Path';
  const precedence = rawHeader(mail, 'precedence')?.toLowerCase();
  if (precedence === 'bulk' || precedence === 'junk' || precedence === 'list') return `Precedence: ${precedence}`;
  for (const address of [firstAddress(mail.from), firstAddress(mail.replyTo)]) {
    const local = address.slice(0, address.lastIndexOf('@')).toLowerCase();
    if (local === 'mailer-daemon' || local === 'postmaster') return `sender ${address}`;
  }
  return null;
}

/** Where the bounce goes: Reply-To when the mail has one, else From; '' when neither has an address. */
export function bounceAddress(mail: ParsedMail): string {
  return firstAddress(mail.replyTo) || firstAddress(mail.from);
}

export function bounceText(subject: string, reason: string): string {
  return [
    `Ваше письмо «${subject}» не отправлено как SMS. Причина: ${reason}`,
    '',
    `Your mail "${subject}" was not sent as SMS. Reason: ${reason}`,
    '',
  ].join('\n');
}

export class Bouncer {
  private transport: Transporter | null = null;

  constructor(private readonly relay: BounceRelay) {}

  async send(mail: ParsedMail, to: string, reason: string): Promise<void> {
    this.transport ??= nodemailer.createTransport({
      host: this.relay.host,
      port: this.relay.port,
      secure: this.relay.secure,
      auth: this.relay.user ? { user: this.relay.user, pass: this.relay.password ?? '' } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    const subject = mail.subject ?? '';
    await this.transport.sendMail({
      from: this.relay.from,
      to,
      subject: `Не отправлено / Not sent: ${subject}`,
      text: bounceText(subject, reason),
      headers: { 'Auto-Submitted': 'auto-replied' },
      ...(mail.messageId ? { inReplyTo: mail.messageId, references: mail.messageId } : {}),
    });
  }

  close(): void {
    this.transport?.close();
    this.transport = null;
  }
}
