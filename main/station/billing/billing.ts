// The finance office's month: usage, the cost under the chosen plan, what the cheapest plan would
// have cost (the advisor), the quota level, and the quota alarms (80 % and 100 %, once a month each).
// The chosen plan and the alarms already raised live in the `settings` table under `billing.*`.
import { PlanChoice, type BillingSummary } from '../../../shared/protocol/history.js';
import type { Db } from '../store/database.js';
import { TARIFF_PLANS } from '../domain/tariff-plans.js';
import { advise, alarmsToRaise, planCost, quotaLevel, type QuotaLevel, type TariffPlan } from '../domain/tariffs.js';
import { systemTimeZone, ZoneClock } from '../domain/time-zone.js';
import { activeEmployees, billedSegments, dailySeries, monthUsage } from './usage.js';

const PLAN_KEY = 'billing.plan';
const alarmKey = (month: string) => `billing.alarm.${month}`;

export const DEFAULT_PLAN: PlanChoice = { planId: 'company', packages: [1, 0, 0, 0] };

export interface BillingOptions {
  month?: string;
  timeZone?: string;
  now?: number;
  locale?: 'ru' | 'en';
  plans?: readonly TariffPlan[];
}

function setting(db: Db, key: string): string | undefined {
  return db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
}

function putSetting(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function getPlanChoice(db: Db): PlanChoice {
  const raw = setting(db, PLAN_KEY);
  if (!raw) return DEFAULT_PLAN;
  const parsed = PlanChoice.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : DEFAULT_PLAN;
}

export function setPlanChoice(db: Db, choice: PlanChoice): void {
  // Validate against the data before storing, so a bad choice fails here and not in every summary.
  planCost(TARIFF_PLANS, choice, { used: 0, employees: 0 });
  putSetting(db, PLAN_KEY, JSON.stringify(PlanChoice.parse(choice)));
}

function billedOf(plan: TariffPlan, usage: BillingSummary['usage']): number {
  return plan.billed.reduce((n, d) => n + usage[d].segments, 0);
}

export function billingSummary(db: Db, options: BillingOptions = {}): BillingSummary {
  const plans = options.plans ?? TARIFF_PLANS;
  const locale = options.locale ?? 'ru';
  const clock = new ZoneClock(options.timeZone ?? systemTimeZone());
  const month = options.month ?? clock.month(options.now ?? Date.now());
  const range = clock.monthRange(month);
  const usage = monthUsage(db, range);
  const employees = activeEmployees(db);
  const choice = getPlanChoice(db);
  const chosen = plans.find((p) => p.id === choice.planId) ?? plans[0]!;
  const current = planCost(plans, choice, { used: billedOf(chosen, usage), employees }, locale);
  // Each plan is priced on the directions it bills; the seed plans both bill outgoing only.
  const options_ = plans
    .flatMap((p) => advise([p], { used: billedOf(p, usage), employees }, locale))
    .sort((a, b) => a.total - b.total);
  const { percent, level } = quotaLevel(current.used, current.included);
  return {
    month,
    timeZone: clock.timeZone,
    usage,
    employees,
    current,
    cheapest: options_[0]!,
    options: options_,
    quota: { included: current.included, used: current.used, percent, level },
    daily: dailySeries(db, range, clock),
  };
}

export interface QuotaAlarm {
  month: string;
  level: 80 | 100;
  used: number;
  included: number;
}

/**
 * The quota alarms to raise now (each level once a month), recorded as raised. The station calls
 * it after sending and pushes each as a `billing.quota` event.
 */
export function checkQuotaAlarms(db: Db, options: Omit<BillingOptions, 'month'> = {}): QuotaAlarm[] {
  const clock = new ZoneClock(options.timeZone ?? systemTimeZone());
  const month = clock.month(options.now ?? Date.now());
  const plans = options.plans ?? TARIFF_PLANS;
  const choice = getPlanChoice(db);
  const plan = plans.find((p) => p.id === choice.planId) ?? plans[0]!;
  // Counters only: the check runs after sends, and must cost the same on the 1st and the 30th.
  const used = billedSegments(db, clock.monthRange(month), plan.billed);
  const cost = planCost(plans, choice, { used, employees: activeEmployees(db) });
  const { level } = quotaLevel(cost.used, cost.included);
  const last = Number(setting(db, alarmKey(month)) ?? 0) as QuotaLevel;
  const raise = alarmsToRaise(last, level);
  if (raise.length > 0) putSetting(db, alarmKey(month), String(raise[raise.length - 1]));
  return raise.map((l) => ({ month, level: l, used: cost.used, included: cost.included }));
}
