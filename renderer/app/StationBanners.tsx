// What a dispatcher must not miss: the station gone, a carrier down, a version mismatch.
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Banner } from '../ui/Banner.js';
import { allCarriersDown, troubledCarriers } from './connection-slice.js';
import { useT } from './i18n/index.js';
import { useStation } from './station-context.js';
import { useAppStore } from './store.js';
import { shellTestIds } from './testids.js';

function useSecondsUntil(at: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [at]);
  return at === null ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

function storeReasonKey(reason: string | null): 'diskFull' | 'ioError' | 'locked' | 'readOnlyFile' {
  return reason === 'disk full' ? 'diskFull' : reason === 'locked' ? 'locked' : reason === 'read-only file' ? 'readOnlyFile' : 'ioError';
}

export function StationBanners(props: { showCarriers: boolean }) {
  const t = useT();
  const station = useStation();
  const connection = useAppStore((s) => s.connection);
  const carriers = useAppStore(useShallow((s) => s.carriers));
  const store = useAppStore((s) => s.store);
  const seconds = useSecondsUntil(connection.link === 'offline' ? connection.retryAt : null);
  const troubled = props.showCarriers && connection.link === 'open' ? troubledCarriers(carriers) : [];
  const noneUp = props.showCarriers && connection.link === 'open' && allCarriersDown(carriers);

  return (
    <div className="banners">
      {connection.link !== 'open' && connection.everTried ? (
        <Banner tone="danger" testId={shellTestIds.stationBanner} extra={{ 'data-link': connection.link }}>
          <strong>{t('banner.offline')}</strong>{' '}
          {connection.link === 'connecting' ? t('banner.connecting') : seconds !== null ? t('banner.retryIn', { seconds }) : null}
          {connection.link === 'offline' ? (
            <button type="button" className="button small" onClick={() => station.retryNow()} data-testid={shellTestIds.retryNow}>
              {t('banner.retryNow')}
            </button>
          ) : null}
        </Banner>
      ) : null}
      {connection.link === 'open' && store?.state === 'read-only' ? (
        <Banner tone="danger" testId={shellTestIds.storeReadOnly}>
          {t('banner.storeReadOnly', { reason: t(`banner.storeReason.${storeReasonKey(store.reason)}`) })}
        </Banner>
      ) : null}
      {noneUp ? (
        <Banner tone="danger" testId={shellTestIds.allCarriersDown}>
          {t('banner.allCarriersDown')}
        </Banner>
      ) : null}
      {troubled.map((c) => (
        <Banner key={c.id} tone={c.state === 'down' ? 'danger' : 'warning'} testId={shellTestIds.carrierBanner(c.id)}>
          {t(c.state === 'down' ? 'banner.carrierDown' : 'banner.carrierDegraded', {
            name: c.name,
            detail: c.detail ?? t('banner.carrierNoDetail'),
          })}
        </Banner>
      ))}
      {connection.protocolProblem ? (
        <Banner tone="warning" testId={shellTestIds.protocolBanner}>
          {t('banner.protocol', { problem: connection.protocolProblem })}
        </Banner>
      ) : null}
    </div>
  );
}
