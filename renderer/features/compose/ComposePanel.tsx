// Compose: who gets it (groups from the panel, people, tags and numbers from the typeahead),
// what kind it is, the text with an instant SMS counter, templates, and one Send button that
// opens the second-chance confirmation. Ctrl+Enter from the text does the same.
import { useId, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { StationError } from '../../app/station-client.js';
import { useT, useWhen } from '../../app/i18n/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import { Panel } from '../../ui/Panel.js';
import { usePickedGroups } from '../groups/selectors.js';
import { DeliveryFields } from './DeliveryFields.js';
import { KindFields, KindPicker } from './KindFields.js';
import { RecipientSearch } from './RecipientSearch.js';
import { SendCheck } from './SendCheck.js';
import { Templates } from './Templates.js';
import { COMPOSE_TEXT_ID, composeTestIds as ids } from './testids.js';
import { useInstantCount, useSendRequest } from './useDraft.js';
import { usePreview } from './usePreview.js';
import type { SendRequest } from '../../../shared/protocol/index.js';
import './compose.css';

function Chip(props: { label: string; count?: string | number | undefined; className?: string; testId: string; removeTestId: string; onRemove: () => void }) {
  const t = useT();
  return (
    <li className={`chip ${props.className ?? ''}`} data-testid={props.testId}>
      {props.label}
      {props.count !== undefined ? <span className="chip-count">{props.count}</span> : null}
      <button type="button" className="chip-remove" aria-label={t('compose.remove', { name: props.label })} onClick={props.onRemove} data-testid={props.removeTestId}>
        ×
      </button>
    </li>
  );
}

function PickedChips() {
  const t = useT();
  const picked = usePickedGroups();
  const s = useAppStore(
    useShallow((s) => ({
      unpick: s.unpick,
      pickedTags: s.pickedTags,
      unpickTag: s.unpickTag,
      phones: s.compose.phones,
      removePhone: s.removePhone,
      contacts: s.compose.contacts,
      removeContact: s.removeContact,
    })),
  );
  const none = picked.length + s.pickedTags.length + s.phones.length + s.contacts.length === 0;
  return (
    <div className="compose-to">
      <span className="label">{t('compose.to')}</span>
      {none ? (
        <span className="hint" data-testid={ids.picked}>
          {t('compose.noRecipients')}
        </span>
      ) : (
        <ul className="chips" data-testid={ids.picked}>
          {picked.map((g) => (
            <Chip key={g.id} label={g.name} count={g.totalCount} testId={ids.chip(g.id)} removeTestId={ids.chipRemove(g.id)} onRemove={() => s.unpick(g.id)} />
          ))}
          {s.contacts.map((c) => (
            <Chip key={`c${c.id}`} label={c.name} count={c.phone} className="chip-phone" testId={ids.contactChip(c.id)} removeTestId={ids.contactChipRemove(c.id)} onRemove={() => s.removeContact(c.id)} />
          ))}
          {s.pickedTags.map((name) => (
            <Chip key={`#${name}`} label={`#${name}`} className="chip-tag" testId={ids.tagChip(name)} removeTestId={ids.tagChipRemove(name)} onRemove={() => s.unpickTag(name)} />
          ))}
          {s.phones.map((p) => (
            <Chip key={p.phone} label={p.name ?? p.phone} count={p.name ? p.phone : undefined} className="chip-phone" testId={ids.phoneChip(p.phone)} removeTestId={ids.phoneChipRemove(p.phone)} onRemove={() => s.removePhone(p.phone)} />
          ))}
        </ul>
      )}
      <RecipientSearch />
    </div>
  );
}

function Counters(props: { request: SendRequest }) {
  const t = useT();
  const count = useInstantCount(props.request);
  const { preview, stale, previewError } = useAppStore(
    useShallow((s) => ({ preview: s.compose.preview, stale: s.compose.previewStale, previewError: s.compose.previewError })),
  );
  // The station's figure wins once it is for what is on screen: it knows every recipient's name.
  const fresh = preview !== null && !stale;
  const min = fresh ? preview.segments : count.range.min;
  const max = fresh ? (preview.segmentsMax ?? preview.segments) : count.range.max;
  const empty = props.request.text === '';
  return (
    <div className="counters" aria-live="polite">
      <span data-testid={ids.characters}>{t('compose.characters', { count: count.characters })}</span>
      <span data-testid={ids.segments} data-min={empty ? 0 : min} data-max={empty ? 0 : max} title={max > min ? t('compose.namesDiffer', { min, max }) : undefined}>
        {empty ? t('compose.segments', { count: 0 }) : max > min ? t('compose.segmentsRange', { min, max }) : t('compose.segments', { count: min })}
      </span>
      {!empty ? (
        <span data-testid={ids.encoding} data-encoding={count.encoding} className="muted">
          {t(`compose.encoding.${count.encoding}`)}
        </span>
      ) : null}
      {preview ? (
        <span data-testid={ids.recipients} data-count={preview.recipients} className={stale ? 'pending' : ''}>
          {t('compose.recipients', { count: preview.recipients })}
        </span>
      ) : null}
      {preview && preview.smsTotal > 0 ? (
        <span data-testid={ids.smsTotal} data-count={preview.smsTotal} className={stale ? 'pending' : ''}>
          {t('compose.smsTotal', { count: preview.smsTotal })}
        </span>
      ) : null}
      {previewError ? <span className="form-error">{t('compose.previewFailed', { message: previewError })}</span> : null}
    </div>
  );
}

/** Answering one person from the feed: who, that the draft waits aside, and the way back to it. */
function ReplyBanner() {
  const t = useT();
  const { replyingTo, aside, text, restore } = useAppStore(
    useShallow((s) => ({ replyingTo: s.compose.replyingTo, aside: s.compose.aside, text: s.compose.text, restore: s.restoreAside })),
  );
  const [asking, setAsking] = useState(false);
  if (!replyingTo) return null;
  const back = () => {
    // A typed reply is not dropped on one click.
    if (text.trim() !== '' && !asking) setAsking(true);
    else {
      setAsking(false);
      restore();
    }
  };
  return (
    <div className="reply-banner" role="status" data-testid={ids.replyBanner} data-phone={replyingTo.phone} data-aside={aside !== null}>
      <strong>{t('compose.reply.heading', { name: replyingTo.name ? `${replyingTo.name} (${replyingTo.phone})` : replyingTo.phone })}</strong>
      {aside ? <span className="muted">{t('compose.reply.aside')}</span> : null}
      <span className="spacer" />
      {asking ? (
        <span className="reply-ask" role="group">
          {t('compose.reply.dropAsk')}
          <button type="button" className="button small danger" onClick={back} data-testid={ids.replyDropYes}>
            {t('compose.reply.dropYes')}
          </button>
          <button type="button" className="button small ghost" onClick={() => setAsking(false)}>
            {t('compose.reply.dropNo')}
          </button>
        </span>
      ) : (
        <button type="button" className="button small" onClick={back} data-testid={ids.replyBack}>
          {t(aside ? 'compose.reply.back' : 'compose.reply.drop')}
        </button>
      )}
    </div>
  );
}

function Outcome() {
  const t = useT();
  const when = useWhen();
  const { result, error, repliedTo, scheduledAt } = useAppStore(
    useShallow((s) => ({ result: s.compose.result, error: s.compose.error, repliedTo: s.compose.repliedTo, scheduledAt: s.compose.resultScheduledAt })),
  );
  const refused = result?.refused ?? [];
  return (
    <>
      {error ? (
        <p className="form-error" role="alert" data-testid={ids.error}>
          {t('compose.failed', { message: error.message })}
        </p>
      ) : null}
      {result ? (
        <p className="outcome" role="status" data-testid={ids.result} data-broadcast-id={result.broadcastId ?? ''} data-recipients={result.recipients}>
          {result.broadcastId === null
            ? t('compose.sentNothing')
            : scheduledAt !== null
              ? t('compose.scheduledSent', { id: result.broadcastId, count: result.recipients, segments: result.segments, when: when(scheduledAt) })
              : t('compose.sent', { id: result.broadcastId, count: result.recipients, segments: result.segments })}
          {repliedTo !== null && result.broadcastId !== null ? ` ${t('compose.repliedBack', { name: repliedTo })}` : null}
        </p>
      ) : null}
      {refused.length > 0 ? (
        <div className="refused" data-testid={ids.refused}>
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
  const request = useSendRequest();
  usePreview(request);
  const { text, sending, confirming, preview, stale, ready, setText, openCheck } = useAppStore(
    useShallow((s) => ({
      text: s.compose.text,
      sending: s.compose.sending,
      confirming: s.compose.confirming,
      preview: s.compose.preview,
      stale: s.compose.previewStale,
      ready: s.connection.synced,
      setText: s.setText,
      openCheck: s.confirmOpened,
    })),
  );
  const someone = request.groups!.length + request.tags!.length + request.phones!.length + request.contacts!.length > 0;
  const canSend = ready && !sending && text.trim() !== '' && someone;
  // Name the count on the button only when it matches what is on screen.
  const recipients = preview && !stale ? preview.recipients : null;
  const changesText = request.text !== text.trim();

  const send = async () => {
    const s = useAppStore.getState();
    // One click, one reference: if the link drops and Send is pressed again for the same
    // request, the station finds the first and stores nothing twice.
    const clientRef = s.clientRefFor(JSON.stringify(request));
    s.sendStarted();
    try {
      const result = await station.send({ ...request, clientRef });
      useAppStore.getState().sendSucceeded(result, request.scheduledAt);
    } catch (error) {
      const field = error instanceof StationError ? error.field : undefined;
      useAppStore.getState().sendFailed(messageOf(error), field);
    }
    document.getElementById(COMPOSE_TEXT_ID)?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      if (canSend) openCheck();
    }
  };

  return (
    <Panel title={t('compose.heading')} testId={ids.panel} className="panel-compose">
      <form
        className="compose"
        onSubmit={(e) => {
          e.preventDefault();
          if (canSend) openCheck();
        }}
      >
        <ReplyBanner />
        <PickedChips />
        <KindPicker />
        <KindFields />
        <label className="field">
          <span className="visually-hidden">{t('compose.text')}</span>
          <textarea
            id={COMPOSE_TEXT_ID}
            rows={3}
            value={text}
            placeholder={t('compose.placeholder')}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKeyDown}
            aria-describedby={hintId}
            data-testid={ids.text}
          />
        </label>
        {changesText && text.trim() !== '' ? (
          <div className="outgoing">
            <span className="label">{t('compose.outgoing')}</span>
            <pre data-testid={ids.outgoing}>{request.text}</pre>
          </div>
        ) : null}
        {/* The counters and Send right under the text: at 1366×768 they must not need a scroll;
            templates and delivery options, used less, come after. */}
        <div className="compose-bar">
          <Counters request={request} />
          <span id={hintId} className="hint">
            {t('compose.shortcut')}
          </span>
          <button type="submit" className="button primary" disabled={!canSend} data-testid={ids.send}>
            {sending ? t('compose.sending') : recipients !== null && recipients > 0 ? t('compose.sendTo', { count: recipients }) : t('compose.send')}
          </button>
        </div>
        <Outcome />
        <Templates />
        <DeliveryFields />
      </form>
      {confirming ? <SendCheck text={request.text} onSend={() => void send()} /> : null}
    </Panel>
  );
}
