// The seed tariffs, as data. Change prices, packages or brackets here — no code branches on them.
// Amounts are in roubles per month; SMS are counted in segments (a 2-part SMS is 2).
import type { TariffPlan } from './tariffs.js';

export const TARIFF_PLANS: readonly TariffPlan[] = [
  {
    id: 'company',
    kind: 'packages',
    name: { ru: 'Компания', en: 'Company' },
    // Stackable: any number of each package in a month; their SMS add up.
    packages: [
      { sms: 3_000, price: 1_500 },
      { sms: 5_000, price: 2_000 },
      { sms: 10_000, price: 3_500 },
      { sms: 15_000, price: 4_500 },
    ],
    // The plan is a subscription: at least one package is paid every month.
    minPackages: 1,
    overagePerSms: 1,
    billed: ['out'],
  },
  {
    id: 'employee',
    kind: 'seats',
    name: { ru: 'Сотрудник', en: 'Per employee' },
    // `upTo` is inclusive; the last bracket has no upper bound.
    brackets: [
      { upTo: 10, pricePerSeat: 150 },
      { upTo: 50, pricePerSeat: 100 },
      { upTo: 250, pricePerSeat: 90 },
      { upTo: null, pricePerSeat: 80 },
    ],
    // 'flat': the bracket the head count falls in prices every employee (251 × 80 ₽), as price
    // lists of this kind are read. 'graduated' would price the first 10 at 150, the next 40 at 100…
    bracketMode: 'flat',
    smsPerSeat: 300,
    overagePerSms: 1,
    billed: ['out'],
  },
];
