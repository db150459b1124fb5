// An audit line's detail in words an admin reads at a glance: which rights were granted and taken
// away (by group or tag name), which fields of a user or a setting changed from what to what.
// Anything else stays JSON; the full JSON is always one hover away.
import type { GroupNode, TagView } from '../../../shared/protocol/index.js';
import type { Translate } from '../../app/i18n/index.js';

type RightLike = { scope: string; targetId: number | null };
type Directory = { groups: readonly GroupNode[]; tags: readonly TagView[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function describeAudit(action: string, detail: unknown, dir: Directory, t: Translate): string {
  if (!isObject(detail)) return detail === null || detail === undefined ? '' : JSON.stringify(detail);
  const before = detail.before;
  const after = detail.after;
  if (action === 'rights.change' && isObject(before) && isObject(after)) {
    const name = (r: RightLike) =>
      r.scope === 'all'
        ? t('admin.all')
        : r.scope === 'group'
          ? (dir.groups.find((g) => g.id === r.targetId)?.name ?? `${r.scope} ${r.targetId}`)
          : r.scope === 'tag'
            ? `#${dir.tags.find((g) => g.id === r.targetId)?.name ?? r.targetId}`
            : `${r.scope} ${r.targetId}`;
    const key = (r: RightLike) => `${r.scope}:${r.targetId}`;
    const was = (before.rights as RightLike[] | undefined) ?? [];
    const now = (after.rights as RightLike[] | undefined) ?? [];
    const had = new Set(was.map(key));
    const has = new Set(now.map(key));
    const parts = [
      ...now.filter((r) => !had.has(key(r))).map((r) => t('admin.rights.grant', { target: name(r) })),
      ...was.filter((r) => !has.has(key(r))).map((r) => t('admin.rights.revoke', { target: name(r) })),
      ...(before.role !== after.role ? [`${t('admin.role')}: ${String(before.role)} → ${String(after.role)}`] : []),
    ];
    return parts.length ? parts.join('; ') : t('admin.rights.nothing');
  }
  if (isObject(before) && isObject(after)) {
    const changed = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    if (changed.length) return changed.map((k) => `${k}: ${String(before[k])} → ${String(after[k])}`).join('; ');
  }
  return JSON.stringify(detail);
}
