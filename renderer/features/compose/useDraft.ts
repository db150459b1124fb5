// The draft on screen as one send request, memoised: the preview, the counters and the send
// all read this, so they talk about the same text and the same people.
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SendRequest } from '../../../shared/protocol/index.js';
import { useT } from '../../app/i18n/index.js';
import { useAppStore } from '../../app/store.js';
import { buildSendRequest, instantCount, knownNames, type InstantCount } from './request.js';
import type { ComposeDraft } from './slice.js';

export function useDraft(): ComposeDraft {
  return useAppStore(
    useShallow((s) => ({
      text: s.compose.text,
      phones: s.compose.phones,
      contacts: s.compose.contacts,
      kind: s.compose.kind,
      options: s.compose.options,
      answerLines: s.compose.answerLines,
      code: s.compose.code,
      confirm: s.compose.confirm,
      priority: s.compose.priority,
      scheduledAt: s.compose.scheduledAt,
      validMinutes: s.compose.validMinutes,
    })),
  );
}

export function useSendRequest(): SendRequest {
  const t = useT();
  const draft = useDraft();
  const { groups, tags } = useAppStore(useShallow((s) => ({ groups: s.picked, tags: s.pickedTags })));
  const hint = t('compose.replyHint');
  return useMemo(() => buildSendRequest(draft, { groups, tags }, hint), [draft, groups, tags, hint]);
}

/** Characters and SMS of the outgoing text, counted here, with {name} over the people we know. */
export function useInstantCount(request: SendRequest): InstantCount {
  const { directory, groups, contacts, phones } = useAppStore(
    useShallow((s) => ({ directory: s.directory, groups: s.picked, contacts: s.compose.contacts, phones: s.compose.phones })),
  );
  const names = useMemo(() => knownNames(directory, groups, { contacts, phones }), [directory, groups, contacts, phones]);
  return useMemo(() => instantCount(request.text, names), [request.text, names]);
}
