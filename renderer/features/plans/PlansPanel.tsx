// "Plans and rosters" in the dock: the alert plans (administrators edit them), the on-call
// rosters (dispatchers edit them too: swaps and sick days are daily work), their Excel export
// and import, and the phones allowed to launch plans by SMS. Nothing loads until it is opened.
import { useEffect, useState } from 'react';
import type { SmsLauncher } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import { PlanEditor } from './PlanEditor.js';
import { RostersAdmin } from './RostersAdmin.js';
import { usePlansList } from './PlansBar.js';
import { plansTestIds as ids } from './testids.js';

type Tab = 'plans' | 'rosters' | 'sms';

export function PlansPanel(props: { initiallyOpen?: boolean }) {
  const t = useT();
  const [open, setOpen] = useState(props.initiallyOpen ?? false);
  const [tab, setTab] = useState<Tab>('plans');
  const role = useAppStore((s) => s.session.user?.role);
  return (
    <details className="panel plans-panel" data-testid={ids.panel} open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>
        <h2>{t('plans.panel')}</h2>
      </summary>
      {open ? (
        <div className="plans-panel-body">
          <div className="plans-tabs" role="tablist">
            {(['plans', 'rosters', ...(role === 'admin' ? (['sms'] as const) : [])] as Tab[]).map((name) => (
              <button key={name} type="button" role="tab" aria-selected={tab === name} className={`button small ${tab === name ? 'primary' : 'ghost'}`} onClick={() => setTab(name)} data-testid={ids.tab(name)}>
                {t(`plans.tab.${name}`)}
              </button>
            ))}
          </div>
          {tab === 'plans' ? <PlansList /> : tab === 'rosters' ? <RostersAdmin /> : <SmsLaunchers />}
        </div>
      ) : null}
    </details>
  );
}

function PlansList() {
  const t = useT();
  const list = usePlansList();
  const role = useAppStore((s) => s.session.user?.role);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  if (!list) return <p className="muted">…</p>;
  const plan = typeof editing === 'number' ? list.find((p) => p.id === editing) : undefined;
  return (
    <div className="plans-list">
      <table className="plans-table">
        <thead>
          <tr>
            <th>{t('plans.col.code')}</th>
            <th>{t('plans.col.name')}</th>
            <th>{t('plans.col.text')}</th>
            <th>{t('plans.col.kind')}</th>
            <th>{t('plans.col.chain')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((p, i) => (
            <tr key={p.id} data-testid={ids.planRow(p.code)}>
              <td>
                <strong>{p.code}</strong>
                {i < 9 ? <kbd className="plan-kbd">Alt+Shift+{i + 1}</kbd> : null}
              </td>
              <td>{p.name}</td>
              <td className="plan-text-cell">{p.text}</td>
              <td>{t(`plans.kind.${p.kind}`)}{p.confirm ? `, ${t('plans.waitShort', { minutes: p.confirm.afterMinutes })}` : ''}</td>
              <td>{p.chain.map((s) => t(`plans.step.${s.kind}`)).join(' → ') || '—'}</td>
              <td>
                <button type="button" className="button small ghost" onClick={() => setEditing(p.id)}>
                  {role === 'admin' ? t('plans.edit') : t('plans.view')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {role === 'admin' ? (
        <button type="button" className="button small" onClick={() => setEditing('new')}>
          {t('plans.new')}
        </button>
      ) : null}
      {editing !== null ? <PlanEditor key={String(editing)} plan={plan ?? null} readOnly={role !== 'admin'} onDone={() => setEditing(null)} /> : null}
    </div>
  );
}

function SmsLaunchers() {
  const t = useT();
  const station = useStation();
  const [rows, setRows] = useState<(Omit<SmsLauncher, 'login'> & { key: number })[] | null>(null);
  const [users, setUsers] = useState<{ id: number; login: string; name: string }[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => {
    if (!station.request) return;
    void station.request('plans.smsLaunchers', {}).then((r) => setRows(r.launchers.map((l, key) => ({ ...l, key }))));
    void station.request('users.list', {}).then((r) => setUsers(r.users.filter((u) => !u.disabled && u.role !== 'viewer')));
  }, [station]);
  if (!rows) return <p className="muted">…</p>;
  const save = async () => {
    try {
      const r = await station.request!('plans.smsLaunchers.save', { launchers: rows.map((l) => ({ phone: l.phone, userId: l.userId, note: l.note })) });
      setRows(r.launchers.map((l, key) => ({ ...l, key })));
      setStatus(t('plans.saved'));
    } catch (err) {
      setStatus(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <div className="sms-launchers">
      <p className="muted">{t('plans.sms.hint')}</p>
      {rows.map((r, i) => (
        <div key={r.key} className="plans-row">
          <input aria-label={t('plans.sms.phone')} value={r.phone} placeholder="+7 916 123-45-67" onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, phone: e.target.value } : x)))} />
          <select aria-label={t('plans.sms.user')} value={r.userId} onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, userId: Number(e.target.value) } : x)))}>
            {users.map((u) => (
              <option key={u.id} value={u.id}>{`${u.name} (${u.login})`}</option>
            ))}
          </select>
          <input aria-label={t('plans.sms.note')} value={r.note ?? ''} placeholder={t('plans.sms.note')} onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, note: e.target.value } : x)))} />
          <button type="button" className="button small ghost" onClick={() => setRows(rows.filter((_, j) => j !== i))}>{t('plans.remove')}</button>
        </div>
      ))}
      <div className="plans-row">
        <button type="button" className="button small" disabled={users.length === 0} onClick={() => setRows([...rows, { key: Date.now(), phone: '', userId: users[0]!.id, note: null }])}>
          {t('plans.sms.add')}
        </button>
        <button type="button" className="button small primary" onClick={save}>{t('plans.save')}</button>
        {status ? <span role="status">{status}</span> : null}
      </div>
    </div>
  );
}
