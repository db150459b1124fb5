import { describe, expect, it } from 'vitest';
import { TARIFF_PLANS } from '../../main/station/domain/tariff-plans.js';
import { advise, alarmsToRaise, cheapestStack, planCost, quotaLevel, type PackagePlan, type SeatPlan } from '../../main/station/domain/tariffs.js';

const company = TARIFF_PLANS.find((p) => p.id === 'company') as PackagePlan;
const employee = TARIFF_PLANS.find((p) => p.id === 'employee') as SeatPlan;
const perEmployee = (employees: number, used = 0) => planCost(TARIFF_PLANS, { planId: 'employee' }, { employees, used }).total;
const withPackages = (packages: number[], used: number) => planCost(TARIFF_PLANS, { planId: 'company', packages }, { employees: 0, used }).total;

describe('tariff "Сотрудник" (flat by bracket)', () => {
  it.each([
    [1, 150],
    [10, 1_500], // 10 × 150
    [11, 1_100], // 11 × 100
    [50, 5_000], // 50 × 100
    [51, 4_590], // 51 × 90
    [250, 22_500], // 250 × 90
    [251, 20_080], // 251 × 80
  ])('%i employees cost %i ₽ within the quota', (employees, total) => {
    expect(perEmployee(employees, employees * 300)).toBe(total);
  });

  it('pools 300 SMS per employee and charges 1 ₽ for each one over', () => {
    const at = planCost(TARIFF_PLANS, { planId: 'employee' }, { employees: 11, used: 3_300 });
    expect(at).toMatchObject({ included: 3_300, overage: 0, total: 1_100 });
    expect(perEmployee(11, 3_301)).toBe(1_101);
  });

  it('can price graduated brackets when the data says so', () => {
    const graduated = [{ ...employee, bracketMode: 'graduated' as const }];
    const cost = (n: number) => planCost(graduated, { planId: 'employee' }, { employees: n, used: 0 }).total;
    expect(cost(10)).toBe(1_500);
    expect(cost(11)).toBe(1_600); // 10 × 150 + 1 × 100
    expect(cost(51)).toBe(1_500 + 4_000 + 90);
    expect(cost(251)).toBe(1_500 + 4_000 + 18_000 + 80);
  });
});

describe('tariff "Компания" (stackable packages)', () => {
  it.each([
    [[1, 0, 0, 0], 3_000, 1_500],
    [[1, 0, 0, 0], 3_001, 1_501],
    [[0, 1, 0, 0], 5_000, 2_000],
    [[0, 1, 0, 0], 5_001, 2_001],
    [[0, 0, 1, 0], 10_000, 3_500],
    [[0, 0, 1, 0], 10_001, 3_501],
    [[0, 0, 0, 1], 15_000, 4_500],
    [[0, 0, 0, 1], 15_001, 4_501],
    [[1, 1, 0, 0], 8_000, 3_500],
    [[1, 1, 0, 0], 8_001, 3_501],
  ])('packages %j with %i SMS cost %i ₽', (packages, used, total) => {
    expect(withPackages(packages, used)).toBe(total);
  });

  it('lists what the month is made of', () => {
    expect(planCost(TARIFF_PLANS, { planId: 'company', packages: [2, 0, 0, 0] }, { employees: 0, used: 6_010 }, 'en').lines).toEqual([
      { label: 'Package of 3000 SMS', quantity: 2, unitPrice: 1_500, amount: 3_000 },
      { label: 'SMS over the packages', quantity: 10, unitPrice: 1, amount: 10 },
    ]);
  });

  it('refuses a package choice that is not whole numbers', () => {
    expect(() => withPackages([0.5], 0)).toThrow(/whole numbers/);
  });
});

describe('advisor', () => {
  it.each([
    [0, [1, 0, 0, 0], 1_500], // a subscription: one package at least
    [3_000, [1, 0, 0, 0], 1_500],
    [3_001, [1, 0, 0, 0], 1_501], // one over: overage beats a bigger package
    [3_600, [0, 1, 0, 0], 2_000], // 1,500 + 600 > 2,000
    [5_000, [0, 1, 0, 0], 2_000],
    [5_001, [0, 1, 0, 0], 2_001],
    [8_000, [0, 0, 1, 0], 3_500], // 3,000 + 5,000 ties at 3,500: the 10,000 package leaves headroom
    [10_000, [0, 0, 1, 0], 3_500],
    [15_000, [0, 0, 0, 1], 4_500],
    [16_000, [0, 0, 0, 1], 5_500],
    [18_000, [1, 0, 0, 1], 6_000],
    [30_000, [0, 0, 0, 2], 9_000],
  ])('covers %i SMS with packages %j for %i ₽', (used, stack, total) => {
    expect(cheapestStack(company, used)).toEqual(stack);
    expect(withPackages(stack, used)).toBe(total);
  });

  it('prefers more included SMS among stacks of equal price', () => {
    expect(cheapestStack(company, 8_000)).toEqual([0, 0, 1, 0]);
  });

  it('compares the plans for the month and puts the cheaper first', () => {
    // 20 employees, 6,000 SMS: Сотрудник 20 × 100 = 2,000 (6,000 included) vs Компания 5,000 + 1,000 over = 3,000.
    const [best, other] = advise(TARIFF_PLANS, { employees: 20, used: 6_000 });
    expect([best!.planId, best!.total, other!.planId, other!.total]).toEqual(['employee', 2_000, 'company', 3_000]);
    // 300 employees who barely write: 24,000 ₽ vs one 3,000 package.
    expect(advise(TARIFF_PLANS, { employees: 300, used: 1_000 })[0]).toMatchObject({ planId: 'company', total: 1_500 });
  });
});

describe('quota alarms', () => {
  it('rises at 80 % and at 100 %', () => {
    expect(quotaLevel(2_399, 3_000)).toEqual({ percent: 80, level: 0 });
    expect(quotaLevel(2_400, 3_000)).toEqual({ percent: 80, level: 80 });
    expect(quotaLevel(2_999, 3_000).level).toBe(80);
    expect(quotaLevel(3_000, 3_000)).toEqual({ percent: 100, level: 100 });
    expect(quotaLevel(1, 0).level).toBe(100);
  });

  it('raises each level once, both when usage jumps past them', () => {
    expect(alarmsToRaise(0, 0)).toEqual([]);
    expect(alarmsToRaise(0, 80)).toEqual([80]);
    expect(alarmsToRaise(80, 80)).toEqual([]);
    expect(alarmsToRaise(0, 100)).toEqual([80, 100]);
    expect(alarmsToRaise(80, 100)).toEqual([100]);
  });
});
