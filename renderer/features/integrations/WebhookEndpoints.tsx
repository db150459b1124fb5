// The webhook endpoints as the administrator edits them: the address, the events it gets and its
// signing secret (typed or made here, shown once, never read back), a test delivery per saved
// address. Saved, events go to the new list at once; taking an address away asks first.
import { useState, type FormEvent } from 'react';
import type { WebhookEndpointView, WebhookEventName } from '../../../shared/protocol/index.js';
import { useT, type MessageKey } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { useConfirm } from '../../ui/ConfirmDialog.js';
import { doorsTestIds as ids } from './doors-testids.js';

const EVENTS: readonly WebhookEventName[] = ['reply', 'delivery', 'poll', 'confirm'];

interface Row {
  url: string;
  events: WebhookEventName[];
  /** A new secret typed or made here ('' keeps the stored one). */
  secret: string;
  saved: boolean;
}

/** 32 random characters a receiver can paste into its configuration. */
function makeSecret(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, '').slice(0, 32);
}

export function WebhookEndpoints(props: { endpoints: WebhookEndpointView[]; onSaved(endpoints: WebhookEndpointView[]): void }) {
  const t = useT();
  const station = useStation();
  const [rows, setRows] = useState<Row[]>(() => props.endpoints.map((e) => ({ url: e.url, events: [...e.events], secret: '', saved: true })));
  const [made, setMade] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [test, setTest] = useState<{ ok: boolean; text: string; status: number | null } | null>(null);
  const { ask, dialog, result, setResult } = useConfirm({ dialog: ids.confirm.dialog, ok: ids.confirm.ok, cancel: ids.confirm.cancel, error: ids.confirm.error });
  const patch = (i: number, p: Partial<Row>) => setRows((r) => r.map((x, j) => (j === i ? { ...x, ...p } : x)));

  const run = async () => {
    const { endpoints } = await station.request!('webhooks.save', {
      endpoints: rows.filter((r) => r.url.trim() !== '').map((r) => ({ url: r.url.trim(), events: r.events, ...(r.secret !== '' ? { secret: r.secret } : {}) })),
    });
    setRows(endpoints.map((e) => ({ url: e.url, events: [...e.events], secret: '', saved: true })));
    setMade(null);
    props.onSaved(endpoints);
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    const gone = props.endpoints.filter((p) => !rows.some((r) => r.url.trim() === p.url)).map((p) => p.url);
    if (gone.length > 0) {
      ask({ title: t('hooks.removeTitle'), body: <p>{t('hooks.removeBody', { urls: gone.join(', ') })}</p>, confirmLabel: t('hooks.save'), danger: true, run, done: t('hooks.saved') });
      return;
    }
    setBusy(true);
    run().then(
      () => setResult({ ok: true, text: t('hooks.saved') }),
      (err: unknown) => setResult({ ok: false, text: messageOf(err) }),
    ).finally(() => setBusy(false));
  };
  const testOne = async (url: string) => {
    setTest(null);
    try {
      const r = await station.request!('webhooks.test', { url });
      setTest({ ok: r.ok, text: r.ok ? t('doors.test.ok', { ms: r.tookMs, detail: r.detail }) : t('doors.test.failed', { detail: r.detail }), status: r.status });
    } catch (e) {
      setTest({ ok: false, text: messageOf(e), status: null });
    }
  };

  return (
    <form className="hooks-form" onSubmit={save} aria-label={t('hooks.edit')}>
      <div className="integrations-scroll">
        <table className="integrations-table hooks-table">
          <caption className="integrations-caption">{t('hooks.edit')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('hooks.url')}</th>
              <th scope="col">{t('hooks.events')}</th>
              <th scope="col">{t('hooks.secret')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('admin.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>
                  <input className="hook-url" value={r.url} placeholder="https://…" aria-label={t('hooks.url')} onChange={(e) => patch(i, { url: e.target.value, saved: false })} data-testid={ids.hookUrl(i)} />
                </td>
                <td>
                  <div className="hooks-events">
                    {EVENTS.map((ev) => (
                      <label key={ev} className="inline-check">
                        <input
                          type="checkbox"
                          checked={r.events.includes(ev)}
                          onChange={(e) => patch(i, { events: e.target.checked ? [...r.events, ev] : r.events.filter((x) => x !== ev) })}
                          data-testid={ids.hookEvent(i, ev)}
                        />
                        <span>{t(`integrations.event.${ev}` as MessageKey)}</span>
                      </label>
                    ))}
                  </div>
                </td>
                <td>
                  <input
                    type="password"
                    value={r.secret}
                    autoComplete="new-password"
                    placeholder={r.saved ? t('hooks.secretSet') : t('hooks.secretNew')}
                    aria-label={t('hooks.secret')}
                    onChange={(e) => patch(i, { secret: e.target.value })}
                    data-testid={ids.hookSecret(i)}
                  />
                  <button
                    type="button"
                    className="button small ghost"
                    onClick={() => {
                      const s = makeSecret();
                      patch(i, { secret: s });
                      setMade(s);
                    }}
                    data-testid={ids.hookGenerate(i)}
                  >
                    {t('hooks.generate')}
                  </button>
                </td>
                <td className="hooks-actions">
                  <button type="button" className="button small" disabled={!r.saved} title={r.saved ? undefined : t('hooks.unsaved')} onClick={() => void testOne(r.url)} aria-label={t('hooks.testOf', { url: r.url })} data-testid={ids.hookTest(i)}>
                    {t('hooks.test')}
                  </button>
                  <button type="button" className="button small danger" onClick={() => setRows((x) => x.filter((_, j) => j !== i))} aria-label={t('hooks.removeOf', { url: r.url })} data-testid={ids.hookRemove(i)}>
                    {t('hooks.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {made ? (
        <p className="hint" role="status">
          {t('hooks.generated', { secret: made })}
        </p>
      ) : null}
      <div className="door-actions">
        <button type="button" className="button small" onClick={() => setRows((r) => [...r, { url: '', events: [...EVENTS], secret: '', saved: false }])} data-testid={ids.hookAdd}>
          + {t('hooks.add')}
        </button>
        <button type="submit" className="button primary small" disabled={busy} data-testid={ids.hookSave}>
          {t('hooks.save')}
        </button>
      </div>
      {result ? (
        <p className={result.ok ? 'ok' : 'form-error'} role={result.ok ? 'status' : 'alert'} data-testid={ids.hookResult} data-ok={result.ok}>
          {result.text}
        </p>
      ) : null}
      {test ? (
        <p className={test.ok ? 'ok' : 'form-error'} role="status" data-testid={ids.hookTestResult} data-ok={test.ok} data-status={test.status ?? ''}>
          {test.text}
        </p>
      ) : null}
      {dialog}
    </form>
  );
}
