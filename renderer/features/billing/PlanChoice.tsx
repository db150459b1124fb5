// The administrator's choice of plan for the month ahead, among each plan at its cheapest for
// this month's usage (the advisor's options). The renderer never prices anything itself:
// tariffs are the station's data, so what is offered here is what the station computed.
import { useState } from 'react';
import type { BillingSummary, PlanChoice as Choice } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import { useConfirm } from '../../ui/ConfirmDialog.js';
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
  const { ask, dialog } = useConfirm({ dialog: ids.planConfirm, ok: ids.planConfirmOk, cancel: ids.planConfirmCancel, error: ids.planConfirmError });
  const current = options.find((o) => same(o.choice, props.summary.current.choice));
  // A tariff changes every bill from now on: said in figures and asked before it is stored.
  const save = () => {
    const option = options[picked];
    if (!option) return;
    ask({
      title: t('billing.plan.confirmTitle', { plan: option.planName }),
      body: (
        <>
          <p>
            {t('billing.plan.confirmFrom', {
              from: current ? `${current.planName} — ${rub(locale, current.total)}` : props.summary.current.planName,
              to: `${option.planName} — ${rub(locale, option.total)}`,
            })}
          </p>
          <p className="muted">{describe(option) || t('billing.plan.noLines')}</p>
          <p className="muted">{t('billing.plan.confirmNote')}</p>
        </>
      ),
      confirmLabel: t('billing.plan.apply'),
      run: async () => {
        setState('saving');
        setError(null);
        try {
          await station.request!('billing.setPlan', { plan: option.choice });
        } catch (e) {
          setError(messageOf(e));
          setState('idle');
          throw e;
        }
        setState('saved');
        props.onSaved();
      },
      done: t('billing.plan.saved'),
    });
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
          onClick={save}
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
      {dialog}
    </fieldset>
  );
}
