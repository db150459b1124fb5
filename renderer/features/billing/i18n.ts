// Strings of the billing tab (usage, cost, advisor, quota, plan), merged into ru.ts / en.ts.
export const billingRu = {
  'billing.heading': 'Расходы и тариф',
  'billing.badge': 'квота {level}%',
};

export const billingEn: { [K in keyof typeof billingRu]: (typeof billingRu)[K] extends string ? string : { one: string; other: string } } = {
  'billing.heading': 'Costs and plan',
  'billing.badge': 'quota {level}%',
};
