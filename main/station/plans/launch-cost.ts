// What a launch costs this month under the chosen tariff: the price of the month with these SMS
// minus the price without them. Within a package's included SMS that is honestly 0.
import type { Db } from '../store/database.js';
import { TARIFF_PLANS } from '../domain/tariff-plans.js';
import { planCost } from '../domain/tariffs.js';
import { systemTimeZone, ZoneClock } from '../domain/time-zone.js';
import { getPlanChoice } from '../billing/billing.js';
import { activeEmployees, monthUsage } from '../billing/usage.js';

export function launchCost(db: Db, sms: number, now: number): number {
  const clock = new ZoneClock(systemTimeZone());
  const used = monthUsage(db, clock.monthRange(clock.month(now))).out.segments;
  const choice = getPlanChoice(db);
  const employees = activeEmployees(db);
  const before = planCost(TARIFF_PLANS, choice, { used, employees }).total;
  const after = planCost(TARIFF_PLANS, choice, { used: used + sms, employees }).total;
  return Math.round((after - before) * 100) / 100;
}
