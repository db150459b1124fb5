// Usage, cost and plan in the dock (issue 7 item 5). A quota alarm pushed by the station shows
// on the panel's tab at once, folded or not: 80% and 100% must be seen by whoever is at the
// desk, not only by someone who happens to open billing.
import { useT } from '../../app/i18n/index.js';
import { useAppStore } from '../../app/store.js';
import { RecordsPanel } from '../history/RecordsPanel.js';
import { BillingScreen } from './BillingScreen.js';
import { billingTestIds as ids } from './testids.js';
import './billing.css';

function QuotaBadge() {
  const t = useT();
  const quota = useAppStore((s) => s.records.quota);
  if (!quota) return null;
  return (
    <span className={`billing-badge quota-${quota.level}`} role="status" data-testid={ids.quotaBadge} data-level={quota.level}>
      {t('billing.badge', { level: quota.level })}
    </span>
  );
}

export function BillingPanel() {
  const t = useT();
  return (
    <RecordsPanel tab="billing" heading={t('billing.heading')} badge={<QuotaBadge />} testId={ids.panel}>
      {() => <BillingScreen />}
    </RecordsPanel>
  );
}
