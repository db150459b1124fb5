// The second chance before anything goes out: exactly how many people get it, how many SMS that
// is (a range per person when {name} makes texts differ) and what it adds to the month's bill
// under the current tariff, who is refused and why, and when it goes. Above the admin's
// thresholds (SMS per person, SMS in all) Send asks once more. When nobody would get it there is
// no Send at all, only the reasons. Enter sends (or takes the next step), Escape goes back.
// Figures are the station's preview for what is on screen; while that is being counted, Send waits.
import { useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { PreviewResult } from '../../../shared/protocol/index.js';
import { useT, type Translate } from '../../app/i18n/index.js';
import { useAppStore } from '../../app/store.js';
import { Modal } from '../../ui/Modal.js';
import { rub } from '../billing/money.js';
import { scheduleOf } from './request.js';
import { composeTestIds as ids } from './testids.js';

/** Which of the admin's thresholds this send is above, with the figures to say so. */
export function overLimits(p: PreviewResult): { perPerson: { count: number; limit: number } | null; total: { count: number; limit: number } | null } {
  const perPersonCount = p.segmentsMax ?? p.segments;
  const perPersonLimit = p.limits?.smsPerPerson ?? null;
  const totalLimit = p.limits?.smsTotal ?? null;
  return {
    perPerson: perPersonLimit !== null && perPersonCount > perPersonLimit ? { count: perPersonCount, limit: perPersonLimit } : null,
    total: totalLimit !== null && p.smsTotal > totalLimit ? { count: p.smsTotal, limit: totalLimit } : null,
  };
}

function CostLine(props: { preview: PreviewResult; t: Translate; locale: 'ru' | 'en' }) {
  const { preview, t, locale } = props;
  const c = preview.cost;
  if (!c) {
    return (
      <p className="muted" data-testid={ids.checkCost}>
        {t('compose.check.costUnknown')}
      </p>
    );
  }
  const text =
    c.rub === 0 && c.leftBefore !== null
      ? t('compose.check.costInside', { plan: c.planName, left: c.leftBefore })
      : c.overSms > 0
        ? t('compose.check.costOver', { amount: rub(locale, c.rub), plan: c.planName, over: c.overSms, price: rub(locale, c.overagePrice) })
        : t('compose.check.costFlat', { amount: rub(locale, c.rub), plan: c.planName });
  return (
    <p className="check-cost" data-testid={ids.checkCost} data-rub={c.rub} data-over={c.overSms}>
      {text}
    </p>
  );
}

export function SendCheck(props: { text: string; onSend: () => void }) {
  const t = useT();
  // Focus starts on the dialog itself, so Enter and Escape work even while Send still waits.
  const box = useRef<HTMLDivElement>(null);
  const confirmOver = useRef<HTMLButtonElement>(null);
  const [asked, setAsked] = useState(false);
  const { preview, stale, previewError, kind, scheduledAt, close, locale } = useAppStore(
    useShallow((s) => ({
      preview: s.compose.preview,
      stale: s.compose.previewStale,
      previewError: s.compose.previewError,
      kind: s.compose.kind,
      scheduledAt: s.compose.scheduledAt,
      close: s.confirmClosed,
      locale: s.prefs.locale,
    })),
  );
  const ready = preview !== null && !stale;
  const nobody = ready && preview.recipients === 0;
  const canSend = ready && preview.recipients > 0;
  const min = preview?.segments ?? 0;
  const max = preview?.segmentsMax ?? min;
  const at = scheduleOf(scheduledAt);
  const over = ready ? overLimits(preview) : { perPerson: null, total: null };
  const needsSecondAsk = over.perPerson !== null || over.total !== null;

  const send = () => {
    if (!canSend) return;
    if (needsSecondAsk && !asked) {
      setAsked(true);
      // The second button appears where the first was; it takes the focus so Enter is the second yes.
      queueMicrotask(() => confirmOver.current?.focus());
      return;
    }
    props.onSend();
  };

  // Enter anywhere in the dialog takes the next step, except on "Back", which Enter presses as usual.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || (e.target as HTMLElement).dataset.testid === ids.checkCancel) return;
    e.preventDefault();
    send();
  };

  const refusals = ready && preview.refused.length > 0 ? (
    <div className="refused" data-testid={ids.checkRefused}>
      <p>{nobody ? t('compose.check.nobodyWhy') : t('compose.check.refused', { count: preview.refused.length })}</p>
      <ul>
        {preview.refused.map((r, i) => (
          <li key={`${r.kind}:${r.target}:${i}`}>{t('compose.refusal', { target: r.target, reason: r.reason })}</li>
        ))}
      </ul>
    </div>
  ) : null;

  return (
    <Modal title={t('compose.check.title')} testId={ids.check} onClose={close} initialFocus={box} role="alertdialog">
      <div ref={box} tabIndex={-1} onKeyDown={onKeyDown} className="send-check">
        {!ready ? (
          previewError ? (
            <p className="form-error" role="alert" data-testid={ids.checkError}>
              {t('compose.check.previewFailed', { message: previewError })}
            </p>
          ) : (
            <p className="hint" role="status">
              {t('compose.check.counting')}
            </p>
          )
        ) : nobody ? (
          <>
            <p className="form-error" role="alert" data-testid={ids.checkPeople} data-count={0}>
              {t('compose.check.nobody')}
            </p>
            {refusals}
          </>
        ) : (
          <>
            <p className="check-people" data-testid={ids.checkPeople} data-count={preview.recipients}>
              {t('compose.check.people', { count: preview.recipients })}
            </p>
            <p className="check-sms" data-testid={ids.checkSms} data-count={preview.smsTotal} data-min={min} data-max={max}>
              {t('compose.check.sms', { count: preview.smsTotal })} ·{' '}
              {max > min ? t('compose.check.perPersonRange', { min, max }) : t('compose.check.perPerson', { segments: min })}
            </p>
            <CostLine preview={preview} t={t} locale={locale} />
            {needsSecondAsk ? (
              <div className="check-over" role="alert" data-testid={ids.checkOver}>
                <p>{t('compose.check.over')}</p>
                <ul>
                  {over.perPerson ? <li>{t('compose.check.overPerPerson', over.perPerson)}</li> : null}
                  {over.total ? <li>{t('compose.check.overTotal', over.total)}</li> : null}
                </ul>
              </div>
            ) : null}
            <p className="muted">{t('compose.check.kind', { kind: t(`compose.kind.${kind}`) })}</p>
            {/* What they will read, once more: a wrong text is the costliest slip. */}
            <pre className="check-text" data-testid={ids.checkText}>
              {props.text}
            </pre>
            {at !== undefined && at > Date.now() ? (
              <p className="muted" data-testid={ids.checkScheduled}>
                {t('compose.check.scheduled', {
                  time: new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(at),
                })}
              </p>
            ) : null}
            {refusals}
          </>
        )}
        <p className="hint">{t('compose.check.keys')}</p>
        <div className="modal-actions">
          <button type="button" className="button ghost" onClick={close} data-testid={ids.checkCancel}>
            {t('compose.check.cancel')}
          </button>
          {nobody ? null : asked && canSend ? (
            <>
              <span className="check-over-ask">{t('compose.check.overAsk', { count: preview.smsTotal })}</span>
              <button ref={confirmOver} type="button" className="button danger-solid" onClick={props.onSend} data-testid={ids.checkConfirmOver}>
                {t('compose.check.confirmOver', { count: preview.smsTotal })}
              </button>
            </>
          ) : (
            <button type="button" className="button primary" disabled={!canSend} onClick={send} data-testid={ids.checkSend}>
              {needsSecondAsk ? t('compose.check.sendAnyway') : t('compose.check.send')}
            </button>
          )}
        </div>
      </div>
    </Modal>
  );
}
