// Stable hooks for end-to-end tests of the billing screen.
export const billingTestIds = {
  panel: 'billing-panel',
  /** In the panel's tab while a quota alarm is unacknowledged; data-level="80|100". */
  quotaBadge: 'billing-quota-badge',
  month: 'billing-month',
  error: 'billing-error',
  /** data-segments on each. */
  usageOut: 'billing-usage-out',
  usageIn: 'billing-usage-in',
  byCarrier: 'billing-by-carrier',
  byUser: 'billing-by-user',
  /** data-total: the month's cost under the chosen plan. */
  current: 'billing-current',
  /** Shown when another plan is cheaper; data-saving. */
  advice: 'billing-advice',
  /** role="progressbar"; data-level="0|80|100". */
  quota: 'billing-quota',
  quotaAlarm: 'billing-quota-alarm',
  chart: 'billing-chart',
  plan: (index: number) => `billing-plan-${index}`,
  applyPlan: 'billing-apply-plan',
  planSaved: 'billing-plan-saved',
  /** Switching the plan asks first, with the month's figures under both plans. */
  planConfirm: 'billing-plan-confirm',
  planConfirmOk: 'billing-plan-confirm-ok',
  planConfirmCancel: 'billing-plan-confirm-cancel',
  planConfirmError: 'billing-plan-confirm-error',
} as const;
