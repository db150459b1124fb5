// Editing one alert plan: code and name, the text with its {fields} (each may be optional, have
// a default or a list of values), the kind and the wait, the audience (groups, tags, on-call
// roles), the escalation chain step by step, priority, validity, preferred carrier, the reply to
// a call-back, and whether an SMS command may launch it. The station checks everything again.
import { useState } from 'react';
import type { ChainStep, OnCallRef, PlanSpecInput, PlanView } from '../../../shared/protocol/index.js';
import { templateFields } from '../../../shared/plans/template.js';
import { useT } from '../../app/i18n/index.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';

const EMPTY: PlanSpecInput = {
  code: '',
  name: '',
  audience: { groups: [], contacts: [], tags: [], onCall: [] },
  text: '',
  fields: [],
  kind: 'confirm',
  confirm: { afterMinutes: 10, resends: 0 },
  chain: [],
  priority: 'high',
  carrierId: null,
  callReply: null,
  smsCommand: true,
};

const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

export function PlanEditor(props: { plan: PlanView | null; readOnly: boolean; onDone: () => void }) {
  const t = useT();
  const station = useStation();
  const groups = useAppStore((s) => s.directory.groups);
  const carriers = useAppStore((s) => s.carriers);
  const loaded = useAppStore((s) => s.plansLoaded);
  const [spec, setSpec] = useState<PlanSpecInput>(() => {
    if (!props.plan) return EMPTY;
    const { id: _i, sort: _s, updatedAt: _u, ...rest } = props.plan;
    return rest;
  });
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<PlanSpecInput>) => setSpec((s) => ({ ...s, ...patch }));
  const audience = { groups: [], contacts: [], tags: [], onCall: [], ...spec.audience };
  const setAudience = (patch: Partial<typeof audience>) => set({ audience: { ...audience, ...patch } });
  const fields = templateFields(spec.text);
  const fieldSetting = (name: string) => spec.fields?.find((f) => f.name === name) ?? { name, required: true };
  const setField = (name: string, patch: Record<string, unknown>) =>
    set({ fields: [...(spec.fields ?? []).filter((f) => f.name !== name && fields.includes(f.name)), { ...fieldSetting(name), ...patch }] });
  const chain = spec.chain ?? [];
  const setStep = (i: number, step: ChainStep | null) => set({ chain: step ? chain.map((s, j) => (j === i ? step : s)) : chain.filter((_, j) => j !== i) });

  const save = async () => {
    setError(null);
    try {
      const r = await station.request!('plans.save', { ...spec, ...(props.plan ? { id: props.plan.id } : {}) });
      loaded(r.plans);
      props.onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const remove = async () => {
    if (!props.plan) return;
    try {
      loaded((await station.request!('plans.delete', { id: props.plan.id })).plans);
      props.onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <form className="plan-editor" onSubmit={(e) => (e.preventDefault(), void save())}>
      <fieldset disabled={props.readOnly}>
        <legend>{props.plan ? t('plans.editor.edit', { name: props.plan.name }) : t('plans.editor.new')}</legend>
        <div className="plans-row">
          <label>{t('plans.col.code')} <input value={spec.code} onChange={(e) => set({ code: e.target.value })} size={10} required /></label>
          <label className="grow">{t('plans.col.name')} <input value={spec.name} onChange={(e) => set({ name: e.target.value })} required /></label>
        </div>
        <label className="block">
          {t('plans.editor.text')}
          <textarea value={spec.text} rows={2} onChange={(e) => set({ text: e.target.value })} placeholder={t('plans.editor.textHint')} required />
        </label>
        {fields.map((name) => {
          const f = fieldSetting(name);
          return (
            <div key={name} className="plans-row plan-field-settings">
              <strong>{`{${name}}`}</strong>
              <label><input type="checkbox" checked={f.required !== false} onChange={(e) => setField(name, { required: e.target.checked })} /> {t('plans.editor.required')}</label>
              <label>{t('plans.editor.default')} <input value={f.default ?? ''} onChange={(e) => setField(name, { default: e.target.value || undefined })} /></label>
              <label className="grow">{t('plans.editor.choices')} <input value={(f.choices ?? []).join(', ')} onChange={(e) => setField(name, { choices: list(e.target.value).length ? list(e.target.value) : undefined })} /></label>
            </div>
          );
        })}
        <div className="plans-row">
          <label>
            {t('plans.col.kind')}{' '}
            <select value={spec.kind ?? 'confirm'} onChange={(e) => set({ kind: e.target.value as PlanSpecInput['kind'] })}>
              {(['confirm', 'plain', 'poll'] as const).map((k) => (
                <option key={k} value={k}>{t(`plans.kind.${k}`)}</option>
              ))}
            </select>
          </label>
          {spec.kind === 'poll' ? (
            <label className="grow">{t('plans.editor.options')} <input value={(spec.options ?? []).join(', ')} onChange={(e) => set({ options: list(e.target.value) })} /></label>
          ) : null}
          {spec.kind === 'confirm' || spec.kind === undefined ? (
            <>
              <label>{t('plans.editor.wait')} <input type="number" min={0.5} step={0.5} value={spec.confirm?.afterMinutes ?? ''} onChange={(e) => set({ confirm: e.target.value ? { afterMinutes: Number(e.target.value), resends: spec.confirm?.resends ?? 0 } : undefined })} /></label>
              <label>{t('plans.editor.resends')} <input type="number" min={0} max={5} value={spec.confirm?.resends ?? 0} onChange={(e) => set({ confirm: { afterMinutes: spec.confirm?.afterMinutes ?? 10, resends: Number(e.target.value) } })} /></label>
            </>
          ) : null}
          <label>
            {t('plans.editor.priority')}{' '}
            <select value={spec.priority ?? 'high'} onChange={(e) => set({ priority: e.target.value as 'high' })}>
              {(['high', 'normal', 'low'] as const).map((p) => (
                <option key={p} value={p}>{t(`plans.priority.${p}`)}</option>
              ))}
            </select>
          </label>
          <label>{t('plans.editor.valid')} <input type="number" min={1} value={spec.validMinutes ?? ''} onChange={(e) => set({ validMinutes: e.target.value ? Number(e.target.value) : undefined })} /></label>
        </div>
        <fieldset className="plan-audience">
          <legend>{t('plans.editor.audience')}</legend>
          <GroupPicker groups={groups} value={audience.groups} onChange={(g) => setAudience({ groups: g })} label={t('plans.editor.groups')} />
          <label className="block">{t('plans.editor.tags')} <input value={audience.tags.join(', ')} onChange={(e) => setAudience({ tags: list(e.target.value).map((x) => x.replace(/^#/, '')) })} /></label>
          <OnCallRows value={audience.onCall} onChange={(onCall) => setAudience({ onCall })} />
        </fieldset>
        <fieldset className="plan-chain">
          <legend>{t('plans.editor.chain')}</legend>
          <ol>
            {chain.map((step, i) => (
              <li key={i} className="plans-row">
                <span>{t(`plans.step.${step.kind}`)}</span>
                {step.kind === 'groups' ? <GroupPicker groups={groups} value={step.groups} onChange={(g) => setStep(i, { kind: 'groups', groups: g })} label={t('plans.editor.groups')} /> : null}
                {step.kind === 'on-call' ? <OnCallRows value={step.onCall} onChange={(onCall) => setStep(i, { kind: 'on-call', onCall })} /> : null}
                {step.kind === 'call' ? (
                  <label>{t('plans.editor.ring')} <input type="number" min={10} max={120} value={step.ringSeconds} onChange={(e) => setStep(i, { kind: 'call', ringSeconds: Number(e.target.value) })} /></label>
                ) : null}
                <button type="button" className="button small ghost" onClick={() => setStep(i, null)}>{t('plans.remove')}</button>
              </li>
            ))}
          </ol>
          <div className="plans-row">
            <button type="button" className="button small" onClick={() => set({ chain: [...chain, { kind: 'call', ringSeconds: 30 }] })}>+ {t('plans.step.call')}</button>
            <button type="button" className="button small" disabled={groups.length === 0} onClick={() => set({ chain: [...chain, { kind: 'on-call', onCall: [{ groupId: groups[0]!.id, role: 'мастер' }] }] })}>+ {t('plans.step.on-call')}</button>
            <button type="button" className="button small" disabled={groups.length === 0} onClick={() => set({ chain: [...chain, { kind: 'groups', groups: [groups[0]!.id] }] })}>+ {t('plans.step.groups')}</button>
          </div>
        </fieldset>
        <label className="block">
          {t('plans.editor.carrier')}{' '}
          <select value={spec.carrierId ?? ''} onChange={(e) => set({ carrierId: e.target.value || null })}>
            <option value="">{t('plans.editor.carrierAny')}</option>
            {carriers.map((c) => (
              <option key={c.id} value={c.id}>{c.name}</option>
            ))}
          </select>
        </label>
        <label className="block">{t('plans.editor.callReply')} <input value={spec.callReply ?? ''} onChange={(e) => set({ callReply: e.target.value || null })} /></label>
        <label><input type="checkbox" checked={spec.smsCommand !== false} onChange={(e) => set({ smsCommand: e.target.checked })} /> {t('plans.editor.smsCommand', { code: spec.code || 'КОД' })}</label>
      </fieldset>
      {error ? <p className="error" role="alert">{error}</p> : null}
      <div className="plans-row">
        {props.readOnly ? null : <button type="submit" className="button small primary">{t('plans.save')}</button>}
        {props.plan && !props.readOnly ? <button type="button" className="button small ghost" onClick={remove}>{t('plans.delete')}</button> : null}
        <button type="button" className="button small ghost" onClick={props.onDone}>{t('plans.close')}</button>
      </div>
    </form>
  );
}

function GroupPicker(props: { groups: readonly { id: number; name: string }[]; value: readonly number[]; onChange: (v: number[]) => void; label: string }) {
  return (
    <label className="block">
      {props.label}{' '}
      <select multiple size={Math.min(5, props.groups.length)} value={props.value.map(String)} onChange={(e) => props.onChange([...e.target.selectedOptions].map((o) => Number(o.value)))}>
        {props.groups.map((g) => (
          <option key={g.id} value={g.id}>{g.name}</option>
        ))}
      </select>
    </label>
  );
}

function OnCallRows(props: { value: readonly OnCallRef[]; onChange: (v: OnCallRef[]) => void }) {
  const t = useT();
  const groups = useAppStore((s) => s.directory.groups);
  const rows = props.value;
  return (
    <div className="on-call-rows">
      {rows.map((r, i) => (
        <div key={i} className="plans-row">
          <span>{t('plans.editor.onCall')}</span>
          <select aria-label={t('plans.editor.group')} value={r.groupId} onChange={(e) => props.onChange(rows.map((x, j) => (j === i ? { ...x, groupId: Number(e.target.value) } : x)))}>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>{g.name}</option>
            ))}
          </select>
          <input aria-label={t('plans.editor.role')} value={r.role} list="roster-roles" onChange={(e) => props.onChange(rows.map((x, j) => (j === i ? { ...x, role: e.target.value } : x)))} />
          <button type="button" className="button small ghost" onClick={() => props.onChange(rows.filter((_, j) => j !== i))}>{t('plans.remove')}</button>
        </div>
      ))}
      <button type="button" className="button small" disabled={groups.length === 0} onClick={() => props.onChange([...rows, { groupId: groups[0]!.id, role: 'дежурный инженер' }])}>
        + {t('plans.editor.onCall')}
      </button>
    </div>
  );
}
