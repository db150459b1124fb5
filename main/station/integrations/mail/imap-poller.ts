// mail2sms from an existing mailbox, for monitors that can only mail a real address: polls the
// mailbox over IMAP, sends each unseen mail through the same rules as the SMTP listener, marks it
// seen, and flags a refused one (with the reason in the audit log) so a person can look at it.
// Only sender addresses allowed in config map to users: a mailbox has no SMTP AUTH.
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import type { StationCore } from '../../core.js';
import type { IntegrationsConfig } from '../config.js';
import { callerForAddress, MailRefusal, senderRefusal, sendMail } from './mail-request.js';

export class ImapPoller {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly core: StationCore,
    private readonly imap: IntegrationsConfig['imap'],
    private readonly smtp: IntegrationsConfig['smtp'],
  ) {}

  start(): void {
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.poll()
        .catch((err: unknown) => this.core.log.warn({ err }, 'IMAP poll failed; will retry'))
        .finally(() => {
          this.running = null;
          this.schedule(this.imap.pollSeconds * 1000);
        });
    }, ms);
  }

  /** One pass over the unseen mail. */
  async poll(): Promise<void> {
    const client = new ImapFlow({
      host: this.imap.host,
      port: this.imap.port,
      secure: this.imap.secure,
      auth: { user: this.imap.user, pass: this.imap.password },
      logger: false,
    });
    client.on('error', (err: unknown) => this.core.log.warn({ err }, 'IMAP connection error'));
    await client.connect();
    try {
      const lock = await client.getMailboxLock(this.imap.mailbox);
      try {
        const uids = (await client.search({ seen: false }, { uid: true })) || [];
        for (const uid of uids) {
          const msg = await client.fetchOne(String(uid), { source: true }, { uid: true });
          if (!msg || !msg.source) continue;
          const refused = await this.handle(msg.source);
          await client.messageFlagsAdd(String(uid), refused ? ['\\Seen', '\\Flagged'] : ['\\Seen'], { uid: true });
        }
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => undefined);
    }
  }

  /** Returns true when the mail was refused. */
  private async handle(source: Buffer): Promise<boolean> {
    const { core } = this;
    const mail = await simpleParser(source);
    const from = mail.from?.value[0]?.address ?? '';
    const to = [mail.to, mail.cc]
      .flatMap((a) => (a === undefined ? [] : Array.isArray(a) ? a : [a]))
      .flatMap((a) => a.value.map((v) => v.address ?? ''))
      .filter((a) => this.smtp.domains.some((d) => a.toLowerCase().endsWith(`@${d.toLowerCase()}`)));
    const caller = callerForAddress(core, this.smtp, from);
    try {
      if (!caller) throw senderRefusal(from);
      if (to.length === 0) throw new MailRefusal(`The mail is addressed to no address at ${this.smtp.domains.join(', ')}.`);
      const result = sendMail(core, this.smtp, caller, to, mail);
      core.store.audit.record(caller.auditActor, 'api.call', 'IMAP mail', { door: 'imap', broadcastId: result.broadcastId });
      return false;
    } catch (err) {
      if (!(err instanceof MailRefusal)) throw err;
      core.store.audit.record(caller?.auditActor ?? { userId: null, name: from || 'unknown' }, 'mail.refused', 'IMAP mail', {
        door: 'imap',
        from,
        subject: mail.subject ?? '',
        reason: err.message,
      });
      return true;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
