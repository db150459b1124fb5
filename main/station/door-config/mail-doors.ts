// The mail doors while the station runs: the SMTP listener and the IMAP mailbox poll, started
// from the settings the screen stored (or config.json's), and started again with new ones when the
// admin saves — no restart. A listener that cannot start with the new settings (the port is taken)
// leaves the old ones running and says why.
import type { StationCore } from '../core.js';
import type { ApiKeyRepository } from '../integrations/api-keys.js';
import type { RateLimiter } from '../integrations/rate-limit.js';
import type { KeyFailureLimit } from '../auth/key-failures.js';
import { SmtpListener } from '../integrations/mail/smtp-listener.js';
import { ImapPoller } from '../integrations/mail/imap-poller.js';
import type { DoorStore, ImapDoor, SmtpDoor } from './door-store.js';

const IMAP_SUBSYSTEM = 'IMAP mailbox';

export class MailDoors {
  private listener: SmtpListener | null = null;
  private poller: ImapPoller | null = null;
  private port: number | null = null;
  private current: { smtp: SmtpDoor; imap: ImapDoor };

  constructor(
    private readonly core: StationCore,
    private readonly keys: ApiKeyRepository,
    private readonly limiter: RateLimiter,
    readonly store: DoorStore,
    private readonly keyFailures: KeyFailureLimit,
  ) {
    this.current = { smtp: store.smtp(), imap: store.imap() };
  }

  /** The SMTP listener's port while it runs. */
  get smtpPort(): number | null {
    return this.port;
  }

  get smtp(): SmtpDoor {
    return this.current.smtp;
  }

  get imap(): ImapDoor {
    return this.current.imap;
  }

  async start(): Promise<void> {
    await this.run(this.current.smtp, this.current.imap);
  }

  /** New settings: the doors start again with them, or keep the old ones and throw why. */
  async apply(smtp: SmtpDoor, imap: ImapDoor): Promise<void> {
    const before = this.current;
    await this.stop();
    try {
      await this.run(smtp, imap);
      this.current = { smtp, imap };
    } catch (err) {
      await this.stop();
      await this.run(before.smtp, before.imap).catch((e: unknown) => this.core.log.error({ err: e }, 'mail doors could not start again'));
      throw err;
    }
  }

  async stop(): Promise<void> {
    const listener = this.listener;
    const poller = this.poller;
    this.listener = null;
    this.poller = null;
    this.port = null;
    // A poller being restarted after a failure is not restarted any more.
    if (poller) this.core.supervisor?.forget(IMAP_SUBSYSTEM);
    await listener?.stop();
    await poller?.stop();
  }

  private async run(smtp: SmtpDoor, imap: ImapDoor): Promise<void> {
    if (smtp.enabled) {
      const listener = new SmtpListener(this.core, smtp, this.keys, this.limiter, this.keyFailures);
      this.port = await listener.start();
      this.listener = listener;
      this.core.log.info({ port: this.port }, 'mail2sms SMTP listener ready');
    }
    if (imap.enabled) {
      const poller = new ImapPoller(this.core, imap, smtp);
      this.poller = poller;
      const { supervisor } = this.core;
      // Under the supervisor: a failing mailbox is polled again with back-off, and shown in health.
      if (supervisor) void supervisor.run(IMAP_SUBSYSTEM, () => poller.start((err) => supervisor.failed(IMAP_SUBSYSTEM, err)));
      else void poller.start().catch(() => undefined);
    }
  }
}
