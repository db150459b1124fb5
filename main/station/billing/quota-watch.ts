// Raises the month's quota alarms (80 % and 100 % of the plan's included SMS, once each) soon after
// the traffic that crosses them: a send is committed or handed to a carrier, and a check follows
// within `delayMs`. Many sends in that time share one check, so an outage's thousands of alerts
// cost one counter read a second, not one per message.
import type { Db } from '../store/database.js';
import { checkQuotaAlarms, type QuotaAlarm } from './billing.js';

export class QuotaWatch {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly raise: (alarm: QuotaAlarm) => void,
    private readonly failed: (err: unknown) => void,
    private readonly delayMs = 1_000,
  ) {}

  /** Traffic happened: check within `delayMs`. */
  poke(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.check();
    }, this.delayMs);
    this.timer.unref?.();
  }

  check(): void {
    try {
      for (const alarm of checkQuotaAlarms(this.db)) this.raise(alarm);
    } catch (err) {
      this.failed(err);
    }
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
