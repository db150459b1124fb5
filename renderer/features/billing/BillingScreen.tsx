// What a month costs (issue 7 item 5): the plan's SMS used (with the 80%/100% alarms), usage in
// and out by carrier and by user, the cost under the chosen plan, the advisor's cheaper plan
// with the saving, a chart by day, and for administrators the choice of plan. Months are the
// desk's local calendar months (its time zone is sent along).
import { useCallback, useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { BillingSummary } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import { localTimeZone } from '../history/format.js';
import { CostLines } from './CostCard.js';
import { DailyChart } from './DailyChart.js';
import { rub, thisMonth } from './money.js';
import { PlanChoice } from './PlanChoice.js';
import { QuotaBar } from './QuotaBar.js';
import { UsageTables } from './UsageTables.js';
import { billingTestIds as ids } from './testids.js';

export function BillingScreen() {
  const t = useT();
  const station = useStation();
  const { locale, isAdmin, quotaAlarm, acknowledge } = useAppStore(
    useShallow((s) => ({ locale: s.prefs.locale, isAdmin: s.session.user?.role === 'admin', quotaAlarm: s.records.quota, acknowledge: s.quotaAcknowledged })),
  );
  const [month, setMonth] = useState(thisMonth);
  const [summary, setSummary] = useState<BillingSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const timeZone = localTimeZone();
      setSummary(await station.request!('billing.summary', { ...(month ? { month } : {}), ...(timeZone ? { timeZone } : {}) }));
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setLoading(false);
    }
    // The locale too: tariff names and plan lines come in the desk's language.
  }, [station, month, locale]);
  useEffect(() => {
    void load();
  }, [load]);
  // A fresh alarm means usage moved: show the figures it speaks of.
  useEffect(() => {
    if (quotaAlarm) void load();
  }, [quotaAlarm, load]);

  const s = summary;
  const saving = s ? Math.round((s.current.total - s.cheapest.total) * 100) / 100 : 0;
  return (
    <div className="billing-screen" aria-busy={loading}>
      <div className="billing-top">
        <label className="field">
          <span>{t('billing.month')}</span>
          <input type="month" value={month} max={thisMonth()} onChange={(e) => setMonth(e.target.value)} data-testid={ids.month} />
        </label>
        <button type="button" className="button" disabled={loading} onClick={() => void load()}>
          {t('billing.refresh')}
        </button>
        {quotaAlarm ? (
          <p className={quotaAlarm.level === 100 ? 'form-error' : 'billing-warn'} role="alert">
            {t(quotaAlarm.level === 100 ? 'billing.alarm.full' : 'billing.alarm.near', {
              month: quotaAlarm.month,
              used: quotaAlarm.used,
              included: quotaAlarm.included,
            })}{' '}
            <button type="button" className="button small" onClick={acknowledge}>
              {t('billing.alarm.ok')}
            </button>
          </p>
        ) : null}
      </div>
      {error ? (
        <p className="form-error" role="alert" data-testid={ids.error}>
          {error}
        </p>
      ) : null}
      {s ? (
        <>
          <QuotaBar quota={s.quota} />
          <div className="billing-grid-2">
            <section aria-labelledby="billing-cost-heading" className="billing-card" data-testid={ids.current} data-total={s.current.total}>
              <h3 id="billing-cost-heading">{t('billing.cost.heading', { plan: s.current.planName, total: rub(locale, s.current.total) })}</h3>
              <CostLines cost={s.current} />
              {saving > 0 ? (
                <div className="billing-advice" role="note" data-testid={ids.advice} data-saving={saving}>
                  <p>
                    <strong>{t('billing.advice.cheaper', { plan: s.cheapest.planName, total: rub(locale, s.cheapest.total), saving: rub(locale, saving) })}</strong>
                  </p>
                  <CostLines cost={s.cheapest} />
                </div>
              ) : (
                <p className="muted">{t('billing.advice.best')}</p>
              )}
            </section>
            <section aria-labelledby="billing-usage-heading" className="billing-card">
              <h3 id="billing-usage-heading">{t('billing.usage.heading', { employees: s.employees })}</h3>
              <p data-testid={ids.usageOut} data-segments={s.usage.out.segments}>
                {t('billing.usage.out', { segments: s.usage.out.segments, messages: s.usage.out.messages })}
              </p>
              <p data-testid={ids.usageIn} data-segments={s.usage.in.segments}>
                {t('billing.usage.in', { segments: s.usage.in.segments, messages: s.usage.in.messages })}
              </p>
              <DailyChart daily={s.daily} />
            </section>
          </div>
          <UsageTables usage={s.usage} />
          {isAdmin ? <PlanChoice key={`${s.month}:${JSON.stringify(s.current.choice)}`} summary={s} onSaved={() => void load()} /> : null}
        </>
      ) : loading ? (
        <p className="muted">{t('billing.loading')}</p>
      ) : null}
    </div>
  );
}
