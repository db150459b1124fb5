// What kind of broadcast this is and what that kind needs: a confirmation's wait, re-sends and
// escalation chain; a poll's options (2 to 9); an order's number.
import { useShallow } from 'zustand/react/shallow';
import type { BroadcastKind } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { useAppStore } from '../../app/store.js';
import { pollOptions } from './request.js';
import { composeTestIds as ids } from './testids.js';

const KINDS: readonly BroadcastKind[] = ['plain', 'confirm', 'poll', 'order'];
export const MAX_OPTIONS = 9;

export function KindPicker() {
  const t = useT();
  const { kind, update } = useAppStore(useShallow((s) => ({ kind: s.compose.kind, update: s.updateDraft })));
  return (
    <fieldset className="kind-picker" data-testid={ids.kind}>
      <legend className="visually-hidden">{t('compose.kind.label')}</legend>
      {KINDS.map((k) => (
        <label key={k} className={k === kind ? 'kind-option checked' : 'kind-option'}>
          <input type="radio" name="compose-kind" value={k} checked={k === kind} onChange={() => update({ kind: k })} data-testid={ids.kindOption(k)} />
          {t(`compose.kind.${k}`)}
        </label>
      ))}
    </fieldset>
  );
}

function ConfirmFields() {
  const t = useT();
  const { confirm, answerLines, groups, update } = useAppStore(
    useShallow((s) => ({ confirm: s.compose.confirm, answerLines: s.compose.answerLines, groups: s.directory.groups, update: s.updateDraft })),
  );
  const name = (id: number) => groups.find((g) => g.id === id)?.name ?? `#${id}`;
  const set = (p: Partial<typeof confirm>) => update({ confirm: { ...confirm, ...p } });
  return (
    <div className="kind-fields">
      <label className="field field-small">
        <span>{t('compose.confirm.after')}</span>
        <input type="number" min="0.05" step="any" value={confirm.afterMinutes} onChange={(e) => set({ afterMinutes: e.target.value })} data-testid={ids.confirmAfter} />
      </label>
      <label className="field field-small">
        <span>{t('compose.confirm.resends')}</span>
        <input type="number" min="0" max="5" step="1" value={confirm.resends} onChange={(e) => set({ resends: Math.max(0, Math.min(5, Number(e.target.value) || 0)) })} data-testid={ids.confirmResends} />
      </label>
      <label className="field">
        <span>{t('compose.confirm.escalate')}</span>
        <select
          value=""
          onChange={(e) => {
            const id = Number(e.target.value);
            if (id && !confirm.escalateTo.includes(id)) set({ escalateTo: [...confirm.escalateTo, id] });
          }}
          data-testid={ids.confirmEscalate}
        >
          <option value="">—</option>
          {groups.filter((g) => !confirm.escalateTo.includes(g.id)).map((g) => (
            <option key={g.id} value={g.id}>
              {g.name} ({g.totalCount})
            </option>
          ))}
        </select>
      </label>
      <div className="chain" aria-label={t('compose.confirm.chain')} role="group">
        <span className="label">{t('compose.confirm.chain')}:</span>
        {confirm.escalateTo.length === 0 ? <span className="muted">{t('compose.confirm.noChain')}</span> : null}
        <ol className="chips">
          {confirm.escalateTo.map((id) => (
            <li key={id} className="chip" data-testid={ids.chainStep(id)}>
              {name(id)}
              <button type="button" className="chip-remove" aria-label={t('compose.confirm.removeStep', { name: name(id) })} onClick={() => set({ escalateTo: confirm.escalateTo.filter((g) => g !== id) })}>
                ×
              </button>
            </li>
          ))}
        </ol>
      </div>
      <label className="check">
        <input type="checkbox" checked={answerLines} onChange={(e) => update({ answerLines: e.target.checked })} data-testid={ids.answerLines} />
        {t('compose.answerLines.confirm')}
      </label>
    </div>
  );
}

function PollFields() {
  const t = useT();
  const { options, answerLines, update } = useAppStore(useShallow((s) => ({ options: s.compose.options, answerLines: s.compose.answerLines, update: s.updateDraft })));
  const set = (i: number, value: string) => update({ options: options.map((o, j) => (j === i ? value : o)) });
  const filled = pollOptions({ options }).length;
  return (
    <div className="kind-fields poll-fields">
      <fieldset className="poll-options">
        <legend>{t('compose.poll.options')}</legend>
        <ol>
          {options.map((o, i) => (
            <li key={i}>
              <span className="option-n" aria-hidden="true">
                {i + 1}
              </span>
              <input
                type="text"
                value={o}
                maxLength={100}
                aria-label={t('compose.poll.option', { n: i + 1 })}
                onChange={(e) => set(i, e.target.value)}
                onKeyDown={(e) => {
                  // Enter in the last option adds the next one: a list is typed without the mouse.
                  if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
                    e.preventDefault();
                    if (i === options.length - 1 && options.length < MAX_OPTIONS && o.trim() !== '') update({ options: [...options, ''] });
                  }
                }}
                data-testid={ids.pollOption(i + 1)}
              />
              {options.length > 2 ? (
                <button type="button" className="button small ghost" aria-label={t('compose.poll.remove', { n: i + 1 })} onClick={() => update({ options: options.filter((_, j) => j !== i) })}>
                  ×
                </button>
              ) : null}
            </li>
          ))}
        </ol>
        {options.length < MAX_OPTIONS ? (
          <button type="button" className="button small" onClick={() => update({ options: [...options, ''] })} data-testid={ids.pollAdd}>
            {t('compose.poll.add')}
          </button>
        ) : null}
      </fieldset>
      <div className="poll-side">
        <label className="check">
          <input type="checkbox" checked={answerLines} onChange={(e) => update({ answerLines: e.target.checked })} data-testid={ids.answerLines} />
          {t('compose.answerLines.poll')}
        </label>
        <p className="hint">{t('compose.poll.howToAnswer', { n: Math.max(filled, 2) })}</p>
      </div>
    </div>
  );
}

function OrderFields() {
  const t = useT();
  const { code, update } = useAppStore(useShallow((s) => ({ code: s.compose.code, update: s.updateDraft })));
  return (
    <div className="kind-fields">
      <label className="field field-small">
        <span>{t('compose.order.code')}</span>
        <input
          type="text"
          inputMode="numeric"
          pattern="\d{3,12}"
          maxLength={12}
          value={code}
          onChange={(e) => update({ code: e.target.value.replace(/[^\d]/g, '') })}
          data-testid={ids.orderCode}
        />
      </label>
      <p className="hint">{code.length >= 3 ? t('compose.order.hint', { code }) : t('compose.order.needed')}</p>
    </div>
  );
}

export function KindFields() {
  const kind = useAppStore((s) => s.compose.kind);
  if (kind === 'confirm') return <ConfirmFields />;
  if (kind === 'poll') return <PollFields />;
  if (kind === 'order') return <OrderFields />;
  return null;
}
