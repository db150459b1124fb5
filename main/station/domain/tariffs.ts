// Pricing of a month under the tariffs in tariff-plans.ts: the cost of a chosen plan, the
// cheapest way to pay for a month's usage (the advisor) and the quota level. Pure.
import type { Cost, PlanChoice } from '../../../shared/protocol/history.js';
import { SaidError } from './said.js';

export interface PackagePlan {
  id: 'company';
  kind: 'packages';
  name: { ru: string; en: string };
  packages: { sms: number; price: number }[];
  minPackages: number;
  overagePerSms: number;
  /** Which directions count against the quota and are billed. */
  billed: ('in' | 'out')[];
}

export interface SeatPlan {
  id: 'employee';
  kind: 'seats';
  name: { ru: string; en: string };
  brackets: { upTo: number | null; pricePerSeat: number }[];
  bracketMode: 'flat' | 'graduated';
  smsPerSeat: number;
  overagePerSms: number;
  billed: ('in' | 'out')[];
}

export type TariffPlan = PackagePlan | SeatPlan;

export interface MonthUsage {
  /** Billed segments this month (the directions the plan bills). */
  used: number;
  /** Connected (active) employees. */
  employees: number;
}

export class TariffError extends SaidError {
  override readonly name = 'TariffError';
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function packageCost(plan: PackagePlan, counts: number[], used: number, locale: 'ru' | 'en'): Cost {
  if (counts.length > plan.packages.length || counts.some((c) => !Number.isInteger(c) || c < 0)) {
    throw new TariffError(`Choose how many of each of the ${plan.packages.length} packages to buy (whole numbers, 0 or more).`, 'tariff.counts', {
      packages: plan.packages.length,
    });
  }
  const lines: Cost['lines'] = [];
  let included = 0;
  let total = 0;
  plan.packages.forEach((p, i) => {
    const n = counts[i] ?? 0;
    if (n === 0) return;
    included += n * p.sms;
    total += n * p.price;
    lines.push({ label: locale === 'ru' ? `Пакет ${p.sms} SMS` : `Package of ${p.sms} SMS`, quantity: n, unitPrice: p.price, amount: n * p.price });
  });
  const overage = Math.max(0, used - included);
  if (overage > 0) {
    lines.push({ label: locale === 'ru' ? 'SMS сверх пакетов' : 'SMS over the packages', quantity: overage, unitPrice: plan.overagePerSms, amount: round2(overage * plan.overagePerSms) });
    total += overage * plan.overagePerSms;
  }
  const choice: PlanChoice = { planId: 'company', packages: plan.packages.map((_, i) => counts[i] ?? 0) };
  return { planId: plan.id, planName: plan.name[locale], choice, included, used, overage, total: round2(total), lines };
}

/** Price per employee for a head count (flat: one bracket prices everyone). */
export function seatBracket(plan: SeatPlan, employees: number): { upTo: number | null; pricePerSeat: number } {
  return plan.brackets.find((b) => b.upTo === null || employees <= b.upTo) ?? plan.brackets[plan.brackets.length - 1]!;
}

function seatCost(plan: SeatPlan, employees: number, used: number, locale: 'ru' | 'en'): Cost {
  const lines: Cost['lines'] = [];
  let total = 0;
  const label = locale === 'ru' ? 'Сотрудники' : 'Employees';
  if (plan.bracketMode === 'flat') {
    const b = seatBracket(plan, employees);
    if (employees > 0) lines.push({ label, quantity: employees, unitPrice: b.pricePerSeat, amount: employees * b.pricePerSeat });
    total += employees * b.pricePerSeat;
  } else {
    let from = 0;
    for (const b of plan.brackets) {
      const to = b.upTo === null ? employees : Math.min(employees, b.upTo);
      if (to > from) {
        lines.push({ label: `${label} ${from + 1}–${to}`, quantity: to - from, unitPrice: b.pricePerSeat, amount: (to - from) * b.pricePerSeat });
        total += (to - from) * b.pricePerSeat;
      }
      from = Math.max(from, to);
    }
  }
  const included = employees * plan.smsPerSeat;
  const overage = Math.max(0, used - included);
  if (overage > 0) {
    lines.push({ label: locale === 'ru' ? 'SMS сверх квоты' : 'SMS over the quota', quantity: overage, unitPrice: plan.overagePerSms, amount: round2(overage * plan.overagePerSms) });
    total += overage * plan.overagePerSms;
  }
  return { planId: plan.id, planName: plan.name[locale], choice: { planId: 'employee' }, included, used, overage, total: round2(total), lines };
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * The cheapest stack of packages for a month's usage, overage included: an unbounded knapsack
 * over package sizes in units of their common divisor (1,000 SMS for the seed packages).
 * Ties go to more included SMS (headroom), then to fewer packages.
 */
export function cheapestStack(plan: PackagePlan, used: number): number[] {
  const unit = plan.packages.reduce((g, p) => gcd(g, p.sms), 0);
  const sizes = plan.packages.map((p) => p.sms / unit);
  const maxUnits = Math.ceil(Math.max(used, 0) / unit) + Math.max(...sizes);
  // best[k]: cheapest exact stack of k units; pick[k]: last package added; count[k]: packages.
  const best = new Array<number>(maxUnits + 1).fill(Infinity);
  const pick = new Array<number>(maxUnits + 1).fill(-1);
  const count = new Array<number>(maxUnits + 1).fill(0);
  best[0] = 0;
  for (let k = 1; k <= maxUnits; k++) {
    sizes.forEach((s, i) => {
      if (s > k || best[k - s] === Infinity) return;
      const price = best[k - s]! + plan.packages[i]!.price;
      if (price < best[k]! || (price === best[k]! && count[k - s]! + 1 < count[k]!)) {
        best[k] = price;
        pick[k] = i;
        count[k] = count[k - s]! + 1;
      }
    });
  }
  let bestK = -1;
  let bestTotal = Infinity;
  for (let k = 0; k <= maxUnits; k++) {
    if (best[k] === Infinity || count[k]! < plan.minPackages) continue;
    const total = best[k]! + Math.max(0, used - k * unit) * plan.overagePerSms;
    if (total < bestTotal || (total === bestTotal && k > bestK)) {
      bestTotal = total;
      bestK = k;
    }
  }
  const counts = plan.packages.map(() => 0);
  for (let k = bestK; k > 0; k -= sizes[pick[k]!]!) counts[pick[k]!]! += 1;
  return counts;
}

function findPlan(plans: readonly TariffPlan[], id: string): TariffPlan {
  const plan = plans.find((p) => p.id === id);
  const ids = plans.map((p) => p.id).join(', ');
  if (!plan) throw new TariffError(`There is no tariff "${id}": choose one of ${ids}.`, 'tariff.unknown', { id, ids });
  return plan;
}

/** The month's cost under the chosen plan. */
export function planCost(plans: readonly TariffPlan[], choice: PlanChoice, usage: MonthUsage, locale: 'ru' | 'en' = 'ru'): Cost {
  const plan = findPlan(plans, choice.planId);
  if (plan.kind === 'packages') return packageCost(plan, choice.planId === 'company' ? choice.packages : [], usage.used, locale);
  return seatCost(plan, usage.employees, usage.used, locale);
}

/** Every plan at its cheapest for this usage, cheapest first: the advisor. */
export function advise(plans: readonly TariffPlan[], usage: MonthUsage, locale: 'ru' | 'en' = 'ru'): Cost[] {
  return plans
    .map((plan) =>
      plan.kind === 'packages'
        ? packageCost(plan, cheapestStack(plan, usage.used), usage.used, locale)
        : seatCost(plan, usage.employees, usage.used, locale),
    )
    .sort((a, b) => a.total - b.total);
}

export type QuotaLevel = 0 | 80 | 100;

/** How much of the included SMS is used, and the alarm level reached (80 % and 100 %). */
export function quotaLevel(used: number, included: number): { percent: number; level: QuotaLevel } {
  if (included <= 0) return { percent: used > 0 ? 100 : 0, level: used > 0 ? 100 : 0 };
  const percent = Math.round((used / included) * 1000) / 10;
  return { percent, level: used >= included ? 100 : used >= 0.8 * included ? 80 : 0 };
}

/** The alarm levels crossed since the last one raised (e.g. from 0 straight to 100: both). */
export function alarmsToRaise(lastRaised: QuotaLevel, now: QuotaLevel): (80 | 100)[] {
  return ([80, 100] as const).filter((l) => l > lastRaised && l <= now);
}
