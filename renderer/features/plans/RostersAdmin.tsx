// On-call rosters: the list (who is on duty now), Excel export and import, and the editor of one
// roster: its group, role and time zone, a pattern (day/night, 2/2, weekly, or shifts by hand),
// teams, one-off shifts and exceptions (leave, sickness, swaps), with the next week's shifts as
// the station resolves them.
import { useEffect, useState } from 'react';
import type { RosterInput, RosterView, ShiftView } from '../../../shared/protocol/index.js';
import { dayNightRotation, twoTwoRotation, weeklyRotation, type Rotation } from '../../../shared/plans/roster-patterns.js';
import { useT } from '../../app/i18n/index.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import { base64ToBytes, fileToBase64, saveBlob } from '../contacts/files.js';
import { DutyPeople } from './DutyPeople.js';
import { useDuty } from './DutyLine.js';
import { plansTestIds as ids } from './testids.js';
import { useShortTime } from './time.js';

const ZONES = ['Europe/Kaliningrad', 'Europe/Moscow', 'Europe/Samara', 'Asia/Yekaterinburg', 'Asia/Omsk', 'Asia/Novosibirsk', 'Asia/Krasnoyarsk', 'Asia/Irkutsk', 'Asia/Yakutsk', 'Asia/Vladivostok', 'Asia/Magadan', 'Asia/Kamchatka'];
const today = () => new Date().toISOString().slice(0, 10);

