// Listens for the shortcuts and shows their list when asked (by "?" or the header button).
import { useCallback } from 'react';
import { ShortcutHelp } from './ShortcutHelp.js';
import { useShortcuts } from './shortcuts.js';
import { useAppStore } from './store.js';

export function ShortcutLayer() {
  const open = useAppStore((s) => s.overlay === 'shortcuts');
  const openOverlay = useAppStore((s) => s.openOverlay);
  const closeOverlay = useAppStore((s) => s.closeOverlay);
  useShortcuts(useCallback(() => openOverlay('shortcuts'), [openOverlay]));
  return open ? <ShortcutHelp onClose={closeOverlay} /> : null;
}
