// The org tree with member counts and a checkbox per group to pick recipients. Plain nested
// checkboxes rather than an ARIA tree widget: every control is a native, focusable input.
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../app/i18n/index.js';
import { useAppStore } from '../../app/store.js';
import { Panel } from '../../ui/Panel.js';
import { useGroupTree, useImpliedPicks, useReachability, useUnreachableByGroup } from './selectors.js';
import { groupsTestIds } from './testids.js';
import type { TreeRow } from './tree.js';
import { DutyLine, useDuty } from '../plans/DutyLine.js';

const GroupRow = memo(function GroupRow(props: { row: TreeRow; picked: boolean; implied: boolean; collapsed: boolean; unreachable: number }) {
  const t = useT();
  const { togglePick, toggleCollapsed } = useAppStore(
    useShallow((s) => ({ togglePick: s.togglePick, toggleCollapsed: s.toggleCollapsed })),
  );
  const { group, depth, hasChildren } = props.row;
  const state = props.picked ? 'true' : props.implied ? 'implied' : 'false';
  return (
    <li
      className={`group-row ${props.picked ? 'picked' : ''} ${props.implied ? 'implied' : ''}`}
      style={{ paddingInlineStart: `${depth * 1.1 + 0.25}rem` }}
      data-testid={groupsTestIds.row(group.id)}
      data-picked={state}
    >
      {hasChildren ? (
        <button
          type="button"
          className="twisty"
          aria-expanded={!props.collapsed}
          aria-label={t(props.collapsed ? 'groups.expand' : 'groups.collapse', { name: group.name })}
          onClick={() => toggleCollapsed(group.id)}
          data-testid={groupsTestIds.toggle(group.id)}
        >
          <span aria-hidden="true">{props.collapsed ? '▸' : '▾'}</span>
        </button>
      ) : (
        <span className="twisty-space" aria-hidden="true" />
      )}
      <label className="group-label" title={props.implied ? t('groups.implied') : undefined}>
        <input
          type="checkbox"
          checked={props.picked || props.implied}
          disabled={props.implied}
          onChange={() => togglePick(group.id)}
          aria-label={t('groups.pick', { name: group.name })}
          data-testid={groupsTestIds.pick(group.id)}
        />
        <span className="group-name" title={group.name}>
          {group.name}
        </span>
      </label>
      <span
        className="count"
        title={t('groups.countTitle', { own: group.memberCount, total: group.totalCount })}
        data-testid={groupsTestIds.count(group.id)}
      >
        {group.totalCount}
      </span>
      {props.unreachable > 0 ? (
        <span className="count count-off" title={t('groups.unreachableTitle', { count: props.unreachable })} data-testid={groupsTestIds.unreachable(group.id)}>
          <span aria-hidden="true">−</span>
          {props.unreachable}
          <span className="visually-hidden"> {t('groups.unreachable')}</span>
        </span>
      ) : null}
      <DutyLine groupId={group.id} />
    </li>
  );
});

/** Tags as recipients: their subscribers get the message (DESIGN §4). */
function TagList() {
  const t = useT();
  const { tags, pickedTags, togglePickTag } = useAppStore(
    useShallow((s) => ({ tags: s.directory.tags, pickedTags: s.pickedTags, togglePickTag: s.togglePickTag })),
  );
  if (tags.length === 0) return null;
  return (
    <div className="tag-section">
      <h3 id="tag-list-heading">{t('groups.tags')}</h3>
      <ul className="group-tree" aria-labelledby="tag-list-heading" data-testid={groupsTestIds.tags}>
        {tags.map((tag) => {
          const picked = pickedTags.includes(tag.name);
          return (
            <li key={tag.id} className={`group-row ${picked ? 'picked' : ''}`} data-testid={groupsTestIds.tagRow(tag.id)} data-picked={picked}>
              <span className="twisty-space" aria-hidden="true" />
              <label className="group-label">
                <input
                  type="checkbox"
                  checked={picked}
                  onChange={() => togglePickTag(tag.name)}
                  aria-label={t('groups.pickTag', { name: tag.name })}
                  data-testid={groupsTestIds.tagPick(tag.id)}
                />
                <span className="group-name">#{tag.name}</span>
              </label>
              <span className="count" title={t('groups.subscribers', { count: tag.subscribers })} data-testid={groupsTestIds.tagCount(tag.id)}>
                {tag.subscribers}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function GroupPanel() {
  const t = useT();
  const rows = useGroupTree();
  const implied = useImpliedPicks();
  const unreachable = useUnreachableByGroup();
  const reach = useReachability();
  useDuty();
  const { picked, pickedTags, collapsed, clearPicks } = useAppStore(
    useShallow((s) => ({ picked: s.picked, pickedTags: s.pickedTags, collapsed: s.collapsed, clearPicks: s.clearPicks })),
  );
  // In the heading, whose height is fixed: a line appearing above the tree on the first tick
  // pushed every row down under the pointer, and a quick second click ticked the wrong group.
  // One button that says how many are picked: at 250 px the heading has room for no more.
  const count = picked.length + pickedTags.length;
  const actions =
    count > 0 ? (
      <button type="button" className="button small ghost" onClick={clearPicks} aria-label={t('groups.clear')} data-testid={groupsTestIds.clear}>
        <span aria-live="polite" data-testid={groupsTestIds.pickedCount} data-count={count}>
          {t('groups.picked', { count })}
        </span>
      </button>
    ) : null;
  return (
    <Panel title={t('groups.heading')} testId={groupsTestIds.panel} className="panel-groups" actions={actions}>
      {reach.total > 0 ? (
        <p className="panel-note muted" data-testid={groupsTestIds.reachability} data-active={reach.active} data-total={reach.total}>
          {t('groups.reachable', { active: reach.active, total: reach.total })}
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="empty">{t('groups.empty')}</p>
      ) : (
        <ul className="group-tree">
          {rows.map((row) => (
            <GroupRow
              key={row.group.id}
              row={row}
              picked={picked.includes(row.group.id)}
              implied={implied.has(row.group.id)}
              collapsed={collapsed[row.group.id] === true}
              unreachable={unreachable.get(row.group.id) ?? 0}
            />
          ))}
        </ul>
      )}
      <TagList />
    </Panel>
  );
}
