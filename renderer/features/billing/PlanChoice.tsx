// The administrator's choice of plan for the month ahead, among each plan at its cheapest for
// this month's usage (the advisor's options). The renderer never prices anything itself:
// tariffs are the station's data, so what is offered here is what the station computed.
import { useState } from 'react';
import type { BillingSummary, PlanChoice as Choice } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import { rub } from './money.js';
import { billingTestIds as ids } from './testids.js';

const same = (a: Choice, b: Choice) => JSON.stringify(a) === JSON.stringify(b);

/** "Пакет 5000 SMS × 2" from a cost's lines; the overage line (always last) is left out. */
function describe(option: BillingSummary['options'][number]): string {
  return option.lines
    .slice(0, option.overage > 0 ? -1 : undefined)
    .map((l) => (l.quantity > 1 ? `${l.label} × ${l.quantity}` : l.label))
    .join(', ');
}

export function PlanChoice(props: { summary: BillingSummary; onSaved(): void }) {
  const t = useT();
  const station = useStation();
  const locale = useAppStore((s) => s.prefs.locale);
  const options = props.summary.options;
  const [picked, setPicked] = useState(() => Math.max(0, options.findIndex((o) => same(o.choice, props.summary.current.choice))));
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    const option = options[picked];
    if (!option) return;
    setState('saving');
    setError(null);
    try {
      await station.request!('billing.setPlan', { plan: option.choice });
      setState('saved');
      props.onSaved();
    } catch (e) {
      setError(messageOf(e));
      setState('idle');
    }
  };
  return (
    <fieldset className="billing-plan">
      <legend>{t('billing.plan.legend')}</legend>
      {options.map((o, i) => (
        <label key={i} className="billing-plan-option">
          <input type="radio" name="billing-plan" checked={picked === i} onChange={() => setPicked(i)} data-testid={ids.plan(i)} />
          <span>
            <strong>{o.planName}</strong> — {rub(locale, o.total)}
            {same(o.choice, props.summary.current.choice) ? <span className="muted"> {t('billing.plan.current')}</span> : null}
            <br />
            <span className="muted">{describe(o) || t('billing.plan.noLines')}</span>
          </span>
        </label>
      ))}
      <div className="billing-plan-actions">
        <button
          type="button"
          className="button primary"
          disabled={state === 'saving' || !options[picked] || same(options[picked]!.choice, props.summary.current.choice)}
          onClick={() => void save()}
          data-testid={ids.applyPlan}
        >
          {t('billing.plan.apply')}
        </button>
        {state === 'saved' ? (
          <span role="status" data-testid={ids.planSaved}>
            {t('billing.plan.saved')}
          </span>
        ) : null}
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
