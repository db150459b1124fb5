// The plans bar above compose: one button per alert plan, in the panel's order; the first nine
// answer Alt+Shift+1…9. A click opens the launch dialog (fields, who is on duty, SMS and cost);
// a plan with no fields still asks once, because an alert to a district is not undone.
import { useEffect } from 'react';
import { useT } from '../../app/i18n/index.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import { LaunchDialog } from './LaunchDialog.js';
import { plansTestIds as ids } from './testids.js';
import './plans.css';

export function usePlansList() {
  const station = useStation();
  const list = useAppStore((s) => s.plans.list);
  const synced = useAppStore((s) => s.connection.synced);
  const loaded = useAppStore((s) => s.plansLoaded);
  useEffect(() => {
    if (!synced || !station.request) return;
    let live = true;
    station.request('plans.list', {}).then((r) => live && loaded(r.plans), () => undefined);
    return () => {
      live = false;
    };
  }, [synced, station, loaded]);
  return list;
}

export function PlansBar() {
  const t = useT();
  const list = usePlansList();
  const open = useAppStore((s) => s.openLaunch);
  const launching = useAppStore((s) => s.plans.launching);
  const role = useAppStore((s) => s.session.user?.role);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Physical digits, so the shortcut is the same in the Russian layout.
      const m = /^Digit([1-9])$/.exec(e.code);
      if (!m || !e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey) return;
      const plan = list?.[Number(m[1]) - 1];
      if (!plan) return;
      e.preventDefault();
      open(plan.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [list, open]);
  if (!list || list.length === 0 || role === 'viewer') return null;
  return (
    <>
    <section className="plans-bar" aria-label={t('plans.bar')} data-testid={ids.bar}>
      <h2 className="plans-bar-title">{t('plans.bar')}</h2>
      <ul>
        {list.map((p, i) => (
          <li key={p.id}>
            <button
              type="button"
              className={`button small plan-button priority-${p.priority}`}
              onClick={() => open(p.id)}
              title={i < 9 ? t('plans.shortcut', { n: i + 1 }) : undefined}
              aria-keyshortcuts={i < 9 ? `Alt+Shift+${i + 1}` : undefined}
              data-testid={ids.launchButton(p.code)}
            >
              <span className="plan-code">{p.code}</span> {p.name}
              {i < 9 ? <kbd aria-hidden="true">{i + 1}</kbd> : null}
            </button>
          </li>
        ))}
      </ul>
    </section>
    {/* Outside the bar: the dialog must not inherit the bar's one-line layout. */}
    {launching !== null ? <LaunchDialog planId={launching} onClose={() => open(null)} /> : null}
    </>
  );
}
