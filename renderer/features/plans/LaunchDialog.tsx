// Launching a plan: its fields (the first focused, Enter launches), a live preview of the text,
// who is on duty right now, the SMS count and cost as the fields fill, refusals in words, and a
// drill switch that marks every SMS. The launch goes to the station once per click (clientRef).
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { LaunchPreview, LaunchResult, PlanView } from '../../../shared/protocol/index.js';
import { templateFields } from '../../../shared/plans/template.js';
import { useT } from '../../app/i18n/index.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import { Modal } from '../../ui/Modal.js';
import { DutyPeople } from './DutyPeople.js';
import { plansTestIds as ids } from './testids.js';

function newRef(): string {
  return `plan-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export function LaunchDialog(props: { planId: number; onClose: () => void }) {
  const t = useT();
  const station = useStation();
  const plan = useAppStore((s) => s.plans.list?.find((p) => p.id === props.planId));
  const [values, setValues] = useState<Record<string, string>>({});
  const [drill, setDrill] = useState(false);
  const [preview, setPreview] = useState<LaunchPreview | null>(null);
  const [result, setResult] = useState<LaunchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  const ref = useRef(newRef());
  const fields = useMemo(() => (plan ? templateFields(plan.text) : []), [plan]);

  // Preview on every change, a little after typing stops; only the latest answer counts.
  useEffect(() => {
    if (!plan || !station.request) return;
    let live = true;
    const timer = setTimeout(() => {
      station.request!('plans.preview', { planId: plan.id, fields: values, drill }).then(
        (p) => live && (setPreview(p), setError(null)),
        (e: Error) => live && setError(e.message),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [plan, values, drill, station]);

  // After a launch, focus moves to Close, so Enter or Escape ends the dialog.
  useEffect(() => {
    if (result) close.current?.focus();
  }, [result]);

  if (!plan) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || result) return;
    setBusy(true);
    setError(null);
    try {
      const r = await station.request!('plans.launch', { planId: plan.id, fields: values, drill, clientRef: ref.current });
      setResult(r);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const missing = preview?.missing ?? fields;
  return (
    <Modal title={t('plans.launch.title', { name: plan.name })} testId={ids.dialog} onClose={props.onClose} initialFocus={first}>
      <form className="plan-launch" onSubmit={submit}>
        {fields.map((name, i) => (
          <FieldInput key={name} plan={plan} name={name} value={values[name] ?? ''} inputRef={i === 0 ? first : undefined} disabled={result !== null}
            onChange={(v) => setValues((old) => ({ ...old, [name]: v }))} />
        ))}
        <label className="plan-drill">
          <input type="checkbox" checked={drill} disabled={result !== null} onChange={(e) => setDrill(e.target.checked)} data-testid={ids.drill} />
          {t('plans.launch.drill')}
        </label>
        <div className="plan-preview" data-testid={ids.preview} aria-live="polite">
          <p className="plan-text">{preview?.text ?? plan.text}</p>
          <p className="plan-figures">
            <span data-testid={ids.smsTotal} data-count={preview?.smsTotal ?? ''}>
              {t('plans.launch.sms', { recipients: preview?.recipients ?? 0, segments: preview?.segments ?? 0, total: preview?.smsTotal ?? 0 })}
            </span>
            {' · '}
            <span data-testid={ids.cost}>{preview?.cost === null || preview === null ? '…' : t('plans.launch.cost', { cost: preview.cost })}</span>
          </p>
          {preview && preview.onDuty.length > 0 ? (
            <div data-testid={ids.onDuty}>
              {preview.onDuty.map((d) => (
                <p key={`${d.groupId}:${d.role}`} className="plan-duty">
                  <strong>{t('plans.duty.now', { group: d.groupName, role: d.role })}</strong> <DutyPeople people={d.people} />
                </p>
              ))}
            </div>
          ) : null}
          {preview && preview.refused.length > 0 ? (
            <ul className="plan-refused" data-testid={ids.refused}>
              {preview.refused.map((r, i) => (
                <li key={i}>{`${r.target}: ${r.reason}`}</li>
              ))}
            </ul>
          ) : null}
        </div>
        {error ? <p className="error" role="alert">{error}</p> : null}
        {result ? (
          <p className={result.broadcastId ? 'plan-result ok' : 'plan-result refused'} role="status" data-testid={ids.result} data-broadcast={result.broadcastId ?? ''}>
            {result.broadcastId
              ? t('plans.launch.done', { id: result.broadcastId, recipients: result.recipients })
              : t('plans.launch.nothing', { reasons: result.refused.map((r) => r.reason).join(' ') })}
          </p>
        ) : null}
        <div className="plan-actions">
          {result ? (
            <button type="button" className="button" ref={close} onClick={props.onClose} data-testid={ids.close}>{t('plans.launch.close')}</button>
          ) : (
            <>
              <button type="button" className="button ghost" onClick={props.onClose}>{t('plans.launch.cancel')}</button>
              <button type="submit" className={`button primary ${drill ? 'drill' : 'danger'}`} disabled={busy || missing.length > 0} data-testid={ids.submit}>
                {busy ? t('plans.launch.sending') : drill ? t('plans.launch.submitDrill') : t('plans.launch.submit')}
              </button>
            </>
          )}
        </div>
      </form>
    </Modal>
  );
}

function FieldInput(props: { plan: PlanView; name: string; value: string; disabled: boolean; inputRef?: React.RefObject<HTMLInputElement | null> | undefined; onChange: (v: string) => void }) {
  const setting = props.plan.fields.find((f) => f.name === props.name);
  const listId = `plan-${props.plan.id}-${props.name}-choices`;
  return (
    <label className="plan-field">
      <span className="plan-field-name">{props.name}{setting?.required === false ? '' : ' *'}</span>
      <input
        ref={props.inputRef}
        value={props.value}
        placeholder={setting?.default ?? ''}
        disabled={props.disabled}
        list={setting?.choices?.length ? listId : undefined}
        onChange={(e) => props.onChange(e.target.value)}
        data-testid={plansTestIds(props.name)}
      />
      {setting?.choices?.length ? (
        <datalist id={listId}>
          {setting.choices.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      ) : null}
    </label>
  );
}

const plansTestIds = (name: string) => ids.field(name);
