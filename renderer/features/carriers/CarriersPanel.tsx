// The carriers panel: a card per route, live from the `carrier.status` events every client gets.
// An administrator also sees each modem behind a route (registration, SIM, port), read with
// carriers.list every few seconds while the panel is open, and the set-up tools below. Folded
// until opened, like the other panels under the control room (the header already shows each
// carrier's state, the banners its trouble), so a closed panel asks the station nothing.
import { useCallback, useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CarrierView } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import { CarrierCard } from './CarrierCard.js';
import { CarrierRoutes } from './CarrierRoutes.js';
import { CarrierTools } from './CarrierTools.js';
import { carriersTestIds as ids } from './testids.js';
import './carriers.css';

const DETAILS_EVERY_MS = 10_000;

/** Modem details for admins; refreshed on a timer and whenever a carrier changes state. */
function useCarrierDetails(enabled: boolean, stateKey: string): { details: Record<string, CarrierView>; error: string | null } {
  const station = useStation();
  const [details, setDetails] = useState<Record<string, CarrierView>>({});
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const { carriers } = await station.request!('carriers.list', {});
      setDetails(Object.fromEntries(carriers.map((c) => [c.id, c])));
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, [station]);
  useEffect(() => {
    if (!enabled) return;
    void load();
    const timer = setInterval(() => void load(), DETAILS_EVERY_MS);
    return () => clearInterval(timer);
  }, [enabled, load, stateKey]);
  return { details, error };
}

export function CarriersPanel(props: { initiallyOpen?: boolean; toolsOpen?: boolean }) {
  const t = useT();
  const role = useAppStore((s) => s.session.user?.role);
  const carriers = useAppStore(useShallow((s) => s.carriers));
  // Requests wait for the session to be resumed on the current link, as compose does.
  const synced = useAppStore((s) => s.connection.synced);
  const [open, setOpen] = useState(props.initiallyOpen ?? false);
  const isAdmin = role === 'admin';
  const stateKey = carriers.map((c) => `${c.id}:${c.state}`).join(',');
  const { details, error } = useCarrierDetails(open && isAdmin && synced, stateKey);
  if (!role) return null;
  return (
    <details className="panel carriers-panel" data-testid={ids.panel} open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>
        <h2>{t('carriers.heading')}</h2>
      </summary>
      {open ? (
        <div className="carriers-body">
          {error ? (
            <p className="form-error" role="alert" data-testid={ids.loadError}>
              {t('carriers.loadFailed', { message: error })}
            </p>
          ) : null}
          {carriers.length === 0 ? (
            <p className="empty" data-testid={ids.empty}>
              {t('carriers.empty')}
            </p>
          ) : (
            <ul className="carrier-cards">
              {carriers.map((c) => (
                <CarrierCard
                  key={c.id}
                  carrier={c}
                  // The order only means something when there is more than one route to choose from.
                  {...(details[c.id] ? { modems: details[c.id]!.modems, ...(carriers.length > 1 ? { priority: details[c.id]!.priority } : {}) } : {})}
                />
              ))}
            </ul>
          )}
          {isAdmin ? <CarrierRoutes /> : null}
          {isAdmin ? <CarrierTools carriers={carriers} {...(props.toolsOpen !== undefined ? { initiallyOpen: props.toolsOpen } : {})} /> : null}
        </div>
      ) : null}
    </details>
  );
}
