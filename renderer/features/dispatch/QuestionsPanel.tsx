// Confirmations and polls on the board: escalation alerts naming who is silent (announced to
// screen readers, with a sound cue), and per question its live tally: options, who answered
// what (and what they said before), who is silent, and the escalation clock.
import { memo, useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ConfirmAlert, Tally } from '../../../shared/protocol/index.js';
import { useT, useTimeFormat } from '../../app/i18n/index.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import { Panel } from '../../ui/Panel.js';
import { useHeldList } from '../../ui/useHeldList.js';
import { BroadcastActions } from '../board/BroadcastActions.js';
import { silentNames } from './slice.js';
import { dispatchTestIds as ids } from './testids.js';
import './dispatch.css';

/** Questions shown; the board keeps the rest. */
const SHOWN = 6;

function useNames() {
  const t = useT();
  return (people: readonly { name: string | null; phone: string }[]) => {
    const { names, more } = silentNames(people);
    return more > 0 ? t('questions.silentMore', { names: names.join(', '), more }) : names.join(', ');
  };
}

/** A short two-tone beep, so an escalation is heard across the room. */
function beep(): void {
  try {
    const Ctx = (globalThis as { AudioContext?: typeof AudioContext }).AudioContext;
    if (!Ctx) return;
    const ctx = new Ctx();
    const osc = ctx.createOscillator();
    osc.frequency.setValueAtTime(880, ctx.currentTime);
    osc.frequency.setValueAtTime(660, ctx.currentTime + 0.15);
    osc.connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.3);
  } catch {
    /* No audio device: the banner is still there. */
  }
}

function AlertBanner({ alert }: { alert: ConfirmAlert }) {
  const t = useT();
  const names = useNames();
  const dismiss = useAppStore((s) => s.alertDismissed);
  const key = `alert.${alert.action}` as const;
  return (
    <li
      className={`confirm-alert alert-${alert.action}`}
      role="alert"
      data-testid={ids.alert(alert.broadcastId, alert.step)}
      data-action={alert.action}
      data-silent={alert.silent.length}
    >
      <span>
        {t(key, { id: alert.broadcastId, group: alert.group?.name ?? '', names: names(alert.silent), by: alert.by ? (alert.by.name ?? alert.by.phone) : '' })}
        {alert.refused ? ` ${t('alert.refusedCount', { count: alert.refused })}` : null}
      </span>
      <button type="button" className="button ghost" onClick={() => dismiss(alert.broadcastId, alert.step)}>
        {t('alert.dismiss')}
      </button>
    </li>
  );
}

