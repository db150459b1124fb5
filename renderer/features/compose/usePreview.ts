// Asks the station to count segments and recipients for what is on screen, debounced, and keeps
// only the answer to the latest question (an older answer arriving late is dropped).
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { messageOf } from '../../app/station-bridge.js';
import { useStation } from '../../app/station-context.js';
import { useAppStore } from '../../app/store.js';

export const PREVIEW_DEBOUNCE_MS = 250;

export function usePreview(): void {
  const station = useStation();
  const { text, picked, tags, phones, ready } = useAppStore(
    useShallow((s) => ({
      text: s.compose.text,
      picked: s.picked,
      tags: s.pickedTags,
      phones: s.compose.phones,
      ready: s.connection.synced,
    })),
  );
  const generation = useRef(0);

  useEffect(() => {
    const mine = ++generation.current;
    const s = useAppStore.getState();
    if (!ready) return; // Not signed in on this link yet: the station would refuse.
    if (text === '' && picked.length + tags.length + phones.length === 0) {
      s.previewFailed(null);
      return;
    }
    s.previewRequested();
    const timer = setTimeout(() => {
      station.preview({ text, groups: picked, tags, phones: phones.map((p) => p.phone) }).then(
        (preview) => {
          if (mine === generation.current) useAppStore.getState().previewArrived(preview);
        },
        (error: unknown) => {
          if (mine !== generation.current) return;
          // An empty text is not worth an error line while the dispatcher is still picking groups.
          useAppStore.getState().previewFailed(text === '' ? null : messageOf(error));
        },
      );
    }, PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [station, text, picked, tags, phones, ready]);
}
