// Administrator's tools: pick a serial port (the list the OS gives, or a typed path, since ptys
// and /dev/serial/by-id names are not listed), probe it and read what the modem answered, and
// send a test SMS through one chosen carrier (stored and audited like any other send).
import { useEffect, useId, useState } from 'react';
import type { CarrierStatus, ProbeResult, SerialPortView } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { StatusBadge } from '../../ui/StatusBadge.js';
import { useMessage } from '../feed/selectors.js';
import { carriersTestIds as ids } from './testids.js';

const BAUD_RATES = [9600, 19200, 38400, 57600, 115200, 230400, 460800] as const;

export function ProbeVerdict(props: { result: ProbeResult }) {
  const t = useT();
  const v = props.result.verdict;
  const unknown = t('carriers.signalUnknown');
  return (
    <div className={`probe-verdict ${v.ok ? 'ok' : 'bad'}`} role="status" data-testid={ids.verdict} data-code={v.code} data-ok={v.ok}>
      <p>
        <strong>{t(`carriers.verdict.${v.code}`)}</strong>
      </p>
      {v.code !== 'unreachable' && v.code !== 'silent' ? (
        <p className="muted">
          {t('carriers.verdict.facts', {
            signal: v.signal === null ? unknown : `${v.signal}%`,
            registration: t(`carriers.registration.${v.registration}`),
            sim: v.sim === null ? unknown : v.sim === 'READY' ? t('carriers.sim.READY') : v.sim,
          })}
        </p>
      ) : null}
      {/* The station's own sentence (English, technical): what an engineer on the phone asks for. */}
      <p className="muted probe-sentence">{v.sentence}</p>
    </div>
  );
}

export function ProbeAnswers(props: { result: ProbeResult }) {
  const t = useT();
  const r = props.result;
  const transcript = r.answers.map((a) => [`> ${a.command}`, ...a.lines].join('\n')).join('\n\n');
  return (
    <figure className="probe-answers">
      <figcaption>{t('carriers.probe.answers', { path: r.path, baud: r.baudRate, ms: r.tookMs })}</figcaption>
      <pre data-testid={ids.answers}>{transcript}</pre>
      {r.unsolicited.length > 0 ? (
        <>
          <figcaption>{t('carriers.probe.unsolicited')}</figcaption>
          <pre>{r.unsolicited.join('\n')}</pre>
        </>
      ) : null}
    </figure>
  );
}

