// The second chance before anything goes out: exactly how many people get it and how many SMS
// that costs (a range per person when {name} makes texts differ), who is refused, and when it
// goes. Enter sends, Escape goes back to the text. Figures are the station's preview for what
// is on screen; while that is being counted, Send waits.
import { useRef, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../app/i18n/index.js';
import { useAppStore } from '../../app/store.js';
import { Modal } from '../../ui/Modal.js';
import { scheduleOf } from './request.js';
import { composeTestIds as ids } from './testids.js';

export function SendCheck(props: { text: string; onSend: () => void }) {
  const t = useT();
  // Focus starts on the dialog itself, so Enter and Escape work even while Send still waits.
  const box = useRef<HTMLDivElement>(null);
  const { preview, stale, kind, scheduledAt, close, locale } = useAppStore(
    useShallow((s) => ({
      preview: s.compose.preview,
      stale: s.compose.previewStale,
      kind: s.compose.kind,
      scheduledAt: s.compose.scheduledAt,
      close: s.confirmClosed,
      locale: s.prefs.locale,
    })),
  );
  const ready = preview !== null && !stale;
  const canSend = ready && preview.recipients > 0;
  const min = preview?.segments ?? 0;
  const max = preview?.segmentsMax ?? min;
  const at = scheduleOf(scheduledAt);

  // Enter anywhere in the dialog sends, except on "Back", which Enter presses as usual.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || (e.target as HTMLElement).dataset.testid === ids.checkCancel) return;
    e.preventDefault();
    if (canSend) props.onSend();
  };

  return (
    <Modal title={t('compose.check.title')} testId={ids.check} onClose={close} initialFocus={box} role="alertdialog">
      <div ref={box} tabIndex={-1} onKeyDown={onKeyDown} className="send-check">
        {!ready ? (
          <p className="hint" role="status">
            {t('compose.check.counting')}
          </p>
        ) : preview.recipients === 0 ? (
          <p className="form-error" role="status" data-testid={ids.checkPeople} data-count={0}>
            {t('compose.check.nobody')}
          </p>
        ) : (
          <>
            <p className="check-people" data-testid={ids.checkPeople} data-count={preview.recipients}>
              {t('compose.check.people', { count: preview.recipients })}
            </p>
            <p className="check-sms" data-testid={ids.checkSms} data-count={preview.smsTotal} data-min={min} data-max={max}>
              {t('compose.check.sms', { count: preview.smsTotal })} ·{' '}
              {max > min ? t('compose.check.perPersonRange', { min, max }) : t('compose.check.perPerson', { segments: min })}
            </p>
            <p className="muted">{t('compose.check.kind', { kind: t(`compose.kind.${kind}`) })}</p>
            {/* What they will read, once more: a wrong text is the costliest slip. */}
            <pre className="check-text" data-testid={ids.checkText}>
              {props.text}
            </pre>
            {at !== undefined && at > Date.now() ? (
              <p className="muted">
                {t('compose.check.scheduled', {
                  time: new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(at),
                })}
              </p>
            ) : null}
            {preview.refused.length > 0 ? (
              <div className="refused">
                <p>{t('compose.check.refused', { count: preview.refused.length })}</p>
                <ul>
                  {preview.refused.map((r, i) => (
                    <li key={`${r.kind}:${r.target}:${i}`}>{t('compose.refusal', { target: r.target, reason: r.reason })}</li>
                  ))}
                </ul>
              </div>
            ) : null}
          </>
        )}
        <p className="hint">{t('compose.check.keys')}</p>
        <div className="modal-actions">
          <button type="button" className="button ghost" onClick={close} data-testid={ids.checkCancel}>
            {t('compose.check.cancel')}
          </button>
          <button type="button" className="button primary" disabled={!canSend} onClick={props.onSend} data-testid={ids.checkSend}>
            {t('compose.check.send')}
          </button>
        </div>
      </div>
    </Modal>
  );
}
