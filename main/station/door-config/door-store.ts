// The mail doors (SMTP listener, IMAP mailbox) and the webhook endpoints as the admin set them on
// screen, in the `settings` table under `doors.*`; until then config.json's `integrations` apply.
// Passwords and webhook secrets are sealed like carrier secrets (carrier-config/sealed.ts) and
// never leave the station: views say only whether one is set.
import type { IntegrationsConfig } from '../integrations/config.js';
import type { Db } from '../store/database.js';
import type { Sealer } from '../carrier-config/sealed.js';

export type SmtpDoor = IntegrationsConfig['smtp'];
export type ImapDoor = IntegrationsConfig['imap'];
export type WebhookEndpoint = IntegrationsConfig['webhooks'][number];

const KEYS = { smtp: 'doors.smtp', imap: 'doors.imap', webhooks: 'doors.webhooks' } as const;

export class DoorStore {
  constructor(
    private readonly db: Db,
    private readonly sealer: Sealer,
    /** config.json's integrations: what applies until the screen stores something. */
    private readonly seed: IntegrationsConfig,
  ) {}

  smtp(): SmtpDoor {
    return this.read<SmtpDoor>('smtp') ?? this.seed.smtp;
  }

  imap(): ImapDoor {
    const stored = this.read<ImapDoor & { password: string; bounce?: { password?: string } }>('imap');
    if (!stored) return this.seed.imap;
    return {
      ...stored,
      password: this.open(stored.password),
      ...(stored.bounce ? { bounce: { ...stored.bounce, ...(stored.bounce.password ? { password: this.open(stored.bounce.password) } : {}) } } : {}),
    };
  }

  webhooks(): WebhookEndpoint[] {
    const stored = this.read<WebhookEndpoint[]>('webhooks');
    if (!stored) return this.seed.webhooks;
    return stored.map((w) => ({ ...w, secret: this.open(w.secret) }));
  }

  saveSmtp(smtp: SmtpDoor): void {
    this.write('smtp', smtp);
  }

  saveImap(imap: ImapDoor): void {
    this.write('imap', {
      ...imap,
      password: imap.password ? this.sealer.seal(imap.password) : '',
      ...(imap.bounce ? { bounce: { ...imap.bounce, ...(imap.bounce.password ? { password: this.sealer.seal(imap.bounce.password) } : {}) } } : {}),
    });
  }

  saveWebhooks(list: readonly WebhookEndpoint[]): void {
    this.write('webhooks', list.map((w) => ({ ...w, secret: this.sealer.seal(w.secret) })));
  }

  private open(sealed: string): string {
    if (!sealed) return '';
    try {
      return this.sealer.open(sealed);
    } catch {
      return ''; // A lost key file: the admin types it again.
    }
  }

  private read<T>(door: keyof typeof KEYS): T | undefined {
    const raw = this.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(KEYS[door]) as string | undefined;
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }

  private write(door: keyof typeof KEYS, value: unknown): void {
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEYS[door], JSON.stringify(value));
  }
}
