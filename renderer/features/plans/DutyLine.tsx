// In the group panel, under a group with rosters: who is on duty now and who is next, per role.
// Asked once when the desk syncs and again whenever a roster changes (rosters.changed), and
// refreshed as shifts hand over.
import { useEffect } from 'react';
import { useT } from '../../app/i18n/index.js';
import { useShortTime } from './time.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import { DutyPeople } from './DutyPeople.js';
import { plansTestIds as ids } from './testids.js';

/** Loads every roster's duty once per desk; shared by all group rows. */
export function useDuty() {
  const station = useStation();
  const duty = useAppStore((s) => s.plans.duty);
  const version = useAppStore((s) => s.plans.rosterVersion);
  const synced = useAppStore((s) => s.connection.synced);
  const loaded = useAppStore((s) => s.dutyLoaded);
  useEffect(() => {
    if (!synced || !station.request) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () =>
      station.request!('rosters.duty', {}).then(
        (r) => {
          if (!live) return;
          loaded(r.duty);
          // Ask again when the first shift under way or to come changes hands.
          const next = Math.min(...r.duty.flatMap((d) => [d.nowUntil ?? Infinity, d.nextAt ?? Infinity]));
          if (Number.isFinite(next)) timer = setTimeout(load, Math.min(Math.max(next - r.at + 1_000, 5_000), 3_600_000));
        },
        () => undefined,
      );
    void load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [synced, station, loaded, version]);
  return duty;
}

export function DutyLine(props: { groupId: number }) {
  const t = useT();
  const time = useShortTime();
  const duty = useAppStore((s) => s.plans.duty);
  const mine = duty?.filter((d) => d.groupId === props.groupId) ?? [];
  if (mine.length === 0) return null;
  return (
    <div className="duty-line" data-testid={ids.duty(props.groupId)}>
      {mine.map((d) => {
        const names = (people: typeof d.now) => people.map((p) => p.name ?? p.phone).join(', ');
        const title = `${d.role}: ${names(d.now) || t('plans.duty.nobody')}${d.nextAt ? `\n${t('plans.duty.next', { time: time(d.nextAt) })} ${names(d.next)}` : ''}`;
        return (
          <div key={d.rosterId} className="duty-role-line" title={title}>
            <p className="duty-now">
              <span className="duty-role">{mine.length > 1 ? `${d.role}:` : t('plans.duty.nowShort')}</span> <DutyPeople people={d.now} />
            </p>
            {d.next.length > 0 && d.nextAt ? (
              <p className="muted duty-next">
                {t('plans.duty.next', { time: time(d.nextAt) })} <DutyPeople people={d.next} />
              </p>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
