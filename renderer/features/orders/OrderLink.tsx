// "Order #4711": opens the order's thread. On board rows of an order and on feed items that
// quote a number.
import { useT } from '../../app/i18n/index.js';
import { useAppStore } from '../../app/store.js';
import { ordersTestIds } from './testids.js';

export function OrderLink(props: { code: string }) {
  const t = useT();
  const open = useAppStore((s) => s.openOrder);
  return (
    <button
      type="button"
      className="button small ghost order-link"
      aria-label={t('orders.openLabel', { code: props.code })}
      onClick={() => open(props.code)}
      data-testid={ordersTestIds.link(props.code)}
    >
      {t('orders.open', { code: props.code })}
    </button>
  );
}
