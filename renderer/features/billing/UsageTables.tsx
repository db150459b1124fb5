// Usage by carrier (in and out) and by user (out: who sent what), in segments and messages.
import type { BillingSummary } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { useAppStore } from '../../app/store.js';
import { billingTestIds as ids } from './testids.js';

export function UsageTables(props: { usage: BillingSummary['usage'] }) {
  const t = useT();
  const carriers = useAppStore((s) => s.carriers);
  const carrierName = (id: string | null) => (id === null ? t('billing.carrier.none') : (carriers.find((c) => c.id === id)?.name ?? id));
  const u = props.usage;
  return (
    <div className="billing-grid-2">
      <table className="billing-table" data-testid={ids.byCarrier}>
        <caption>{t('billing.byCarrier')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('billing.col.carrier')}</th>
            <th scope="col" className="num">{t('billing.col.out')}</th>
            <th scope="col" className="num">{t('billing.col.in')}</th>
          </tr>
        </thead>
        <tbody>
          {u.byCarrier.length === 0 ? (
            <tr>
              <td colSpan={3} className="muted">{t('billing.none')}</td>
            </tr>
          ) : (
            u.byCarrier.map((c) => (
              <tr key={c.carrierId ?? ''}>
                <th scope="row">{carrierName(c.carrierId)}</th>
                <td className="num">{t('billing.cell', { segments: c.out.segments, messages: c.out.messages })}</td>
                <td className="num">{t('billing.cell', { segments: c.in.segments, messages: c.in.messages })}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <table className="billing-table" data-testid={ids.byUser}>
        <caption>{t('billing.byUser')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('billing.col.user')}</th>
            <th scope="col" className="num">{t('billing.col.out')}</th>
          </tr>
        </thead>
        <tbody>
          {u.byUser.length === 0 ? (
            <tr>
              <td colSpan={2} className="muted">{t('billing.none')}</td>
            </tr>
          ) : (
            u.byUser.map((x) => (
              <tr key={x.userId ?? ''}>
                <th scope="row">{x.userName ?? t('billing.user.system')}</th>
                <td className="num">{t('billing.cell', { segments: x.out.segments, messages: x.out.messages })}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
