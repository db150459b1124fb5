// What a send adds to this month's bill under the plan chosen now: the plan priced at this
// month's usage so far, and again with the send's SMS on top; the difference is the send's cost
// (nothing while a package still covers it, the overage price beyond). The month so far is read
// at most every few seconds: the preview asks on every pause in typing.
import type { SendCost } from '../../../shared/protocol/index.js';
import type { Db } from '../store/database.js';
import { getPlanChoice } from '../billing/billing.js';
import { activeEmployees, monthUsage } from '../billing/usage.js';
import { TARIFF_PLANS } from '../domain/tariff-plans.js';
import { planCost, type TariffPlan } from '../domain/tariffs.js';
import { systemTimeZone, ZoneClock } from '../domain/time-zone.js';

const FRESH_MS = 5_000;

interface MonthSoFar {
  at: number;
  plan: TariffPlan;
  billed: number;
  employees: number;
}

export class SendCostEstimator {
  private cached: MonthSoFar | null = null;
  private readonly clock: ZoneClock;

  constructor(
    private readonly db: Db,
    private readonly plans: readonly TariffPlan[] = TARIFF_PLANS,
    timeZone = systemTimeZone(),
  ) {
    this.clock = new ZoneClock(timeZone);
  }

  /** Forget the month so far (a send went out, the plan changed). */
  invalidate(): void {
    this.cached = null;
  }

  cost(sms: number, locale: 'ru' | 'en', now = Date.now()): SendCost {
    const m = this.monthSoFar(now);
    const choice = getPlanChoice(this.db);
    const before = planCost(this.plans, choice, { used: m.billed, employees: m.employees }, locale);
    const after = planCost(this.plans, choice, { used: m.billed + sms, employees: m.employees }, locale);
    return {
      rub: Math.round((after.total - before.total) * 100) / 100,
      planName: after.planName,
      leftBefore: after.included > 0 ? Math.max(0, after.included - m.billed) : null,
      overSms: after.overage - before.overage,
      overagePrice: m.plan.overagePerSms,
    };
  }

  private monthSoFar(now: number): MonthSoFar {
    if (this.cached && now - this.cached.at < FRESH_MS) return this.cached;
    const choice = getPlanChoice(this.db);
    const plan = this.plans.find((p) => p.id === choice.planId) ?? this.plans[0]!;
    const range = this.clock.monthRange(this.clock.month(now));
    const usage = monthUsage(this.db, range);
    // What is queued this month will be billed when it leaves: the next send comes on top of it.
    const queued = plan.billed.includes('out')
      ? (this.db
          .prepare(`SELECT coalesce(sum(segments), 0) FROM messages WHERE status IN ('queued', 'sending') AND direction = 'out' AND created_at >= ? AND created_at < ?`)
          .pluck()
          .get(range[0], range[1]) as number)
      : 0;
    const billed = plan.billed.reduce((n, d) => n + usage[d].segments, 0) + queued;
    this.cached = { at: now, plan, billed, employees: activeEmployees(this.db) };
    return this.cached;
  }
}
