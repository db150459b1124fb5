// The group tree as the admin edits it: pick a group to see its people; create a group at the
// top or inside the one picked; rename, move up or down among its siblings, put it inside
// another, delete it (asked first). Everyone else sees the tree to browse it.
import { useMemo, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { GroupNode } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import type { useConfirm } from '../../ui/ConfirmDialog.js';
import { descendantsOf, visibleRows } from '../groups/tree.js';
import { directoryTestIds as ids } from './testids.js';

export type DirectoryView = 'all' | 'none' | number;

/** Indented names for a <select>: the whole tree, parents before children. */
export function groupOptions(groups: GroupNode[]): { id: number; label: string }[] {
  return visibleRows(groups, {}).map((r) => ({ id: r.group.id, label: `${'\u00a0\u00a0'.repeat(r.depth)}${r.group.name}` }));
}

export function GroupEditor(props: {
  view: DirectoryView;
  onView(view: DirectoryView): void;
  canEdit: boolean;
  ask: ReturnType<typeof useConfirm>['ask'];
}) {
  const t = useT();
  const station = useStation();
  const { groups, contacts } = useAppStore(useShallow((s) => ({ groups: s.directory.groups, contacts: s.directory.contacts })));
  const rows = useMemo(() => visibleRows(groups, {}), [groups]);
  const [name, setName] = useState('');
  const [parent, setParent] = useState<'top' | 'picked'>('picked');
  const [renaming, setRenaming] = useState<string | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const picked = typeof props.view === 'number' ? groups.find((g) => g.id === props.view) : undefined;
  const ungrouped = contacts.filter((c) => c.groupIds.length === 0).length;

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      setResult({ ok: true, text: await work() });
    } catch (e) {
      setResult({ ok: false, text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  };

  const create = (e: FormEvent) => {
    e.preventDefault();
    const clean = name.trim();
    if (!clean) return;
    void run(async () => {
      const parentId = parent === 'picked' && picked ? picked.id : null;
      const { group } = await station.request!('groups.create', { name: clean, parentId });
      setName('');
      props.onView(group.id);
      return t('directory.created', { name: group.name });
    });
  };

  const siblings = picked ? groups.filter((g) => g.parentId === picked.parentId) : [];
  const at = picked ? siblings.findIndex((g) => g.id === picked.id) : -1;
  const shift = (by: -1 | 1) =>
    void run(async () => {
      const order = siblings.map((g) => g.id);
      const [moved] = order.splice(at, 1);
      order.splice(at + by, 0, moved!);
      await station.request!('groups.reorder', { parentId: picked!.parentId, ids: order });
      return t('directory.group.reordered');
    });
  const nestTargets = picked ? groupOptions(groups).filter((o) => o.id !== picked.id && !descendantsOf(groups, picked.id).includes(o.id)) : [];

  const remove = () => {
    if (!picked) return;
    props.ask({
      title: t('directory.group.deleteTitle', { name: picked.name }),
      body: (
        <>
          <p>{t('directory.group.deleteBody', { count: picked.memberCount })}</p>
          <p className="muted">{t('directory.group.deleteRights')}</p>
        </>
      ),
      confirmLabel: t('directory.group.delete'),
      danger: true,
      run: async () => {
        await station.request!('groups.delete', { id: picked.id });
        props.onView('all');
      },
      done: t('directory.group.deleted', { name: picked.name }),
    });
  };

  return (
    <section className="directory-groups" aria-labelledby="directory-groups-h">
      <h3 id="directory-groups-h">{t('directory.groups')}</h3>
      <ul className="directory-tree">
        <li>
          <button type="button" className={`directory-node ${props.view === 'all' ? 'current' : ''}`} aria-current={props.view === 'all'} onClick={() => props.onView('all')} data-testid={ids.group('all')}>
            <span className="directory-node-name">{t('directory.all')}</span>
            <span className="count">{contacts.length}</span>
          </button>
        </li>
        <li>
          <button type="button" className={`directory-node ${props.view === 'none' ? 'current' : ''}`} aria-current={props.view === 'none'} onClick={() => props.onView('none')} data-testid={ids.group('none')}>
            <span className="directory-node-name">{t('directory.ungrouped')}</span>
            <span className="count">{ungrouped}</span>
          </button>
        </li>
        {rows.map(({ group, depth }) => (
          <li key={group.id}>
            <button
              type="button"
              className={`directory-node ${props.view === group.id ? 'current' : ''}`}
              style={{ paddingInlineStart: `${0.5 + depth * 1.1}rem` }}
              aria-current={props.view === group.id}
              onClick={() => {
                setRenaming(null);
                props.onView(group.id);
              }}
              title={t('directory.group.count', { own: group.memberCount, total: group.totalCount })}
              data-testid={ids.group(group.id)}
              data-selected={props.view === group.id}
            >
              <span className="directory-node-name">{group.name}</span>
              <span className="count">{group.memberCount}</span>
            </button>
          </li>
        ))}
      </ul>

      {props.canEdit && picked ? (
        <div className="directory-group-tools" role="group" aria-label={picked.name}>
          {renaming !== null ? (
            <form
              className="directory-inline"
              onSubmit={(e) => {
                e.preventDefault();
                void run(async () => {
                  const { group } = await station.request!('groups.update', { id: picked.id, name: renaming.trim() });
                  setRenaming(null);
                  return t('directory.group.renamed', { name: group.name });
                });
              }}
            >
              <label className="visually-hidden" htmlFor="directory-rename">
                {t('directory.group.renameTo')}
              </label>
              <input id="directory-rename" value={renaming} onChange={(e) => setRenaming(e.target.value)} autoFocus data-testid={ids.renameInput} />
              <button type="submit" className="button small primary" disabled={busy || renaming.trim() === ''} data-testid={ids.renameSave}>
                {t('directory.group.save')}
              </button>
              <button type="button" className="button small ghost" onClick={() => setRenaming(null)}>
                {t('directory.group.cancel')}
              </button>
            </form>
          ) : (
            <div className="directory-inline">
              <button type="button" className="button small" onClick={() => setRenaming(picked.name)} data-testid={ids.rename}>
                {t('directory.group.rename')}
              </button>
              <button type="button" className="button small" disabled={busy || at <= 0} onClick={() => shift(-1)} aria-label={t('directory.group.upLabel', { name: picked.name })} title={t('directory.group.up')} data-testid={ids.up}>
                <span aria-hidden="true">↑</span>
              </button>
              <button type="button" className="button small" disabled={busy || at < 0 || at >= siblings.length - 1} onClick={() => shift(1)} aria-label={t('directory.group.downLabel', { name: picked.name })} title={t('directory.group.down')} data-testid={ids.down}>
                <span aria-hidden="true">↓</span>
              </button>
            </div>
          )}
          <label className="field directory-nest">
            <span>{t('directory.group.nest')}</span>
            <select
              value={picked.parentId ?? ''}
              disabled={busy}
              onChange={(e) => {
                const parentId = e.target.value === '' ? null : Number(e.target.value);
                void run(async () => {
                  const { group } = await station.request!('groups.update', { id: picked.id, parentId });
                  return t('directory.group.moved', { name: group.name });
                });
              }}
              data-testid={ids.nest}
            >
              <option value="">{t('directory.group.nestTop')}</option>
              {nestTargets.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button small danger" onClick={remove} data-testid={ids.deleteGroup}>
            {t('directory.group.delete')}
          </button>
        </div>
      ) : null}

      {props.canEdit ? (
        <form className="directory-new-group" onSubmit={create} aria-label={t('directory.newGroup')}>
          <label className="field">
            <span>{t('directory.newGroup.name')}</span>
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoComplete="off" data-testid={ids.newGroupName} />
          </label>
          {picked ? (
            <label className="field">
              <span>{t('directory.newGroup.where')}</span>
              <select value={parent} onChange={(e) => setParent(e.target.value as 'top' | 'picked')} data-testid={ids.newGroupParent}>
                <option value="picked">{t('directory.newGroup.inside', { name: picked.name })}</option>
                <option value="top">{t('directory.newGroup.top')}</option>
              </select>
            </label>
          ) : null}
          <button type="submit" className="button primary" disabled={busy || name.trim() === ''} data-testid={ids.newGroupCreate}>
            {t('directory.newGroup.create')}
          </button>
        </form>
      ) : null}
      {result ? (
        <p className={result.ok ? 'ok' : 'form-error'} role={result.ok ? 'status' : 'alert'} data-testid={ids.groupResult} data-ok={result.ok}>
          {result.text}
        </p>
      ) : null}
    </section>
  );
}
