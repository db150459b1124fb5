// Asks the station who the draft reaches and what it costs, debounced, and keeps only the
// answer to the latest question (an older answer arriving late is dropped). The SMS count per
// recipient is already on screen from shared/sms; this adds recipients, refusals and, with
// {name}, the exact per-person range.
import { useEffect, useRef } from 'react';
import type { SendRequest } from '../../../shared/protocol/index.js';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';

export const PREVIEW_DEBOUNCE_MS = 250;

export function usePreview(request: SendRequest): void {
  const station = useStation();
  const ready = useAppStore((s) => s.connection.synced);
  const generation = useRef(0);

  useEffect(() => {
    const mine = ++generation.current;
    const s = useAppStore.getState();
    if (!ready) return; // Not signed in on this link yet: the station would refuse.
    const nobody = (request.groups ?? []).length + (request.tags ?? []).length + (request.phones ?? []).length + (request.contacts ?? []).length === 0;
    if (request.text === '' && nobody) {
      s.previewFailed(null);
      return;
    }
    s.previewRequested();
    // The escalation chain does not change who gets the first message or what it costs.
    const { confirm: _confirm, ...question } = request;
    const timer = setTimeout(() => {
      station.preview(question).then(
        (preview) => {
          if (mine === generation.current) useAppStore.getState().previewArrived(preview);
        },
        (error: unknown) => {
          if (mine !== generation.current) return;
          // An empty text is not worth an error line while the dispatcher is still picking groups.
          useAppStore.getState().previewFailed(request.text === '' ? null : messageOf(error));
        },
      );
    }, PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [station, request, ready]);
}
