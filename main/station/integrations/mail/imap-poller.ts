// mail2sms from an existing mailbox, for monitors that can only mail a real address: polls the
// mailbox over IMAP, sends each unseen mail through the same rules as the SMTP listener, marks it
// seen, and flags a refused one (with the reason in the audit log) so a person can look at it.
// A refused mail also gets a bounce saying why when `imap.bounce` names an outgoing relay.
// Only sender addresses allowed in config map to users: a mailbox has no SMTP AUTH.
import { ImapFlow } from 'imapflow';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { StationCore } from '../../core.js';
import type { Actor } from '../../store/audit.js';
import type { IntegrationsConfig } from '../config.js';
import { callerForAddress, MailRefusal, senderRefusal, sendMail } from './mail-request.js';
import { automaticSender, bounceAddress, Bouncer } from './bounce.js';
import { normalizeRawMail } from './mail-charset.js';

export class ImapPoller {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly bouncer: Bouncer | null;

  constructor(
    private readonly core: StationCore,
    private readonly imap: IntegrationsConfig['imap'],
    private readonly smtp: IntegrationsConfig['smtp'],
  ) {
    this.bouncer = imap.bounce ? new Bouncer(imap.bounce) : null;
  }

  /**
   * Polls now, then every `pollSeconds`. Under the station's supervisor (MailDoors) a failed poll
   * — the server unreachable, the login refused, a bug — is reported there and this is started
   * again with back-off (health lists it under subsystems while it fails); `start` rejects when
   * its first poll fails. Without one, it retries by itself, doubling up to 5 min.
   */
  async start(onFailure?: (err: unknown) => void): Promise<void> {
    if (this.stopped) return;
    this.onFailure = onFailure ?? null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const first = this.poll();
    this.running = first.then(
      () => undefined,
      () => undefined,
    );
    try {
      await first;
    } catch (err) {
      if (!this.onFailure) this.failedAlone(err);
      throw err;
    } finally {
      this.running = null;
    }
    this.failures = 0;
    this.schedule(this.imap.pollSeconds * 1000);
  }

  private onFailure: ((err: unknown) => void) | null = null;
  private failures = 0;

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.poll()
        .then(
          () => {
            this.failures = 0;
            this.schedule(this.imap.pollSeconds * 1000);
          },
          (err: unknown) => {
            if (this.stopped) return;
            if (this.onFailure) this.onFailure(err);
            else this.failedAlone(err);
          },
        )
        .finally(() => {
          this.running = null;
        });
    }, ms);
    this.timer.unref();
  }

  /** No supervisor: log it and poll again later, backing off. */
  private failedAlone(err: unknown): void {
    this.failures++;
    const wait = Math.min(300_000, this.imap.pollSeconds * 1000 * 2 ** Math.min(this.failures - 1, 10));
    this.core.log.warn({ err, retryInMs: wait }, 'IMAP poll failed; will retry');
    this.schedule(wait);
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
    const mail = await simpleParser(normalizeRawMail(source));
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
      const actor = caller?.auditActor ?? { userId: null, name: from || 'unknown' };
      core.store.audit.record(actor, 'mail.refused', 'IMAP mail', {
        door: 'imap',
        from,
        subject: mail.subject ?? '',
        reason: err.message,
      });
      await this.bounce(mail, actor, err.message);
      return true;
    }
  }

  /** Sends the refusal's bounce, or audits why none was sent; never throws. */
  private async bounce(mail: ParsedMail, actor: Actor, reason: string): Promise<void> {
    const { core } = this;
    const to = bounceAddress(mail);
    const subject = mail.subject ?? '';
    const skip = !this.bouncer
      ? 'no bounce relay is configured (integrations.imap.bounce)'
      : (automaticSender(mail) ?? (to ? null : 'the mail has no sender address'));
    if (skip !== null) {
      core.store.audit.record(actor, 'mail.bounce-skipped', 'IMAP mail', { door: 'imap', to, subject, why: skip });
      return;
    }
    try {
      await this.bouncer!.send(mail, to, reason);
      core.store.audit.record(actor, 'mail.bounced', 'IMAP mail', { door: 'imap', to, subject, reason });
    } catch (err) {
      core.log.warn({ err, to }, 'IMAP bounce could not be sent');
      core.store.audit.record(actor, 'mail.bounce-failed', 'IMAP mail', {
        door: 'imap',
        to,
        subject,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.bouncer?.close();
  }
}
