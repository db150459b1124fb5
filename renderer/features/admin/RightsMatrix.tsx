// The rights matrix: users down, "others' broadcasts", "everyone", groups and tags across; a tick
// lets the user send to that target (a group with its subgroups), or manage (close, cancel, move)
// broadcasts other dispatchers sent. Saved per user after a confirmation that lists
// what is granted and what is taken away; the station audits each change.
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Right, RightsMatrix as Matrix, Role } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import { ResultLine, useConfirm } from './ConfirmDialog.js';
import { ChangeList } from './UsersAdmin.js';
import { adminTestIds as ids } from './testids.js';

const ROLES: readonly Role[] = ['admin', 'dispatcher', 'viewer'];
const key = (r: Right) => `${r.scope}:${r.targetId ?? 'all'}`;

export function RightsMatrix(props: { onChanged?: () => void }) {
  const t = useT();
  const station = useStation();
  const { groups, tags } = useAppStore(useShallow((s) => ({ groups: s.directory.groups, tags: s.directory.tags })));
  const [matrix, setMatrix] = useState<Matrix | null>(null);
  const [draft, setDraft] = useState<Record<number, { role: Role; rights: Set<string> }>>({});
  const [error, setError] = useState<string | null>(null);
  const { ask, dialog, result } = useConfirm();

  const adopt = (m: Matrix) => {
    setMatrix(m);
    setDraft(Object.fromEntries(m.users.map((u) => [u.id, { role: u.role, rights: new Set(u.rights.map(key)) }])));
  };
  useEffect(() => {
    station.request?.('rights.matrix', {}).then(adopt, (e: unknown) => setError(messageOf(e)));
  }, [station]);

  if (!matrix) return error ? <p className="error" data-testid={ids.error}>{error}</p> : null;
  const columns: Right[] = [
    { scope: 'manage', targetId: null },
    { scope: 'all', targetId: null },
    ...groups.map((g) => ({ scope: 'group' as const, targetId: g.id })),
    ...tags.map((tg) => ({ scope: 'tag' as const, targetId: tg.id })),
  ];
  const label = (c: Right) =>
    c.scope === 'manage' ? t('admin.manage') : c.scope === 'all' ? t('admin.all') : c.scope === 'group' ? groups.find((g) => g.id === c.targetId)?.name : `#${tags.find((tg) => tg.id === c.targetId)?.name}`;
  const toggle = (userId: number, c: Right) =>
    setDraft((d) => {
      const next = new Set(d[userId]!.rights);
      if (next.has(key(c))) next.delete(key(c));
      else next.add(key(c));
      return { ...d, [userId]: { ...d[userId]!, rights: next } };
    });
  const save = (userId: number) => {
    const d = draft[userId]!;
    const user = matrix.users.find((u) => u.id === userId)!;
    const had = new Set(user.rights.map(key));
    const byKey = new Map(columns.map((c) => [key(c), c]));
    const name = (k: string) => label(byKey.get(k) ?? { scope: k.split(':')[0] as Right['scope'], targetId: Number(k.split(':')[1]) }) ?? k;
    const lines = [
      ...(d.role !== user.role ? [`${t('admin.role')}: ${t(`role.${user.role}`)} → ${t(`role.${d.role}`)}`] : []),
      ...[...d.rights].filter((k) => !had.has(k)).map((k) => t('admin.rights.grant', { target: name(k) })),
      ...[...had].filter((k) => !d.rights.has(k)).map((k) => t('admin.rights.revoke', { target: name(k) })),
    ];
    const rights = [...d.rights].map((k) => {
      const [scope, target] = k.split(':');
      return { scope: scope as Right['scope'], targetId: target === 'all' ? null : Number(target) };
    });
    ask({
      title: t('admin.rights.confirm', { login: user.login }),
      body: lines.length ? <ChangeList lines={lines} /> : <p>{t('admin.rights.nothing')}</p>,
      confirmLabel: t('admin.save'),
      run: async () => {
        adopt(await station.request!('rights.set', { userId, role: d.role, rights }));
        setError(null);
        props.onChanged?.();
      },
      done: t('admin.rights.saved', { login: user.login }),
    });
  };
  const dirty = (userId: number) => {
    const u = matrix.users.find((x) => x.id === userId)!;
    const d = draft[userId]!;
    const had = new Set(u.rights.map(key));
    return d.role !== u.role || d.rights.size !== had.size || [...d.rights].some((k) => !had.has(k));
  };

  return (
    <div className="rights-wrap">
      <table className="rights-matrix" data-testid={ids.rights}>
        <thead>
          <tr>
            <th scope="col">{t('admin.user')}</th>
            <th scope="col">{t('admin.role')}</th>
            {columns.map((c) => (
              <th key={key(c)} scope="col" className="rights-col" title={c.scope === 'manage' ? t('admin.manageTitle') : undefined}>
                {label(c)}
              </th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>
          {matrix.users.map((u) => (
            <tr key={u.id}>
              <th scope="row">{u.name} <span className="muted">({u.login})</span></th>
              <td>
                <select
                  value={draft[u.id]!.role}
                  onChange={(e) => setDraft((d) => ({ ...d, [u.id]: { ...d[u.id]!, role: e.target.value as Role } }))}
                  aria-label={t('admin.users.roleOf', { login: u.login })}
                  data-testid={ids.role(u.id)}
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`role.${r}`)}
                    </option>
                  ))}
                </select>
              </td>
              {columns.map((c) => {
                const on = draft[u.id]!.rights.has(key(c));
                return (
                  <td key={key(c)} className="rights-cell">
                    <input
                      type="checkbox"
                      checked={u.role === 'admin' || on}
                      disabled={u.role === 'admin'}
                      aria-label={`${u.login}: ${label(c)}`}
                      onChange={() => toggle(u.id, c)}
                      data-testid={ids.cell(u.id, c.scope, c.targetId)}
                      data-checked={on}
                    />
                  </td>
                );
              })}
              <td>
                <button
                  type="button"
                  className="button small"
                  disabled={!dirty(u.id)}
                  onClick={() => save(u.id)}
                  data-testid={ids.save(u.id)}
                  aria-label={t('admin.rights.saveOf', { login: u.login })}
                >
                  {t('admin.save')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error ? (
        <p className="error" role="alert" data-testid={ids.error}>
          {error}
        </p>
      ) : null}
      <ResultLine result={result} testId={ids.rightsResult} />
      {dialog}
    </div>
  );
}
