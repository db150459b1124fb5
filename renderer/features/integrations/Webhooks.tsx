// Webhooks: the configured receivers (secrets stay on the station) and the delivery log, newest
// first, a page at a time, with each delivery's last HTTP code, attempts, next retry and error.
import { useCallback, useEffect, useId, useState } from 'react';
import type { WebhookDeliveryView, WebhookEndpointView } from '../../../shared/protocol/index.js';
import { useT, type MessageKey } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { useDateTime } from './format.js';
import { integrationsTestIds as ids } from './testids.js';
import { WebhookEndpoints } from './WebhookEndpoints.js';

const PAGE = 50;
const EVENT_KEYS: Record<string, MessageKey> = {
  reply: 'integrations.event.reply',
  delivery: 'integrations.event.delivery',
  poll: 'integrations.event.poll',
  confirm: 'integrations.event.confirm',
};
const STATUS_KEYS: Record<WebhookDeliveryView['status'], MessageKey> = {
  pending: 'integrations.log.pending',
  delivered: 'integrations.log.delivered',
  failed: 'integrations.log.failed',
};

export function Webhooks() {
  const t = useT();
  const station = useStation();
  const fmt = useDateTime('seconds');
  const headingId = useId();
  const logHeadingId = useId();
  const [endpoints, setEndpoints] = useState<WebhookEndpointView[] | null>(null);
  const [log, setLog] = useState<WebhookDeliveryView[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const eventName = (e: string) => (EVENT_KEYS[e] ? t(EVENT_KEYS[e]) : e);

  const loadLog = useCallback(
    async (cursor?: number) => {
      try {
        const page = await station.request!('webhooks.log', { limit: PAGE, ...(cursor !== undefined ? { cursor } : {}) });
        setLog((prev) => (cursor === undefined ? page.deliveries : [...prev, ...page.deliveries]));
        setNext(page.next);
        setError(null);
      } catch (e) {
        setError(messageOf(e));
      }
    },
    [station],
  );
  useEffect(() => {
    station.request!('webhooks.list', {}).then(
      (r) => setEndpoints(r.endpoints),
      (e: unknown) => setError(messageOf(e)),
    );
    void loadLog();
  }, [station, loadLog]);

  return (
    <section className="integrations-section" aria-labelledby={headingId}>
      <div className="integrations-head">
        <h3 id={headingId}>{t('integrations.webhooks')}</h3>
      </div>
      {error ? (
        <p className="form-error" role="alert" data-testid={ids.error}>
          {error}
        </p>
      ) : null}
      <div data-testid={ids.endpoints}>
        {endpoints !== null && endpoints.length === 0 ? <p className="empty">{t('integrations.webhooks.none')}</p> : null}
        {endpoints !== null ? <WebhookEndpoints endpoints={endpoints} onSaved={setEndpoints} /> : null}
      </div>

      <div className="integrations-head">
        <h4 id={logHeadingId}>{t('integrations.log')}</h4>
        <button type="button" className="button small" onClick={() => void loadLog()} data-testid={ids.logRefresh}>
          {t('integrations.log.refresh')}
        </button>
      </div>
      {log.length === 0 ? (
        <p className="empty">{t('integrations.log.empty')}</p>
      ) : (
        <div className="integrations-scroll">
          <table className="integrations-table" aria-labelledby={logHeadingId} data-testid={ids.log}>
            <caption className="visually-hidden">{t('integrations.log.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('integrations.log.at')}</th>
                <th scope="col">{t('integrations.log.url')}</th>
                <th scope="col">{t('integrations.log.event')}</th>
                <th scope="col">{t('integrations.log.status')}</th>
                <th scope="col">{t('integrations.log.code')}</th>
                <th scope="col">{t('integrations.log.attempts')}</th>
                <th scope="col">{t('integrations.log.nextRetry')}</th>
                <th scope="col">{t('integrations.log.error')}</th>
              </tr>
            </thead>
            <tbody>
              {log.map((d) => (
                <tr key={d.id} data-testid={ids.logRow(d.id)} data-status={d.status}>
                  <td className="integrations-nowrap">{fmt(d.createdAt)}</td>
                  <td className="integrations-url">{d.url}</td>
                  <td>{eventName(d.event)}</td>
                  <td>
                    <span className={`badge hook-${d.status}`}>{t(STATUS_KEYS[d.status])}</span>
                  </td>
                  <td className="integrations-num">{d.statusCode ?? '—'}</td>
                  <td className="integrations-num">{d.attempts}</td>
                  <td className="integrations-nowrap">{d.nextRetryAt !== null ? fmt(d.nextRetryAt) : '—'}</td>
                  <td className="integrations-error">{d.error ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next !== null ? (
        <button type="button" className="button small" onClick={() => void loadLog(next)} data-testid={ids.logMore}>
          {t('integrations.log.more')}
        </button>
      ) : null}
    </section>
  );
}
