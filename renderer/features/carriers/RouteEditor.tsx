// One route's settings in a dialog: the fields its kind has (route-fields.ts), the route's name,
// operators and rate limit; secrets typed in, never shown back; "test the connection" (an SMPP
// bind, an HTTP provider's health URL) or, for a modem, the port picker with each port's USB
// identity and a probe with the modem's answers — all before saving. Saving applies at once; the
// station's refusal is shown next to the field it names.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { CarrierKind, CarrierRouteInput, CarrierRouteView, LinkTestResult, ProbeResult, SerialPortView } from '../../../shared/protocol/index.js';
import { SECRET_FIELDS } from '../../../shared/protocol/index.js';
import { useT, type MessageKey } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { StationError } from '../../app/station-client.js';
import { useStation } from '../../app/station-context.js';
import { Modal } from '../../ui/Modal.js';
import { ProbeAnswers, ProbeVerdict } from './CarrierTools.js';
import { ROUTE_FIELDS, initialSettings, type FieldDef } from './route-fields.js';
import { carriersTestIds as ids } from './testids.js';

function getPath(o: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((at, k) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[k] : undefined), o);
}

function setPath(o: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const out = structuredClone(o);
  const keys = path.split('.');
  let at = out;
  for (const k of keys.slice(0, -1)) {
    if (!at[k] || typeof at[k] !== 'object') at[k] = {};
    at = at[k] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return out;
}

type ConfigUsb = { vendorId: string; productId: string; serialNumber?: string; interface?: string };
const usbLine = (u: ConfigUsb | NonNullable<SerialPortView['usb']>) => ({ vid: u.vendorId, pid: u.productId, serial: u.serialNumber ? ` · ${u.serialNumber}` : '' });
/** A port's USB identity as config.json's modem `usb` has it (nothing unknown written as null). */
const configUsb = (u: NonNullable<SerialPortView['usb']>): ConfigUsb => ({
  vendorId: u.vendorId,
  productId: u.productId,
  ...(u.serialNumber ? { serialNumber: u.serialNumber } : {}),
  ...(u.interface ? { interface: u.interface } : {}),
});

export function RouteEditor(props: { kind: CarrierKind; route: CarrierRouteView | null; onClose(): void; onSaved(routes: CarrierRouteView[], text: string): void }) {
  const t = useT();
  const station = useStation();
  const formId = useId();
  const first = useRef<HTMLInputElement>(null);
  const { kind, route } = props;
  const [name, setName] = useState(route?.name ?? t(`carriers.kind.${kind}`));
  const [enabled, setEnabled] = useState(route?.enabled ?? true);
  const [operators, setOperators] = useState((route?.operators ?? []).join(', '));
  const [rate, setRate] = useState(route?.rateLimit == null ? '' : String(route.rateLimit));
  const [settings, setSettings] = useState<Record<string, unknown>>(() => structuredClone(route?.settings ?? initialSettings(kind)));
  // Text of the JSON fields as typed (parsed on save).
  const [jsonText, setJsonText] = useState<Record<string, string>>(() =>
    Object.fromEntries(ROUTE_FIELDS[kind].filter((f) => f.type === 'json').map((f) => [f.path, getPath(route?.settings ?? {}, f.path) === undefined ? '' : JSON.stringify(getPath(route?.settings ?? {}, f.path), null, 2)])),
  );
  const [secrets, setSecrets] = useState<Record<string, string | null>>({});
  const [error, setError] = useState<{ field: string | null; text: string } | null>(null);
  const [busy, setBusy] = useState<'save' | 'test' | 'probe' | null>(null);
  const [test, setTest] = useState<LinkTestResult | null>(null);
  const [probe, setProbe] = useState<ProbeResult | null>(null);
  const [ports, setPorts] = useState<SerialPortView[] | null>(null);

  useEffect(() => {
    if (kind !== 'modem') return;
    station.request!('carriers.ports', {}).then(
      (r) => setPorts(r.ports),
      () => setPorts([]),
    );
  }, [station, kind]);

  /** The route as the station takes it; throws a field error when a JSON field does not parse. */
  const input = (): CarrierRouteInput => {
    let s = settings;
    for (const [path, text] of Object.entries(jsonText)) {
      if (text.trim() === '') {
        s = setPath(s, path, undefined);
        continue;
      }
      try {
        s = setPath(s, path, JSON.parse(text));
      } catch {
        throw new StationError('bad_request', t('routes.editor.json', { field: t(`routes.field.${path}` as MessageKey) }), path);
      }
    }
    return {
      kind,
      name: name.trim(),
      enabled,
      operators: operators.split(/[,;\s]+/).map((o) => o.trim()).filter(Boolean),
      rateLimit: rate.trim() === '' ? null : Number(rate),
      settings: s,
      secrets,
    };
  };

  const run = async (what: 'save' | 'test', work: (r: CarrierRouteInput) => Promise<void>) => {
    setError(null);
    setBusy(what);
    try {
      await work(input());
    } catch (e) {
      setError({ field: e instanceof StationError ? (e.field ?? null) : null, text: messageOf(e) });
    } finally {
      setBusy(null);
    }
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    void run('save', async (r) => {
      const res = await station.request!('carriers.saveRoute', { ...(route ? { id: route.id } : {}), route: r });
      props.onSaved(res.routes, t('routes.editor.saved', { name: r.name }));
    });
  };
  const testLink = () =>
    void run('test', async (r) => {
      setTest(null);
      setTest(await station.request!('carriers.testLink', { ...(route ? { id: route.id } : {}), route: r }));
    });
  const probeModem = async () => {
    const path = String(getPath(settings, 'path') ?? '').trim();
    if (!path) return;
    setBusy('probe');
    setError(null);
    setProbe(null);
    try {
      setProbe(await station.request!('carriers.probe', { path, baudRate: Number(getPath(settings, 'baudRate') ?? 115200) }));
    } catch (e) {
      setError({ field: 'path', text: messageOf(e) });
    } finally {
      setBusy(null);
    }
  };

  const fieldError = (path: string) =>
    error && error.field === path ? (
      <span className="form-error" role="alert" data-testid={ids.routeFieldError(path)}>
        {error.text}
      </span>
    ) : null;
  const label = (l: MessageKey | string) => (l.startsWith('routes.') ? t(l as MessageKey) : l);

  const control = (f: FieldDef) => {
    const value = getPath(settings, f.path);
    const set = (v: unknown) => setSettings((s) => setPath(s, f.path, v));
    const common = { id: `${formId}-${f.path}`, 'data-testid': ids.routeField(f.path), 'aria-invalid': error?.field === f.path };
    switch (f.type) {
      case 'checkbox':
        return <input type="checkbox" {...common} checked={value === true} onChange={(e) => set(e.target.checked)} />;
      case 'number':
        return (
          <input
            type="number"
            {...common}
            value={typeof value === 'number' ? value : ''}
            placeholder={f.placeholder}
            onChange={(e) => set(e.target.value === '' ? undefined : Number(e.target.value))}
          />
        );
      case 'select':
        return (
          <select
            {...common}
            value={value === undefined ? '' : String(value)}
            onChange={(e) => {
              const option = f.options!.find((o) => String(o.value) === e.target.value);
              set(option === undefined || option.value === '' ? undefined : option.value);
            }}
          >
            {f.options!.map((o) => (
              <option key={String(o.value)} value={String(o.value)}>
                {label(o.label)}
              </option>
            ))}
          </select>
        );
      case 'json':
        return <textarea {...common} rows={3} className="mono" value={jsonText[f.path] ?? ''} onChange={(e) => setJsonText((j) => ({ ...j, [f.path]: e.target.value }))} spellCheck={false} />;
      case 'secret': {
        const stored = route?.secrets[f.path] === true;
        const cleared = secrets[f.path] === null;
        return (
          <span className="route-secret">
            <input
              type="password"
              {...common}
              value={typeof secrets[f.path] === 'string' ? (secrets[f.path] as string) : ''}
              placeholder={cleared ? t('routes.editor.secretCleared') : stored ? t('routes.editor.secretSet') : f.placeholder}
              autoComplete="new-password"
              onChange={(e) =>
                setSecrets((s) => {
                  const next = { ...s };
                  if (e.target.value === '') delete next[f.path];
                  else next[f.path] = e.target.value;
                  return next;
                })
              }
            />
            {stored && !cleared ? (
              <button type="button" className="button small ghost" onClick={() => setSecrets((s) => ({ ...s, [f.path]: null }))} data-testid={ids.routeSecretClear(f.path)}>
                {t('routes.editor.secretClear')}
              </button>
            ) : null}
          </span>
        );
      }
      case 'port': {
        const usb = getPath(settings, 'usb') as ConfigUsb | undefined;
        return (
          <span className="route-port">
            {ports && ports.length > 0 ? (
              <select
                aria-label={t('routes.editor.ports')}
                value={ports.some((p) => p.path === value) ? String(value) : ''}
                onChange={(e) => {
                  const port = ports.find((p) => p.path === e.target.value);
                  setSettings((s) => setPath(setPath(s, 'path', port?.path ?? value), 'usb', port?.usb ? configUsb(port.usb) : undefined));
                }}
                data-testid={ids.routePortPick}
              >
                <option value="">{t('routes.editor.portOther')}</option>
                {ports.map((p) => (
                  <option key={p.path} value={p.path}>
                    {p.path}
                    {p.manufacturer ? ` — ${p.manufacturer}` : ''}
                    {p.usb ? ` (${t('routes.editor.usb', usbLine(p.usb))})` : ''}
                  </option>
                ))}
              </select>
            ) : null}
            <input
              {...common}
              className="mono"
              value={typeof value === 'string' ? value : ''}
              placeholder="/dev/ttyUSB2 · /dev/serial/by-id/… · COM5"
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => setSettings((s) => setPath(setPath(s, 'path', e.target.value), 'usb', undefined))}
            />
            <span className="hint" data-testid={ids.routeUsb}>
              {usb ? t('routes.editor.usbKept', usbLine(usb)) : t('routes.editor.usbNone')}
            </span>
          </span>
        );
      }
      default:
        return <input {...common} value={typeof value === 'string' ? value : ''} placeholder={f.placeholder} spellCheck={false} autoComplete="off" onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)} />;
    }
  };

  const fields = ROUTE_FIELDS[kind].filter((f) => !f.when || f.when(settings));
  const row = (f: FieldDef) => (
    <div key={f.path} className={`route-field route-field-${f.type}`}>
      <label htmlFor={`${formId}-${f.path}`}>{t(`routes.field.${f.path}` as MessageKey)}</label>
      <span className="route-control">
        {control(f)}
        {fieldError(f.path)}
      </span>
    </div>
  );
  const secretCount = SECRET_FIELDS[kind].length;

  return (
    <Modal title={route ? t('routes.editor.edit', { name: route.name }) : t('routes.editor.new', { kind: t(`carriers.kind.${kind}`) })} testId={ids.routeEditor} onClose={props.onClose} initialFocus={first}>
      <form className="route-form" onSubmit={save} data-kind={kind} data-secrets={secretCount}>
        <div className="route-field">
          <label htmlFor={`${formId}-name`}>{t('routes.field.name')}</label>
          <span className="route-control">
            <input ref={first} id={`${formId}-name`} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} data-testid={ids.routeField('name')} />
            {fieldError('name')}
          </span>
        </div>
        {fields.filter((f) => !f.advanced).map(row)}
        <div className="route-field">
          <label htmlFor={`${formId}-operators`}>{t('routes.operators')}</label>
          <span className="route-control">
            <input id={`${formId}-operators`} value={operators} onChange={(e) => setOperators(e.target.value)} placeholder="mts, beeline" data-testid={ids.routeField('operators')} />
            <span className="hint">{t('routes.editor.operatorsHint')}</span>
          </span>
        </div>
        <div className="route-field">
          <label htmlFor={`${formId}-rate`}>{t('routes.rate')}</label>
          <span className="route-control">
            <input id={`${formId}-rate`} type="number" min="0.1" step="any" value={rate} onChange={(e) => setRate(e.target.value)} data-testid={ids.routeField('rateLimit')} />
            <span className="hint">{t('routes.editor.rateHint')}</span>
            {fieldError('rateLimit')}
          </span>
        </div>
        <div className="route-field">
          <label htmlFor={`${formId}-enabled`}>{t('routes.enabled')}</label>
          <span className="route-control">
            <input id={`${formId}-enabled`} type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} data-testid={ids.routeField('enabled')} />
          </span>
        </div>
        {fields.some((f) => f.advanced) ? (
          <details className="route-advanced">
            <summary>{t('routes.editor.advanced')}</summary>
            {fields.filter((f) => f.advanced).map(row)}
          </details>
        ) : null}
        {error && (error.field === null || !fields.some((f) => f.path === error.field) && !['name', 'rateLimit'].includes(error.field)) ? (
          <p className="form-error" role="alert" data-testid={ids.routeError}>
            {error.text}
          </p>
        ) : null}
        {test ? (
          <div className={`probe-verdict ${test.ok ? 'ok' : 'bad'}`} role="status" data-testid={ids.routeTestResult} data-ok={test.ok} data-state={test.state}>
            <p>
              <strong>{test.ok ? t('routes.editor.testOk', { ms: test.tookMs }) : t('routes.editor.testFailed', { detail: test.detail ?? t('routes.editor.testNoDetail') })}</strong>
            </p>
            <ol className="route-steps">
              {test.steps.map((s, i) => (
                <li key={i}>
                  <span className="muted">{s.ms} ms</span> {t(`carrier.state.${s.state}`)}
                  {s.detail ? ` — ${s.detail}` : ''}
                </li>
              ))}
            </ol>
          </div>
        ) : null}
        {probe ? (
          <div data-testid={ids.routeProbe}>
            <ProbeVerdict result={probe} />
            {probe.answers.length > 0 ? <ProbeAnswers result={probe} /> : null}
          </div>
        ) : null}
        <div className="modal-actions">
          <button type="button" className="button" onClick={props.onClose}>
            {t('dialog.back')}
          </button>
          {kind === 'modem' ? (
            <button type="button" className="button" disabled={busy !== null || String(getPath(settings, 'path') ?? '').trim() === ''} onClick={() => void probeModem()} data-testid={ids.routeProbeRun}>
              {busy === 'probe' ? t('carriers.probing') : t('routes.editor.probe')}
            </button>
          ) : kind !== 'simulator' ? (
            <button type="button" className="button" disabled={busy !== null} onClick={testLink} data-testid={ids.routeTest}>
              {busy === 'test' ? t('routes.editor.testing') : t('routes.editor.test')}
            </button>
          ) : null}
          <button type="submit" className="button primary" disabled={busy !== null || name.trim() === ''} data-testid={ids.routeSave}>
            {t('routes.editor.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
