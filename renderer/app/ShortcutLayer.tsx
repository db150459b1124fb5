// Listens for the shortcuts and shows their list when asked (by "?" or the header button).
import { useCallback, useMemo } from 'react';
import { useAllStreams } from '../features/feed/StreamTabs.js';
import { ShortcutHelp } from './ShortcutHelp.js';
import { useShortcuts } from './shortcuts.js';
import { useAppStore } from './store.js';

export function ShortcutLayer() {
  const open = useAppStore((s) => s.overlay === 'shortcuts');
  const openOverlay = useAppStore((s) => s.openOverlay);
  const closeOverlay = useAppStore((s) => s.closeOverlay);
  const streams = useAllStreams();
  const feed = useMemo(
    () => ({
      stepStream: (delta: 1 | -1) => {
        const s = useAppStore.getState();
        const i = streams.indexOf(s.feed.stream);
        s.setStream(streams[(i + delta + streams.length) % streams.length]!);
      },
      markRead: () => useAppStore.getState().markStreamRead(),
    }),
    [streams],
  );
  useShortcuts(useCallback(() => openOverlay('shortcuts'), [openOverlay]), feed);
  return open ? <ShortcutHelp onClose={closeOverlay} /> : null;
}
