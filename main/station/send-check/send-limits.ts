// The admin's thresholds above which the control room asks a second time before sending: SMS per
// person (a long text split many times) and SMS in all. Stored in `settings` under `sendCheck.*`;
// an explicit "never" is stored as 0, a key absent follows the default.
import type { SendLimits } from '../../../shared/protocol/index.js';
import type { Db } from '../store/database.js';

/** A 4-SMS text is about 270 Cyrillic characters: past that, a dispatcher should know. */
export const DEFAULT_SEND_LIMITS: SendLimits = { smsPerPerson: 4, smsTotal: 1_000 };

const KEYS = { smsPerPerson: 'sendCheck.smsPerPerson', smsTotal: 'sendCheck.smsTotal' } as const;

export class SendLimitsRepository {
  constructor(private readonly db: Db) {}

  get(): SendLimits {
    const read = (key: keyof SendLimits): number | null => {
      const raw = this.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(KEYS[key]) as string | undefined;
      if (raw === undefined) return DEFAULT_SEND_LIMITS[key];
      const n = Number(raw);
      return Number.isInteger(n) && n > 0 ? n : null;
    };
    return { smsPerPerson: read('smsPerPerson'), smsTotal: read('smsTotal') };
  }

  set(limits: SendLimits): void {
    const upsert = this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.db.transaction(() => {
      for (const key of Object.keys(KEYS) as (keyof SendLimits)[]) upsert.run(KEYS[key], String(limits[key] ?? 0));
    })();
  }
}