export function RostersAdmin() {
  const t = useT();
  const station = useStation();
  const duty = useDuty();
  const groups = useAppStore((s) => s.directory.groups);
  const role = useAppStore((s) => s.session.user?.role);
  const [list, setList] = useState<{ rosters: RosterView[]; roles: string[] } | null>(null);
  const [editing, setEditing] = useState<RosterView | 'new' | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const version = useAppStore((s) => s.plans.rosterVersion);
  useEffect(() => {
    if (!station.request) return;
    void station.request('rosters.list', {}).then(setList, () => undefined);
  }, [station, version]);
  if (!list) return <p className="muted">…</p>;
  const groupName = (id: number) => groups.find((g) => g.id === id)?.name ?? `#${id}`;
  const exportXlsx = async () => {
    const r = await station.request!('rosters.export', {});
    saveBlob(r.fileName, new Blob([base64ToBytes(r.base64)], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  };
  const importXlsx = async (file: File | undefined) => {
    if (!file) return;
    try {
      const r = await station.request!('rosters.import', { base64: await fileToBase64(file) });
      setList(r);
      setStatus(t('plans.rosters.imported', { count: r.imported }) + r.problems.map((p) => ` ${p.sheet}: ${p.reason}`).join(''));
    } catch (err) {
      setStatus(err instanceof Error ? err.message : String(err));
    }
  };
  const writer = role !== 'viewer';
  return (
    <div className="rosters-admin">
      <datalist id="roster-roles">
        {['дежурный инженер', 'мастер', 'начальник смены', ...list.roles].filter((r, i, a) => a.indexOf(r) === i).map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      <table className="plans-table">
        <thead>
          <tr>
            <th>{t('plans.rosters.group')}</th>
            <th>{t('plans.rosters.role')}</th>
            <th>{t('plans.rosters.zone')}</th>
            <th>{t('plans.rosters.now')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.rosters.map((r) => {
            const d = duty?.find((x) => x.rosterId === r.id);
            return (
              <tr key={r.id} data-testid={ids.rosterRow(r.id)}>
                <td>{groupName(r.groupId)}</td>
                <td>{r.role}</td>
                <td>{r.timeZone}</td>
                <td>{d ? <DutyPeople people={d.now} /> : '…'}</td>
                <td>
                  <button type="button" className="button small ghost" onClick={() => setEditing(r)}>{writer ? t('plans.edit') : t('plans.view')}</button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="plans-row">
        {writer ? <button type="button" className="button small" onClick={() => setEditing('new')}>{t('plans.rosters.new')}</button> : null}
        <button type="button" className="button small" onClick={() => void exportXlsx()} data-testid={ids.export}>{t('plans.rosters.export')}</button>
        {writer ? (
          <label className="button small">
            {t('plans.rosters.import')}
            <input type="file" accept=".xlsx" className="visually-hidden" onChange={(e) => void importXlsx(e.target.files?.[0])} data-testid={ids.import} />
          </label>
        ) : null}
        {status ? <span role="status">{status}</span> : null}
      </div>
      {editing !== null ? (
        <RosterEditor
          key={editing === 'new' ? 'new' : editing.id}
          roster={editing === 'new' ? null : editing}
          readOnly={!writer}
          onSaved={(l) => setList(l)}
          onDone={() => setEditing(null)}
        />
      ) : null}
    </div>
  );
}

type Preset = { pattern: Rotation['pattern']; anchor: string; a: string; b: string };

function presetOf(r: Rotation | null | undefined): Preset {
  if (!r) return { pattern: 'day-night', anchor: today(), a: '08:00', b: '20:00' };
  const first = r.shifts[0];
  return { pattern: r.pattern, anchor: r.anchor, a: first?.start ?? '08:00', b: first?.end ?? '20:00' };
}

function build(p: Preset, teams: Rotation['teams'], previous: Rotation | null): Rotation {
  if (p.pattern === 'day-night') return dayNightRotation({ anchor: p.anchor, teams, dayStart: p.a, nightStart: p.b });
  if (p.pattern === 'two-two') return twoTwoRotation({ anchor: p.anchor, teams, start: p.a, end: p.b });
  if (p.pattern === 'weekly') {
    const days = previous?.pattern === 'weekly' ? previous.shifts.map((s) => ({ weekday: s.day, start: s.start, end: s.end, team: Math.min(s.team, teams.length - 1) })) : [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: p.a, end: p.b, team: weekday % teams.length }));
    return weeklyRotation({ from: p.anchor, teams, days });
  }
  return { pattern: 'custom', anchor: p.anchor, cycleDays: previous?.cycleDays ?? 1, teams, shifts: previous?.shifts ?? [{ day: 0, start: p.a, end: p.b, team: 0 }] };
}

function RosterEditor(props: { roster: RosterView | null; readOnly: boolean; onSaved: (l: { rosters: RosterView[]; roles: string[] }) => void; onDone: () => void }) {
  const t = useT();
  const station = useStation();
  const groups = useAppStore((s) => s.directory.groups);
  const contacts = useAppStore((s) => s.directory.contacts);
  const [r, setR] = useState<RosterInput & { id?: number }>(() =>
    props.roster
      ? { id: props.roster.id, groupId: props.roster.groupId, role: props.roster.role, timeZone: props.roster.timeZone, rotation: props.roster.rotation, oneOffs: props.roster.oneOffs, exceptions: props.roster.exceptions }
      : { groupId: groups[0]?.id ?? 0, role: 'дежурный инженер', timeZone: 'Europe/Moscow', rotation: dayNightRotation({ anchor: today(), teams: [1, 2, 3, 4].map((n) => ({ name: `Смена ${n}`, members: [] })) }), oneOffs: [], exceptions: [] },
  );
  const [preset, setPreset] = useState<Preset>(() => presetOf(props.roster?.rotation));
  const [error, setError] = useState<string | null>(null);
  const [shifts, setShifts] = useState<ShiftView[] | null>(null);
  const time = useShortTime();
  const rotation = r.rotation ?? null;
  const teams = rotation?.teams ?? [];
  const setRotation = (p: Preset, nextTeams = teams) => {
    setPreset(p);
    setR((x) => ({ ...x, rotation: build(p, nextTeams, x.rotation ?? null) }));
  };
  const name = (id: number | null | undefined) => contacts.find((c) => c.id === id)?.name ?? (id ? `#${id}` : '—');
  const exceptions = r.exceptions ?? [];
  const oneOffs = r.oneOffs ?? [];

  useEffect(() => {
    if (!props.roster || !station.request) return;
    const from = Date.now();
    void station.request('rosters.shifts', { rosterId: props.roster.id, from, to: from + 7 * 86_400_000 }).then((x) => setShifts(x.shifts), () => undefined);
  }, [props.roster, station]);

  const save = async () => {
    setError(null);
    try {
      props.onSaved(await station.request!('rosters.save', r));
      props.onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const remove = async () => {
    try {
      props.onSaved(await station.request!('rosters.delete', { id: props.roster!.id }));
      props.onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const people = (value: readonly number[], onChange: (v: number[]) => void, label: string) => (
    <select multiple aria-label={label} size={4} value={value.map(String)} onChange={(e) => onChange([...e.target.selectedOptions].map((o) => Number(o.value)))}>
      {contacts.map((c) => (
        <option key={c.id} value={c.id}>{`${c.name} (${c.phone})`}</option>
      ))}
    </select>
  );

  return (
    <form className="roster-editor" data-testid={ids.rosterEditor} onSubmit={(e) => (e.preventDefault(), void save())}>
      <fieldset disabled={props.readOnly}>
        <legend>{props.roster ? t('plans.rosters.edit') : t('plans.rosters.new')}</legend>
        <div className="plans-row">
          <label>
            {t('plans.rosters.group')}{' '}
            <select value={r.groupId} onChange={(e) => setR({ ...r, groupId: Number(e.target.value) })}>
              {groups.map((g) => (
                <option key={g.id} value={g.id}>{g.name}</option>
              ))}
            </select>
          </label>
          <label>{t('plans.rosters.role')} <input value={r.role} list="roster-roles" onChange={(e) => setR({ ...r, role: e.target.value })} /></label>
          <label>
            {t('plans.rosters.zone')} <input value={r.timeZone} list="roster-zones" onChange={(e) => setR({ ...r, timeZone: e.target.value })} />
            <datalist id="roster-zones">{ZONES.map((z) => <option key={z} value={z} />)}</datalist>
          </label>
        </div>
        <div className="plans-row">
          <label>
            {t('plans.rosters.pattern')}{' '}
            <select value={preset.pattern} onChange={(e) => setRotation({ ...preset, pattern: e.target.value as Rotation['pattern'] })}>
              {(['day-night', 'two-two', 'weekly', 'custom'] as const).map((p) => (
                <option key={p} value={p}>{t(`plans.pattern.${p}`)}</option>
              ))}
            </select>
          </label>
          <label>{t('plans.rosters.anchor')} <input type="date" value={preset.anchor} onChange={(e) => setRotation({ ...preset, anchor: e.target.value })} /></label>
          <label>{t(preset.pattern === 'day-night' ? 'plans.rosters.dayStart' : 'plans.rosters.start')} <input type="time" value={preset.a} onChange={(e) => setRotation({ ...preset, a: e.target.value })} /></label>
          <label>{t(preset.pattern === 'day-night' ? 'plans.rosters.nightStart' : 'plans.rosters.end')} <input type="time" value={preset.b} onChange={(e) => setRotation({ ...preset, b: e.target.value })} /></label>
        </div>
        <div className="roster-teams">
          {teams.map((team, i) => (
            <div key={i} className="roster-team">
              <input aria-label={t('plans.rosters.teamName')} value={team.name} onChange={(e) => setRotation(preset, teams.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
              {people(team.members, (m) => setRotation(preset, teams.map((x, j) => (j === i ? { ...x, members: m } : x))), team.name)}
              <button type="button" className="button small ghost" disabled={teams.length <= 1} onClick={() => setRotation(preset, teams.filter((_, j) => j !== i))}>{t('plans.remove')}</button>
            </div>
          ))}
          <button type="button" className="button small" onClick={() => setRotation(preset, [...teams, { name: `Смена ${teams.length + 1}`, members: [] }])}>{t('plans.rosters.addTeam')}</button>
        </div>
        {rotation ? (
          <p className="muted">
            {t('plans.rosters.cycle', { days: rotation.cycleDays })}{' '}
            {rotation.shifts.map((s) => `${s.day + 1}: ${s.start}–${s.end} ${rotation.teams[s.team]?.name ?? ''}`).join('; ')}
          </p>
        ) : null}
        <fieldset>
          <legend>{t('plans.rosters.exceptions')}</legend>
          {exceptions.map((e, i) => {
            const put = (patch: Partial<typeof e>) => setR({ ...r, exceptions: exceptions.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
            return (
              <div key={i} className="plans-row">
                <select aria-label={t('plans.rosters.kind')} value={e.kind} onChange={(ev) => put({ kind: ev.target.value as 'leave' })}>
                  {(['leave', 'sick', 'swap'] as const).map((k) => <option key={k} value={k}>{t(`plans.exception.${k}`)}</option>)}
                </select>
                <select aria-label={t('plans.rosters.who')} value={e.contactId} onChange={(ev) => put({ contactId: Number(ev.target.value) })}>
                  {contacts.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
                </select>
                <select aria-label={t('plans.rosters.substitute')} value={e.substituteId ?? ''} onChange={(ev) => put({ substituteId: ev.target.value ? Number(ev.target.value) : null })}>
                  <option value="">{t('plans.rosters.noSubstitute')}</option>
                  {contacts.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
                </select>
                <label>{t('plans.rosters.from')} <input type="date" value={e.from.slice(0, 10)} onChange={(ev) => put({ from: ev.target.value })} /></label>
                <label>{t('plans.rosters.until')} <input type="date" value={e.until.slice(0, 10)} onChange={(ev) => put({ until: ev.target.value })} /></label>
                <button type="button" className="button small ghost" onClick={() => setR({ ...r, exceptions: exceptions.filter((_, j) => j !== i) })}>{t('plans.remove')}</button>
              </div>
            );
          })}
          <button type="button" className="button small" disabled={contacts.length === 0} onClick={() => setR({ ...r, exceptions: [...exceptions, { kind: 'leave', contactId: contacts[0]!.id, substituteId: null, from: today(), until: today() }] })}>
            {t('plans.rosters.addException')}
          </button>
        </fieldset>
        <fieldset>
          <legend>{t('plans.rosters.oneOffs')}</legend>
          {oneOffs.map((o, i) => {
            const put = (patch: Partial<typeof o>) => setR({ ...r, oneOffs: oneOffs.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
            return (
              <div key={i} className="plans-row">
                <label>{t('plans.rosters.from')} <input type="datetime-local" value={o.start} onChange={(ev) => put({ start: ev.target.value.slice(0, 16) })} /></label>
                <label>{t('plans.rosters.until')} <input type="datetime-local" value={o.end} onChange={(ev) => put({ end: ev.target.value.slice(0, 16) })} /></label>
                {people(o.members, (m) => put({ members: m }), t('plans.rosters.who'))}
                <button type="button" className="button small ghost" onClick={() => setR({ ...r, oneOffs: oneOffs.filter((_, j) => j !== i) })}>{t('plans.remove')}</button>
              </div>
            );
          })}
          <button type="button" className="button small" disabled={contacts.length === 0} onClick={() => setR({ ...r, oneOffs: [...oneOffs, { start: `${today()}T08:00`, end: `${today()}T20:00`, members: [contacts[0]!.id] }] })}>
            {t('plans.rosters.addOneOff')}
          </button>
        </fieldset>
      </fieldset>
      {shifts ? (
        <div data-testid={ids.shifts}>
          <h4>{t('plans.rosters.week')}</h4>
          <ul className="roster-shifts">
            {shifts.slice(0, 28).map((s, i) => (
              <li key={i}>
                <span className="muted">{new Date(s.start).toLocaleDateString()} {time(s.start)}–{time(s.end)}</span> {s.team ?? t('plans.rosters.oneOff')}: <DutyPeople people={s.people} />
                {s.away.length > 0 ? <span className="muted"> · {t('plans.rosters.away', { names: s.away.map((p) => p.name ?? name(p.contactId)).join(', ') })}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {error ? <p className="error" role="alert">{error}</p> : null}
      <div className="plans-row">
        {props.readOnly ? null : <button type="submit" className="button small primary" data-testid={ids.rosterSave}>{t('plans.save')}</button>}
        {props.roster && !props.readOnly ? <button type="button" className="button small ghost" onClick={remove}>{t('plans.delete')}</button> : null}
        <button type="button" className="button small ghost" onClick={props.onDone}>{t('plans.close')}</button>
      </div>
    </form>
  );
}
