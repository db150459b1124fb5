// The routes the station sends through, in the order they are tried, for the administrator: add
// one (SMPP, modem, HTTP, simulator), edit it, switch it off or on, move it up or down, remove it.
// Switching off and removing ask first; every change applies at once and is audited by the station.
import { useCallback, useEffect, useState } from 'react';
import type { CarrierKind, CarrierRouteView } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import { useConfirm } from '../../ui/ConfirmDialog.js';
import { RouteEditor } from './RouteEditor.js';
import { carriersTestIds as ids } from './testids.js';

const KINDS: readonly CarrierKind[] = ['smpp', 'modem', 'http', 'simulator'];

export function CarrierRoutes() {
  const t = useT();
  const station = useStation();
  // The header and the cards show live states; this list follows them.
  const live = useAppStore((s) => s.carriers);
  const [routes, setRoutes] = useState<CarrierRouteView[] | null>(null);
  const [editing, setEditing] = useState<{ kind: CarrierKind; route: CarrierRouteView | null } | null>(null);
  const [newKind, setNewKind] = useState<CarrierKind>('smpp');
  const [busy, setBusy] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const { ask, dialog, result, setResult } = useConfirm({ dialog: ids.routeConfirm, ok: ids.routeConfirmOk, cancel: ids.routeConfirmCancel, error: ids.routeConfirmError });

  const load = useCallback(async () => {
    try {
      setRoutes((await station.request!('carriers.routes', {})).routes);
      setLoadError(null);
    } catch (e) {
      setLoadError(messageOf(e));
    }
  }, [station]);
  useEffect(() => {
    void load();
  }, [load]);

  const stateOf = (r: CarrierRouteView) => live.find((c) => c.id === r.id)?.state ?? r.status?.state ?? 'connecting';
  const editable = (routes ?? []).filter((r) => !r.fixed);
  const change = async (work: () => Promise<{ routes: CarrierRouteView[] }>, done: string) => {
    setBusy(true);
    try {
      setRoutes((await work()).routes);
      setResult({ ok: true, text: done });
    } catch (e) {
      setResult({ ok: false, text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  };
  const move = (r: CarrierRouteView, by: -1 | 1) => {
    const order = editable.map((x) => x.id);
    const at = order.indexOf(r.id);
    order.splice(at, 1);
    order.splice(at + by, 0, r.id);
    const firstName = editable.find((x) => x.id === order[0])!.name;
    void change(() => station.request!('carriers.reorderRoutes', { ids: order }), t('routes.reordered', { name: firstName }));
  };
  const toggle = (r: CarrierRouteView) => {
    if (r.enabled) {
      ask({
        title: t('routes.disableTitle', { name: r.name }),
        body: <p>{t('routes.disableBody')}</p>,
        confirmLabel: t('routes.disableTitle', { name: r.name }).replace(/\?$/, ''),
        danger: true,
        run: async () => {
          setRoutes((await station.request!('carriers.enableRoute', { id: r.id, enabled: false })).routes);
        },
        done: t('routes.disabledDone', { name: r.name }),
      });
    } else void change(() => station.request!('carriers.enableRoute', { id: r.id, enabled: true }), t('routes.enabledDone', { name: r.name }));
  };
  const remove = (r: CarrierRouteView) =>
    ask({
      title: t('routes.removeTitle', { name: r.name }),
      body: <p>{t('routes.removeBody')}</p>,
      confirmLabel: t('routes.remove'),
      danger: true,
      run: async () => {
        setRoutes((await station.request!('carriers.removeRoute', { id: r.id })).routes);
      },
      done: t('routes.removed', { name: r.name }),
    });

  return (
    <section className="carrier-routes" aria-labelledby="carrier-routes-h" data-testid={ids.routes}>
      <div className="carrier-routes-head">
        <h3 id="carrier-routes-h">{t('routes.heading')}</h3>
        <span className="muted">{t('routes.hint')}</span>
        <span className="spacer" />
        <label className="inline-field">
          <span className="visually-hidden">{t('routes.addKind')}</span>
          <select value={newKind} onChange={(e) => setNewKind(e.target.value as CarrierKind)} data-testid={ids.routeAddKind}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`carriers.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button primary small" onClick={() => setEditing({ kind: newKind, route: null })} data-testid={ids.routeAdd}>
          + {t('routes.add')}
        </button>
      </div>
      {loadError ? (
        <p className="form-error" role="alert">
          {loadError}
        </p>
      ) : null}
      {routes !== null && routes.length === 0 ? <p className="empty">{t('routes.none')}</p> : null}
      {routes !== null && routes.length > 0 ? (
        <div className="carrier-routes-scroll">
          <table className="carrier-routes-table">
            <thead>
              <tr>
                <th scope="col">{t('routes.position')}</th>
                <th scope="col">{t('routes.name')}</th>
                <th scope="col">{t('routes.kind')}</th>
                <th scope="col">{t('routes.state')}</th>
                <th scope="col">{t('routes.enabled')}</th>
                <th scope="col">{t('routes.operators')}</th>
                <th scope="col">{t('routes.rate')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('routes.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {routes.map((r, i) => {
                const at = editable.indexOf(r);
                const state = stateOf(r);
                return (
                  <tr key={r.id} data-testid={ids.routeRow(r.id)} data-position={i + 1} data-state={state} data-enabled={r.enabled}>
                    <td className="mono">{i + 1}</td>
                    <th scope="row">
                      {r.name}
                      {r.fixed ? <span className="badge">{t('routes.fixed')}</span> : r.source === 'config' ? <span className="muted"> · {t('routes.fromConfig')}</span> : null}
                    </th>
                    <td>{t(`carriers.kind.${r.kind}`)}</td>
                    <td>
                      <span className={`carrier-state state-${state}`}>{t(`carrier.state.${state}`)}</span>
                    </td>
                    <td>
                      {r.fixed ? null : (
                        <input type="checkbox" checked={r.enabled} disabled={busy} onChange={() => toggle(r)} aria-label={t('routes.enableOf', { name: r.name })} data-testid={ids.routeEnable(r.id)} />
                      )}
                    </td>
                    <td>{r.operators.join(', ')}</td>
                    <td className="mono">{r.rateLimit ?? '—'}</td>
                    <td className="carrier-route-actions">
                      {r.fixed ? null : (
                        <>
                          <button type="button" className="button small" disabled={busy || at <= 0} onClick={() => move(r, -1)} aria-label={t('routes.upOf', { name: r.name })} title={t('routes.up')} data-testid={ids.routeUp(r.id)}>
                            <span aria-hidden="true">↑</span>
                          </button>
                          <button type="button" className="button small" disabled={busy || at < 0 || at >= editable.length - 1} onClick={() => move(r, 1)} aria-label={t('routes.downOf', { name: r.name })} title={t('routes.down')} data-testid={ids.routeDown(r.id)}>
                            <span aria-hidden="true">↓</span>
                          </button>
                          <button type="button" className="button small" onClick={() => setEditing({ kind: r.kind, route: r })} aria-label={t('routes.editOf', { name: r.name })} data-testid={ids.routeEdit(r.id)}>
                            {t('routes.edit')}
                          </button>
                          <button type="button" className="button small danger" onClick={() => remove(r)} aria-label={t('routes.removeOf', { name: r.name })} data-testid={ids.routeRemove(r.id)}>
                            {t('routes.remove')}
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {result ? (
        <p className={result.ok ? 'ok' : 'form-error'} role={result.ok ? 'status' : 'alert'} data-testid={ids.routeResult} data-ok={result.ok}>
          {result.text}
        </p>
      ) : null}
      {dialog}
      {editing ? (
        <RouteEditor
          kind={editing.kind}
          route={editing.route}
          onClose={() => setEditing(null)}
          onSaved={(next, text) => {
            setRoutes(next);
            setResult({ ok: true, text });
            setEditing(null);
          }}
        />
      ) : null}
    </section>
  );
}
