// Priority, a scheduled time and a validity, folded away: most sends need none of them.
import { useShallow } from 'zustand/react/shallow';
import type { Priority } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { useAppStore } from '../../app/store.js';
import { composeTestIds as ids } from './testids.js';

const PRIORITIES: readonly Priority[] = ['high', 'normal', 'low'];

export function DeliveryFields() {
  const t = useT();
  const { priority, scheduledAt, validMinutes, update } = useAppStore(
    useShallow((s) => ({ priority: s.compose.priority, scheduledAt: s.compose.scheduledAt, validMinutes: s.compose.validMinutes, update: s.updateDraft })),
  );
  const changed = priority !== null || scheduledAt !== '' || validMinutes !== '';
  return (
    <details className="compose-more" open={changed || undefined} data-testid={ids.more}>
      <summary>{t('compose.more')}</summary>
      <div className="kind-fields">
        {/* Sized to its longest option: "по виду рассылки" must not be cut. */}
        <label className="field field-fit">
          <span>{t('compose.priority')}</span>
          <select value={priority ?? ''} onChange={(e) => update({ priority: (e.target.value || null) as Priority | null })} data-testid={ids.priority}>
            <option value="">{t('compose.priority.default')}</option>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`compose.priority.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('compose.schedule')}</span>
          <input type="datetime-local" value={scheduledAt} onChange={(e) => update({ scheduledAt: e.target.value })} data-testid={ids.schedule} />
        </label>
        <label className="field field-small">
          <span>{t('compose.validity')}</span>
          <input type="number" min="1" step="1" value={validMinutes} onChange={(e) => update({ validMinutes: e.target.value })} data-testid={ids.validity} />
        </label>
      </div>
    </details>
  );
}
