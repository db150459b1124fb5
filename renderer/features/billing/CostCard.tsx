// A month's cost under one plan: the lines (packages or employees, SMS over the quota) and the total.
import type { Cost } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { useAppStore } from '../../app/store.js';
import { rub } from './money.js';

export function CostLines(props: { cost: Cost }) {
  const t = useT();
  const locale = useAppStore((s) => s.prefs.locale);
  const c = props.cost;
  return (
    <table className="billing-lines">
      <caption className="visually-hidden">{t('billing.cost.caption', { plan: c.planName })}</caption>
      <tbody>
        {c.lines.map((l, i) => (
          <tr key={i}>
            <th scope="row">{l.label}</th>
            <td className="num">
              {l.quantity} × {rub(locale, l.unitPrice)}
            </td>
            <td className="num">{rub(locale, l.amount)}</td>
          </tr>
        ))}
        <tr className="billing-total">
          <th scope="row">{t('billing.cost.total')}</th>
          <td className="num muted">{t('billing.cost.included', { included: c.included })}</td>
          <td className="num">{rub(locale, c.total)}</td>
        </tr>
      </tbody>
    </table>
  );
}
