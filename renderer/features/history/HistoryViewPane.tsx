// One view of the history: an employee's conversation, a group's traffic or a tag's stream read
// like a chat (oldest at the top, newest at the bottom, earlier pages loaded above), or a
// broadcast with every recipient. Back returns along the links followed, then to the search.
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import type { MessageFilter } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { useStation, } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';
import { BroadcastView } from './BroadcastView.js';
import { ChatMessage } from './ChatMessage.js';
import { ExportBar } from './ExportBar.js';
import type { HistoryView } from './slice.js';
import { historyTestIds as ids } from './testids.js';
import { usePages, type Page } from './usePages.js';

const PAGE = 50;

function viewKey(view: HistoryView): string {
  switch (view.kind) {
    case 'contact':
      return `contact:${view.contactId}`;
    case 'group':
      return `group:${view.groupId}`;
    case 'tag':
      return `tag:${view.tag}`;
    case 'broadcast':
      return `broadcast:${view.broadcastId}`;
  }
}

/** The same view as a search filter: what "export this view" exports. */
export function viewFilter(view: HistoryView): MessageFilter {
  switch (view.kind) {
    case 'contact':
      return { contactId: view.contactId };
    case 'group':
      return { groupId: view.groupId };
    case 'tag':
      return { tag: view.tag };
    case 'broadcast':
      return { broadcastId: view.broadcastId };
  }
}

type ChatPage = Page & { contact?: { name: string; phone: string }; group?: { name: string }; tag?: string };

function ChatView(props: { view: Exclude<HistoryView, { kind: 'broadcast' }> }) {
  const t = useT();
  const station = useStation();
  const view = props.view;
  const fetchPage = useCallback(
    (cursor: string | null): Promise<ChatPage> => {
      // Newest first from the station, shown reversed: the first page is the latest exchange.
      const paging = { limit: PAGE, cursor, order: 'desc' as const };
      if (view.kind === 'contact') return station.request!('history.conversation', { contactId: view.contactId, ...paging });
      if (view.kind === 'group') return station.request!('history.group', { groupId: view.groupId, ...paging });
      return station.request!('history.tag', { tag: view.tag, ...paging });
    },
    [station, view],
  );
  const pages = usePages(viewKey(view), fetchPage);
  const first = pages.first;
  const title =
    view.kind === 'contact'
      ? first?.contact
        ? t('history.view.contact', { name: first.contact.name, phone: first.contact.phone })
        : ''
      : view.kind === 'group'
        ? first?.group
          ? t('history.view.group', { name: first.group.name })
          : ''
        : t('history.view.tag', { tag: first?.tag ?? view.tag });

  // Scroll to the newest message on the first page; keep the reader's place when older pages
  // are added above.
  const scroller = useRef<HTMLDivElement>(null);
  const before = useRef<{ height: number; top: number } | null>(null);
  const count = pages.hits.length;
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (before.current) {
      el.scrollTop = before.current.top + (el.scrollHeight - before.current.height);
      before.current = null;
    } else {
      el.scrollTop = el.scrollHeight;
    }
  }, [count]);
  const loadEarlier = () => {
    const el = scroller.current;
    if (el) before.current = { height: el.scrollHeight, top: el.scrollTop };
    pages.loadMore();
  };
  const chronological = [...pages.hits].reverse();

  return (
    <>
      <ViewHead title={title} view={view} />
      {pages.error ? (
        <p className="form-error" role="alert" data-testid={ids.error}>
          {pages.error}
        </p>
      ) : null}
      <div className="history-chat" ref={scroller} tabIndex={0} aria-label={title || t('history.loading')}>
        {pages.more ? (
          <button type="button" className="button small history-earlier" disabled={pages.loading} onClick={loadEarlier} data-testid={ids.earlier}>
            {pages.loading ? t('history.loading') : t('history.earlier')}
          </button>
        ) : null}
        {!pages.loading && !pages.error && count === 0 ? <p className="empty">{t('history.view.empty')}</p> : null}
        <ol className="history-chat-list" aria-busy={pages.loading}>
          {chronological.map((m) => (
            <ChatMessage key={m.id} message={m} showWho={view.kind !== 'contact'} />
          ))}
        </ol>
      </div>
    </>
  );
}

function ViewHead(props: { title: string; view: HistoryView }) {
  const t = useT();
  const back = useAppStore((s) => s.historyBack);
  const hasTrail = useAppStore((s) => s.records.trail.length > 0);
  const heading = useRef<HTMLHeadingElement>(null);
  const key = viewKey(props.view);
  // A new view announces itself: focus lands on its title (the sheet's keyboard user sees where they are).
  useEffect(() => {
    heading.current?.focus();
  }, [key]);
  return (
    <div className="history-view-head">
      <button type="button" className="button" onClick={back} data-testid={ids.back}>
        {hasTrail ? t('history.back') : t('history.backToSearch')}
      </button>
      <h3 tabIndex={-1} ref={heading} data-testid={ids.viewTitle}>
        {props.title}
      </h3>
      <span className="spacer" />
      <ExportBar filter={viewFilter(props.view)} filterLabel={t('history.export.view')} />
    </div>
  );
}

export function HistoryViewPane(props: { view: HistoryView }) {
  const t = useT();
  const view = props.view;
  const key = viewKey(view);
  return (
    <div className="history-view" data-testid={ids.view} data-kind={view.kind} data-key={key}>
      {view.kind === 'broadcast' ? (
        <BroadcastView broadcastId={view.broadcastId} head={(title) => <ViewHead title={title || t('history.loading')} view={view} />} />
      ) : (
        <ChatView key={key} view={view} />
      )}
    </div>
  );
}
