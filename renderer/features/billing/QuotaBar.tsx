// The plan's included SMS as a bar: calm below 80%, amber from 80%, red at 100% and past it
// (then every SMS costs extra). The word says it too; the colour only repeats it.
import type { BillingSummary } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { billingTestIds as ids } from './testids.js';

export function QuotaBar(props: { quota: BillingSummary['quota'] }) {
  const t = useT();
  const q = props.quota;
  const shown = Math.min(100, Math.max(0, q.percent));
  return (
    <div className={`billing-quota quota-${q.level}`}>
      <div className="billing-quota-label">
        <span id="billing-quota-label">{t('billing.quota.label')}</span>
        <span>{t('billing.quota.figures', { used: q.used, included: q.included, percent: Math.round(q.percent) })}</span>
      </div>
      <div
        className="billing-quota-track"
        role="progressbar"
        aria-labelledby="billing-quota-label"
        aria-valuemin={0}
        aria-valuemax={q.included}
        aria-valuenow={Math.min(q.used, q.included)}
        aria-valuetext={t('billing.quota.figures', { used: q.used, included: q.included, percent: Math.round(q.percent) })}
        data-testid={ids.quota}
        data-level={q.level}
      >
        <div className="billing-quota-fill" style={{ width: `${shown}%` }} />
        <div className="billing-quota-mark" style={{ left: '80%' }} aria-hidden="true" />
      </div>
      {q.level > 0 ? (
        <p className={q.level === 100 ? 'form-error' : 'billing-warn'} role="alert" data-testid={ids.quotaAlarm}>
          {t(q.level === 100 ? 'billing.quota.full' : 'billing.quota.near')}
        </p>
      ) : null}
    </div>
  );
}