const TallyCard = memo(function TallyCard({ id }: { id: number }) {
  const t = useT();
  const time = useTimeFormat();
  const names = useNames();
  const tally = useAppStore((s) => s.dispatch.tallies[id]);
  const summary = useAppStore((s) => s.board.byId[id]);
  if (!tally) return null;
  const esc = tally.escalation;
  const optionText = (n: number) => (n === 0 ? t('questions.other') : (tally.options[n - 1]?.text ?? String(n)));
  return (
    <li className="tally" data-testid={ids.tally(id)} data-answered={tally.answers.length} data-silent={tally.silent.length} data-closed={tally.closed}>
      <div className="tally-head">
        <span className="board-id">№{id}</span>
        <span className="board-text" title={summary?.text}>
          {summary?.text ?? ''}
        </span>
        <span className="muted">{t('questions.answered', { count: tally.answers.length })}</span>
        {tally.closed ? (
          <span className="badge" data-testid={ids.closed(id)}>
            {t('questions.closed')}
          </span>
        ) : null}
        {summary ? <BroadcastActions b={summary} tally={tally} close ids={{ close: ids.close(id), cancel: ids.cancel(id) }} /> : null}
      </div>
      {tally.escalates ? <p className="muted">{t('questions.escalates', { id: tally.escalates })}</p> : null}
      {tally.kind === 'poll' ? <TallyBars tally={tally} /> : null}
      {tally.kind === 'confirm' && (tally.other ?? 0) > 0 ? (
        <p className="muted" data-testid={ids.other(id)} data-count={tally.other}>
          {t('questions.otherCount', { count: tally.other ?? 0 })}
        </p>
      ) : null}
      {/* Who is silent comes first: that is what the dispatcher acts on. */}
      <p className={tally.silent.length > 0 ? 'tally-silent' : 'muted'} data-testid={ids.silent(id)} data-count={tally.silent.length}>
        {tally.silent.length > 0 ? t('questions.silent', { count: tally.silent.length, names: names(tally.silent) }) : t('questions.nobodySilent')}
      </p>
      <ul className="tally-answers" aria-label={t('questions.whoAnswered')}>
        {tally.answers.map((a) => (
          <li
            key={a.phone}
            className={a.previous !== null ? 'tally-changed' : undefined}
            data-testid={ids.answer(id, a.phone)}
            data-option={a.option}
            data-previous={a.previous ?? ''}
            data-changes={a.changes}
          >
            {a.name ?? a.phone}: <b>{optionText(a.option)}</b>
            {/* A free-text answer is shown as written: "other" says nothing the dispatcher can act on. */}
            {a.option === 0 && a.text ? <span className="tally-free-text"> «{a.text}»</span> : null}
            {a.via === 'call' ? <span className="tally-was"> ({t('questions.byCall')})</span> : null}
            {a.previous !== null ? <span className="tally-was"> ({t('questions.changed', { previous: optionText(a.previous) })})</span> : null}
          </li>
        ))}
      </ul>
      {(tally.byEscalation ?? []).length > 0 ? (
        <ul className="tally-answers tally-by-escalation">
          {tally.byEscalation!.map((a) => (
            <li key={`${a.broadcastId}-${a.phone}`} data-testid={ids.byEscalation(id, a.phone)} data-option={a.option}>
              {t('questions.byEscalation', { name: a.name ?? a.phone })}: <b>{optionText(a.option)}</b>
              {a.option === 0 && a.text ? <span className="tally-free-text"> «{a.text}»</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <EscalationSteps tally={tally} />
      {esc ? (
        <p className="muted" data-testid={ids.escalation(id)} data-state={esc.state} data-step={esc.step}>
          {esc.state === 'open' && esc.dueAt !== null ? t('questions.escalation.open', { time: time(esc.dueAt) }) : t(`questions.escalation.${esc.state === 'open' ? 'done' : esc.state}`)}
        </p>
      ) : null}
    </li>
  );
});

/** The escalation steps that ran: whom each reached, and whom the author's rights left out (and why). */
function EscalationSteps({ tally }: { tally: Tally }) {
  const t = useT();
  const steps = tally.steps ?? [];
  if (steps.length === 0) return null;
  return (
    <ul className="tally-steps">
      {steps.map((st) => (
        <li
          key={`${st.step}-${st.action}`}
          className={st.refused.length > 0 ? 'tally-step-refused' : undefined}
          data-testid={ids.step(tally.broadcastId, st.step)}
          data-action={st.action}
          data-reached={st.reached}
          data-refused={st.refused.length}
        >
          {t(`questions.step.${st.action}`, { step: st.step, group: st.group?.name ?? '', reached: st.reached })}
          {st.refused.length > 0 ? (
            <span className="tally-step-why" title={st.refused.map((r) => `${r.target}: ${r.reason}`).join('\n')}>
              {' '}— {t('questions.step.refusedList', { names: st.refused.map((r) => r.target).join(', ') })}. {st.refused[0]!.reason}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** One bar per option, its share of the answers so far; the count is in the text, not only the bar. */
function TallyBars({ tally }: { tally: Tally }) {
  const t = useT();
  const answered = Math.max(tally.answers.length, 1);
  const changed = tally.answers.filter((a) => a.previous !== null).length;
  return (
    <>
      <ul className="tally-bars">
        {tally.options.map((o) => (
          <li key={o.n} data-testid={ids.option(tally.broadcastId, o.n)} data-count={o.count}>
            <span className="tally-bar-label">
              <b>{o.n}</b> {o.text}
            </span>
            <span className="tally-bar-track" aria-hidden="true">
              <span className="tally-bar" style={{ width: `${(o.count / answered) * 100}%` }} />
            </span>
            <span className="tally-bar-count">{t('questions.optionCount', { count: o.count, percent: Math.round((o.count / answered) * 100) })}</span>
          </li>
        ))}
        {(tally.other ?? 0) > 0 ? (
          <li data-testid={ids.other(tally.broadcastId)} data-count={tally.other}>
            <span className="tally-bar-label">{t('questions.other')}</span>
            <span className="tally-bar-track" aria-hidden="true">
              <span className="tally-bar tally-bar-other" style={{ width: `${((tally.other ?? 0) / answered) * 100}%` }} />
            </span>
            <span className="tally-bar-count">{t('questions.optionCount', { count: tally.other ?? 0, percent: Math.round(((tally.other ?? 0) / answered) * 100) })}</span>
          </li>
        ) : null}
      </ul>
      {changed > 0 ? (
        <p className="muted" data-testid={ids.changedCount(tally.broadcastId)} data-count={changed}>
          {t('questions.changedCount', { count: changed })}
        </p>
      ) : null}
    </>
  );
}

export function QuestionsPanel() {
  const t = useT();
  const station = useStation();
  const alerts = useAppStore(useShallow((s) => s.dispatch.alerts));
  const questionIds = useAppStore(
    useShallow((s) => s.board.order.filter((id) => {
      const b = s.board.byId[id];
      return b !== undefined && (b.kind === 'poll' || b.kind === 'confirm') && b.source !== 'system';
    }).slice(0, SHOWN)),
  );
  const missing = useAppStore(useShallow((s) => questionIds.filter((id) => !s.dispatch.tallies[id])));
  const received = useAppStore((s) => s.talliesReceived);

  // The snapshot has no tallies: fetch those of the questions on the board once.
  useEffect(() => {
    if (!station.request) return;
    for (const id of missing) {
      station.request('broadcast.tally', { broadcastId: id }).then((tally) => received([tally]), () => undefined);
    }
  }, [missing, station, received]);

  const newest = alerts[0];
  useEffect(() => {
    if (newest) beep();
  }, [newest]);

  const held = useHeldList(questionIds);
  const waiting =
    held.waiting > 0 ? (
      <button type="button" className="button small board-waiting" onClick={held.release} title={t('board.waitingTitle')} data-testid={ids.waiting} data-count={held.waiting}>
        {t('board.waiting', { count: held.waiting })}
      </button>
    ) : null;

  return (
    <Panel title={t('questions.heading')} testId={ids.questions} className="panel-questions" actions={waiting}>
      {alerts.length > 0 ? (
        <ul className="confirm-alerts" aria-live="assertive">
          {alerts.map((a) => (
            <AlertBanner key={`${a.broadcastId}-${a.step}`} alert={a} />
          ))}
        </ul>
      ) : null}
      {questionIds.length === 0 ? (
        <p className="empty">{t('questions.empty')}</p>
      ) : (
        <ul className="tally-list" {...held.bind}>
          {held.ids.map((id) => (
            <TallyCard key={id} id={id} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