function PortProbe() {
  const t = useT();
  const station = useStation();
  const pathId = useId();
  const baudId = useId();
  const listId = useId();
  const [ports, setPorts] = useState<SerialPortView[] | null>(null);
  const [path, setPath] = useState('');
  const [baud, setBaud] = useState(115200);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ProbeResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const loadPorts = async () => {
    try {
      const r = await station.request!('carriers.ports', {});
      setPorts(r.ports);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  useEffect(() => {
    void loadPorts();
    // Once, when the tools open; the button refreshes on demand.
  }, []);

  const probe = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await station.request!('carriers.probe', { path: path.trim(), baudRate: baud }));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="carrier-tool" aria-labelledby={`${pathId}-h`}>
      <h3 id={`${pathId}-h`}>{t('carriers.ports')}</h3>
      {ports !== null && ports.length > 0 ? (
        <ul className="port-list" aria-label={t('carriers.ports.choose')} data-testid={ids.portList}>
          {ports.map((p) => (
            <li key={p.path}>
              <button type="button" className={`button small ${p.path === path ? 'primary' : ''}`} onClick={() => setPath(p.path)} aria-pressed={p.path === path}>
                <span className="mono">{p.path}</span>
                {p.manufacturer ? <span className="muted"> {p.manufacturer}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : ports !== null ? (
        <p className="muted">{t('carriers.ports.none')}</p>
      ) : null}
      <form
        className="carrier-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (path.trim() && !busy) void probe();
        }}
      >
        <label htmlFor={pathId}>{t('carriers.ports.path')}</label>
        <input
          id={pathId}
          className="mono"
          list={listId}
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder={t('carriers.ports.placeholder')}
          spellCheck={false}
          autoComplete="off"
          data-testid={ids.portPath}
        />
        <datalist id={listId}>{ports?.map((p) => <option key={p.path} value={p.path} />)}</datalist>
        <label htmlFor={baudId}>{t('carriers.ports.baud')}</label>
        <select id={baudId} value={baud} onChange={(e) => setBaud(Number(e.target.value))} data-testid={ids.baud}>
          {BAUD_RATES.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
        <div className="carrier-form-actions">
          <button type="submit" className="button primary" disabled={busy || !path.trim()} data-testid={ids.probe}>
            {busy ? t('carriers.probing') : t('carriers.probe')}
          </button>
          <button type="button" className="button" onClick={() => void loadPorts()}>
            {t('carriers.ports.refresh')}
          </button>
        </div>
        <p className="hint">{t('carriers.ports.typed')}</p>
      </form>
      {error ? (
        <p className="form-error" role="alert" data-testid={ids.probeError}>
          {t('carriers.probe.failed', { message: error })}
        </p>
      ) : null}
      {result ? (
        <>
          <ProbeVerdict result={result} />
          {result.answers.length > 0 ? <ProbeAnswers result={result} /> : null}
        </>
      ) : null}
    </section>
  );
}

function TestSendStatus(props: { messageId: number; carrier: string }) {
  const t = useT();
  const m = useMessage(props.messageId);
  return (
    <p className="carrier-test-result" role="status" data-testid={ids.testResult} data-message-id={props.messageId} data-status={m?.status ?? 'queued'}>
      {t('carriers.test.queued', { id: props.messageId, carrier: props.carrier })}{' '}
      {m ? (
        <>
          {t('carriers.test.status')}: <StatusBadge status={m.status} />
          {m.error ? <span className="feed-error"> — {m.error}</span> : null}
        </>
      ) : null}
    </p>
  );
}

function TestSend(props: { carriers: CarrierStatus[] }) {
  const t = useT();
  const station = useStation();
  const id = useId();
  const [carrierId, setCarrierId] = useState(props.carriers[0]?.id ?? '');
  const [phone, setPhone] = useState('');
  const [text, setText] = useState(() => t('carriers.test.defaultText'));
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<{ messageId: number; carrier: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const chosen = props.carriers.find((c) => c.id === carrierId) ?? props.carriers[0];

  const send = async () => {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      const r = await station.request!('carriers.testSend', { carrierId: chosen.id, phone: phone.trim(), text: text.trim() });
      setSent({ messageId: r.messageId, carrier: chosen.name });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="carrier-tool" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('carriers.test')}</h3>
      <form
        className="carrier-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) void send();
        }}
      >
        <label htmlFor={`${id}-c`}>{t('carriers.test.carrier')}</label>
        <select id={`${id}-c`} value={chosen?.id ?? ''} onChange={(e) => setCarrierId(e.target.value)} data-testid={ids.testCarrier}>
          {props.carriers.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} — {t(`carrier.state.${c.state}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-p`}>{t('carriers.test.phone')}</label>
        <input id={`${id}-p`} type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} placeholder="+7 916 000-00-00" autoComplete="off" data-testid={ids.testPhone} />
        <label htmlFor={`${id}-t`}>{t('carriers.test.text')}</label>
        <input id={`${id}-t`} value={text} onChange={(e) => setText(e.target.value)} maxLength={1000} data-testid={ids.testText} />
        <div className="carrier-form-actions">
          <button type="submit" className="button primary" disabled={busy || !chosen || !phone.trim() || !text.trim()} data-testid={ids.testSend}>
            {busy ? t('carriers.test.sending') : t('carriers.test.send')}
          </button>
        </div>
      </form>
      {error ? (
        <p className="form-error" role="alert" data-testid={ids.testError}>
          {t('carriers.test.failed', { message: error })}
        </p>
      ) : null}
      {sent ? <TestSendStatus messageId={sent.messageId} carrier={sent.carrier} /> : null}
    </section>
  );
}

export function CarrierTools(props: { carriers: CarrierStatus[]; initiallyOpen?: boolean }) {
  const t = useT();
  const [open, setOpen] = useState(props.initiallyOpen ?? false);
  return (
    <details className="carrier-tools" data-testid={ids.tools} open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('carriers.tools')}</summary>
      {/* Mounted only when opened: the port list is read from the OS then, not on every page load. */}
      {open ? (
        <div className="carrier-tools-body">
          <PortProbe />
          <TestSend carriers={props.carriers} />
        </div>
      ) : null}
    </details>
  );
}
