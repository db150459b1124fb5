// Under a board row that a plan launched: the plan, a drill mark, who was on duty, and the calls
// ("звонок 03:12 — не ответил", "перезвонил 03:14 — подтвердил звонком"), live by plans.calls.
import { useEffect } from 'react';
import type { CallView } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { useShortTime } from './time.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import { plansTestIds as ids } from './testids.js';

export function LaunchLine(props: { broadcastId: number }) {
  const t = useT();
  const time = useShortTime();
  const station = useStation();
  const info = useAppStore((s) => s.plans.launches[props.broadcastId]);
  const loaded = useAppStore((s) => s.launchLoaded);
  const synced = useAppStore((s) => s.connection.synced);
  useEffect(() => {
    if (info !== undefined || !synced || !station.request) return;
    let live = true;
    station.request('plans.launchInfo', { broadcastId: props.broadcastId }).then((v) => live && loaded(props.broadcastId, v), () => undefined);
    return () => {
      live = false;
    };
  }, [info, synced, station, loaded, props.broadcastId]);
  if (!info) return null;
  return (
    <div className="plan-board-line" data-testid={ids.boardLine(props.broadcastId)} data-drill={info.drill}>
      <span className="plan-tag">
        {info.drill ? <span className="drill-badge">{t('plans.board.drill')}</span> : null}
        {t('plans.board.plan', { code: info.code, name: info.name })}
      </span>
      {info.onDuty.map((d) => (
        <span key={`${d.groupId}:${d.role}`} className="muted">
          {t('plans.board.onDuty', { group: d.groupName, role: d.role, names: d.people.map((p) => p.name ?? p.phone).join(', ') || '—' })}
        </span>
      ))}
      {info.calls.length > 0 ? (
        <ul className="plan-calls">
          {info.calls.map((c) => (
            <li key={c.id} className={`call call-${c.direction} call-${c.state} ${c.confirmed ? 'confirmed' : ''}`} data-testid={ids.call(c.id)} data-state={c.state} data-confirmed={c.confirmed}>
              {callText(t, time, c)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function callText(t: ReturnType<typeof useT>, time: (ms: number) => string, c: CallView): string {
  const who = c.name ?? c.phone;
  if (c.direction === 'in') return t(c.confirmed ? 'plans.call.confirmed' : 'plans.call.in', { who, time: time(c.at) });
  return t(`plans.call.${c.state}`, { who, time: time(c.at) });
}
