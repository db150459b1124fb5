// Compose: the picked groups, the text with live counters, and one send button that says how
// many people will get it. Ctrl+Enter sends from the text area.
import { useId, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import { Panel } from '../../ui/Panel.js';
import { usePickedGroups } from '../groups/selectors.js';
import { countCharacters } from './slice.js';
import { COMPOSE_TEXT_ID, composeTestIds } from './testids.js';
import { usePreview } from './usePreview.js';

function PickedChips() {
  const t = useT();
  const picked = usePickedGroups();
  const { unpick, pickedTags, unpickTag, phones, removePhone } = useAppStore(
    useShallow((s) => ({
      unpick: s.unpick,
      pickedTags: s.pickedTags,
      unpickTag: s.unpickTag,
      phones: s.compose.phones,
      removePhone: s.removePhone,
    })),
  );
  return (
    <div className="compose-to">
      <span className="label">{t('compose.to')}</span>
      {picked.length + pickedTags.length + phones.length === 0 ? (
        <span className="hint" data-testid={composeTestIds.picked}>
          {t('compose.noRecipients')}
        </span>
      ) : (
        <ul className="chips" data-testid={composeTestIds.picked}>
          {picked.map((g) => (
            <li key={g.id} className="chip" data-testid={composeTestIds.chip(g.id)}>
              {g.name} <span className="chip-count">{g.totalCount}</span>
              <button
                type="button"
                className="chip-remove"
                aria-label={t('compose.remove', { name: g.name })}
                onClick={() => unpick(g.id)}
                data-testid={composeTestIds.chipRemove(g.id)}
              >
                ×
              </button>
            </li>
          ))}
          {pickedTags.map((name) => (
            <li key={`#${name}`} className="chip chip-tag" data-testid={composeTestIds.tagChip(name)}>
              #{name}
              <button
                type="button"
                className="chip-remove"
                aria-label={t('compose.remove', { name: `#${name}` })}
                onClick={() => unpickTag(name)}
                data-testid={composeTestIds.tagChipRemove(name)}
              >
                ×
              </button>
            </li>
          ))}
          {phones.map((p) => (
            <li key={p.phone} className="chip chip-phone" data-testid={composeTestIds.phoneChip(p.phone)}>
              {p.name ?? p.phone}
              {p.name ? <span className="chip-count">{p.phone}</span> : null}
              <button
                type="button"
                className="chip-remove"
                aria-label={t('compose.remove', { name: p.name ?? p.phone })}
                onClick={() => removePhone(p.phone)}
                data-testid={composeTestIds.phoneChipRemove(p.phone)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Counters() {
  const t = useT();
  const { text, preview, stale, previewError } = useAppStore(
    useShallow((s) => ({
      text: s.compose.text,
      preview: s.compose.preview,
      stale: s.compose.previewStale,
      previewError: s.compose.previewError,
    })),
  );
  const characters = countCharacters(text);
  const pending = stale || (preview === null && text !== '' && previewError === null);
  return (
    <div className="counters" aria-live="polite">
      <span data-testid={composeTestIds.characters}>{t('compose.characters', { count: characters })}</span>
      <span data-testid={composeTestIds.segments} data-pending={pending ? 'true' : 'false'} className={pending ? 'pending' : ''}>
        {preview ? t('compose.segments', { count: preview.segments }) : text === '' ? t('compose.segments', { count: 0 }) : t('compose.segmentsPending')}
      </span>
      {preview && text !== '' ? (
        <span data-testid={composeTestIds.encoding} data-encoding={preview.encoding} className="muted">
          {t(`compose.encoding.${preview.encoding}`)}
        </span>
      ) : null}
      {preview ? (
        <span data-testid={composeTestIds.recipients} data-count={preview.recipients} className={pending ? 'pending' : ''}>
          {t('compose.recipients', { count: preview.recipients })}
        </span>
      ) : null}
      {preview && preview.smsTotal > 0 ? (
        <span data-testid={composeTestIds.smsTotal} data-count={preview.smsTotal} className={pending ? 'pending' : ''}>
          {t('compose.smsTotal', { count: preview.smsTotal })}
        </span>
      ) : null}
      {previewError ? <span className="form-error">{t('compose.previewFailed', { message: previewError })}</span> : null}
    </div>
  );
}

function Outcome() {
  const t = useT();
  const { result, error } = useAppStore(useShallow((s) => ({ result: s.compose.result, error: s.compose.error })));
  const refused = result?.refused ?? [];
  return (
    <>
      {error ? (
        <p className="form-error" role="alert" data-testid={composeTestIds.error}>
          {t('compose.failed', { message: error.message })}
        </p>
      ) : null}
      {result ? (
        <p
          className="outcome"
          role="status"
          data-testid={composeTestIds.result}
          data-broadcast-id={result.broadcastId ?? ''}
          data-recipients={result.recipients}
        >
          {result.broadcastId === null
            ? t('compose.sentNothing')
            : t('compose.sent', { id: result.broadcastId, count: result.recipients, segments: result.segments })}
        </p>
      ) : null}
      {refused.length > 0 ? (
        <div className="refused" data-testid={composeTestIds.refused}>
          <p>{t('compose.refused', { count: refused.length })}</p>
          <ul>
            {refused.map((r, i) => (
              <li key={`${r.kind}:${r.target}:${i}`}>{t('compose.refusal', { target: r.target, reason: r.reason })}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

export function ComposePanel() {
  const t = useT();
  const station = useStation();
  const hintId = useId();
  usePreview();
  const { text, picked, pickedTags, phones, sending, preview, stale, ready, setText } = useAppStore(
    useShallow((s) => ({
      text: s.compose.text,
      phones: s.compose.phones,
      picked: s.picked,
      pickedTags: s.pickedTags,
      sending: s.compose.sending,
      preview: s.compose.preview,
      stale: s.compose.previewStale,
      ready: s.connection.synced,
      setText: s.setText,
    })),
  );
  const canSend = ready && !sending && text.trim() !== '' && picked.length + pickedTags.length + phones.length > 0;
  // Name the count on the button only when it matches what is on screen.
  const recipients = preview && !stale ? preview.recipients : null;

  const send = async () => {
    if (!canSend) return;
    const s = useAppStore.getState();
    s.sendStarted();
    try {
      const result = await station.send({ text, groups: picked, tags: pickedTags, phones: phones.map((p) => p.phone) });
      useAppStore.getState().sendSucceeded(result);
    } catch (error) {
      const field = error instanceof Error && 'field' in error && typeof error.field === 'string' ? error.field : undefined;
      useAppStore.getState().sendFailed(messageOf(error), field);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send();
    }
  };

  return (
    <Panel title={t('compose.heading')} testId={composeTestIds.panel} className="panel-compose">
      <form
        className="compose"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <PickedChips />
        <label className="field">
          <span className="visually-hidden">{t('compose.text')}</span>
          <textarea
            id={COMPOSE_TEXT_ID}
            rows={4}
            value={text}
            placeholder={t('compose.placeholder')}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKeyDown}
            aria-describedby={hintId}
            data-testid={composeTestIds.text}
          />
        </label>
        <div className="compose-bar">
          <Counters />
          <span id={hintId} className="hint">
            {t('compose.shortcut')}
          </span>
          <button type="submit" className="button primary" disabled={!canSend} data-testid={composeTestIds.send}>
            {sending ? t('compose.sending') : recipients !== null && recipients > 0 ? t('compose.sendTo', { count: recipients }) : t('compose.send')}
          </button>
        </div>
        <Outcome />
      </form>
    </Panel>
  );
}
