// One carrier as a card: its state in words (the colour only repeats them), why, signal bars,
// operator, queue and sent today. For an administrator, each modem behind the route too.
import type { CarrierStatus, ModemView } from '../../../shared/protocol/index.js';
import { useT, type Translate } from '../../app/i18n/index.js';
import { carriersTestIds as ids } from './testids.js';

/** Four bars, as on a phone: 1–25 % one bar … 76–100 % four; no signal or unknown, none. */
export function signalBars(percent: number | null): number {
  if (percent === null || percent <= 0) return 0;
  return Math.min(4, Math.ceil(percent / 25));
}

export function SignalBars(props: { percent: number | null; testId?: string }) {
  const t = useT();
  const bars = signalBars(props.percent);
  const label = props.percent === null ? `${t('carriers.signal')}: ${t('carriers.signalUnknown')}` : t('carriers.signalValue', { percent: props.percent });
  return (
    <span className="signal" role="img" aria-label={label} title={label} data-testid={props.testId} data-bars={bars} data-signal={props.percent ?? ''}>
      {[1, 2, 3, 4].map((n) => (
        <span key={n} className={`signal-bar bar-${n} ${n <= bars ? 'on' : ''}`} aria-hidden="true" />
      ))}
      <span className="signal-text" aria-hidden="true">
        {props.percent === null ? '—' : `${props.percent}%`}
      </span>
    </span>
  );
}

function simLabel(t: Translate, sim: string): string {
  return sim === 'READY' ? t('carriers.sim.READY') : sim;
}

/** `own`: the route is this one modem, whose name, state and signal the card already shows. */
function ModemRow(props: { modem: ModemView; own: boolean }) {
  const t = useT();
  const m = props.modem;
  const identity = [m.manufacturer, m.model, m.revision].filter(Boolean).join(' ');
  // The USB identity the station finds the port by when its name changes.
  const usb = m.usb ? t('carriers.modem.usbValue', { ids: `${m.usb.vendorId}:${m.usb.productId}`, serial: m.usb.serialNumber ?? '—', iface: m.usb.interface ?? '—' }) : null;
  return (
    <li className={`carrier-modem state-${m.state}`} data-testid={ids.modem(m.id)} data-state={m.state}>
      {props.own ? null : (
        <div className="carrier-modem-head">
          <strong>{m.name}</strong>
          <span className={`carrier-state state-${m.state}`}>{t(`carrier.state.${m.state}`)}</span>
          <SignalBars percent={m.signal} />
        </div>
      )}
      <dl className="carrier-facts">
        <div>
          <dt>{t('carriers.modem.port')}</dt>
          <dd className="mono" title={m.path ?? undefined}>
            {m.path ?? '—'}
          </dd>
        </div>
        <div>
          <dt>{t('carriers.modem.registration')}</dt>
          <dd>{t(`carriers.registration.${m.registration}`)}</dd>
        </div>
        <div>
          <dt>{t('carriers.modem.sim')}</dt>
          <dd>{simLabel(t, m.sim)}</dd>
        </div>
        {identity ? (
          <div>
            <dt>{t('carriers.modem.model')}</dt>
            <dd title={m.profile ? `${identity} (${m.profile})` : identity}>{identity}</dd>
          </div>
        ) : null}
        {usb ? (
          <div className="wide">
            <dt>{t('carriers.modem.usb')}</dt>
            <dd className="mono" title={usb} data-testid={ids.modemUsb(m.id)}>
              {usb}
            </dd>
          </div>
        ) : null}
      </dl>
    </li>
  );
}

export function CarrierCard(props: { carrier: CarrierStatus; priority?: number; modems?: ModemView[] }) {
  const t = useT();
  const c = props.carrier;
  const troubled = c.state !== 'up';
  // A pool's own detail repeats its members' reasons; with the member rows shown, keep the first clause.
  const reason = c.detail ?? (troubled && c.state !== 'disabled' ? t('carriers.noReason') : null);
  return (
    <li className={`carrier-card state-${c.state}`} data-testid={ids.card(c.id)} data-state={c.state} aria-label={`${c.name}: ${t(`carrier.state.${c.state}`)}`}>
      <div className="carrier-card-head">
        <h3 className="carrier-name">{c.name}</h3>
        <span className={`carrier-state state-${c.state}`}>{t(`carrier.state.${c.state}`)}</span>
      </div>
      <p className="carrier-kind muted">
        {t(`carriers.kind.${c.kind}`)}
        {props.priority !== undefined ? ` · ${t('carriers.priority', { priority: props.priority })}` : null}
      </p>
      {reason ? (
        <p className={`carrier-reason ${troubled ? 'troubled' : ''}`} data-testid={ids.reason(c.id)} title={reason}>
          <span className="visually-hidden">{t('carriers.reason')}: </span>
          {reason}
        </p>
      ) : null}
      <dl className="carrier-facts">
        {c.kind === 'modem' ? (
          <div>
            <dt>{t('carriers.signal')}</dt>
            <dd>
              <SignalBars percent={c.signal} testId={ids.signal(c.id)} />
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('carriers.operator')}</dt>
          <dd>{c.operator ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('carriers.queue')}</dt>
          <dd data-testid={ids.queue(c.id)}>{c.queue}</dd>
        </div>
        <div>
          <dt>{t('carriers.sentToday')}</dt>
          <dd data-testid={ids.sentToday(c.id)}>{c.sentToday}</dd>
        </div>
      </dl>
      {props.modems && props.modems.length > 0 ? (
        <ul className="carrier-modems" aria-label={t('carriers.modems')}>
          {props.modems.map((m) => (
            <ModemRow key={m.id} modem={m} own={props.modems!.length === 1 && m.id === c.id} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
