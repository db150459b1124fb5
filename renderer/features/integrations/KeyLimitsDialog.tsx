// A key's own rate limit: calls per minute and calls at once. Empty fields mean the station's
// default, shown beside them, so a monitoring system can be given room for its storms without
// raising the limit of every other script.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { ApiKeyView, RateLimitDefaults } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { Modal } from '../../ui/Modal.js';
import { integrationsTestIds as ids } from './testids.js';

const MAX = 10_000_000;

/** An empty field is the default (null); anything else must be a whole number in range. */
function parseLimit(raw: string): number | null | 'bad' {
  const s = raw.replace(/[\s\u00a0]/g, '');
  if (s === '') return null;
  if (!/^\d+$/.test(s)) return 'bad';
  const n = Number(s);
  return n >= 1 && n <= MAX ? n : 'bad';
}

export function KeyLimitsDialog(props: { apiKey: ApiKeyView; defaults: RateLimitDefaults | null; onSaved: (view: ApiKeyView) => void; onClose: () => void }) {
  const t = useT();
  const station = useStation();
  const rateId = useId();
  const burstId = useId();
  const hintId = useId();
  const first = useRef<HTMLInputElement>(null);
  const k = props.apiKey;
  const [rate, setRate] = useState(k.ratePerMinute != null ? String(k.ratePerMinute) : '');
  const [burst, setBurst] = useState(k.burst != null ? String(k.burst) : '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ratePerMinute = parseLimit(rate);
    const burstValue = parseLimit(burst);
    if (ratePerMinute === 'bad' || burstValue === 'bad') {
      setError(t('integrations.limits.bad', { max: MAX.toLocaleString() }));
      return;
    }
    setBusy(true);
    try {
      const { view } = await station.request!('apikeys.limits', { id: k.id, ratePerMinute, burst: burstValue });
      props.onSaved(view);
      props.onClose();
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  const d = props.defaults;
  return (
    <Modal title={t('integrations.limits.title', { name: k.name })} testId={ids.limitsDialog} describedBy={hintId} initialFocus={first} onClose={props.onClose}>
      <form className="modal-form" onSubmit={(e) => void submit(e)}>
        <p id={hintId} className="hint">
          {d ? t('integrations.limits.hint', { perMinute: d.perMinute, burst: d.burst }) : t('integrations.limits.hintNoDefaults')}
        </p>
        <div className="field">
          <label htmlFor={rateId}>{t('integrations.limits.perMinute')}</label>
          <input
            ref={first}
            id={rateId}
            inputMode="numeric"
            autoComplete="off"
            placeholder={d ? String(d.perMinute) : ''}
            value={rate}
            onChange={(e) => setRate(e.target.value)}
            data-testid={ids.limitsRate}
          />
        </div>
        <div className="field">
          <label htmlFor={burstId}>{t('integrations.limits.burst')}</label>
          <input
            id={burstId}
            inputMode="numeric"
            autoComplete="off"
            placeholder={d ? String(d.burst) : ''}
            value={burst}
            onChange={(e) => setBurst(e.target.value)}
            data-testid={ids.limitsBurst}
          />
        </div>
        {error ? (
          <p className="form-error" role="alert" data-testid={ids.dialogError}>
            {error}
          </p>
        ) : null}
        <div className="modal-actions">
          <button type="button" className="button" onClick={props.onClose} data-testid={ids.cancel}>
            {t('integrations.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={busy} data-testid={ids.limitsSave}>
            {t('integrations.limits.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** "6 000/min, 5 000 at once" with "(default)" when the key has no figures of its own. */
export function useLimitText(): (k: ApiKeyView, d: RateLimitDefaults | null) => string {
  const t = useT();
  return (k, d) => {
    const perMinute = k.ratePerMinute ?? d?.perMinute;
    const burst = k.burst ?? d?.burst;
    if (perMinute === undefined || burst === undefined) return '';
    const own = k.ratePerMinute != null || k.burst != null;
    return t(own ? 'integrations.limits.own' : 'integrations.limits.default', { perMinute: perMinute.toLocaleString(), burst: burst.toLocaleString() });
  };
}
