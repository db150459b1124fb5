// Tray icon: the station keeps receiving replies while the window is hidden, so the tray is how
// the operator brings the window back or really quits.

import { Menu, Tray, nativeImage } from 'electron';
import { fileURLToPath } from 'node:url';
import type { ShellLabels } from './labels.js';

// Electron picks tray@2x.png beside it on high-DPI screens. The build copies assets/ into dist.
export const TRAY_ICON_PATH = fileURLToPath(new URL('./assets/tray.png', import.meta.url));

export interface TrayActions {
  show(): void;
  quit(): void;
}

export function createTray(labels: ShellLabels, actions: TrayActions): Tray {
  const icon = nativeImage.createFromPath(TRAY_ICON_PATH);
  if (icon.isEmpty()) console.warn(`switchboard: tray icon not found at ${TRAY_ICON_PATH}`);
  const tray = new Tray(icon);
  tray.setToolTip('Switchboard');
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: labels.show, click: () => actions.show() },
      { type: 'separator' },
      { label: labels.quit, click: () => actions.quit() },
    ]),
  );
  // Windows users expect a left click on the icon to bring the window up.
  tray.on('click', () => actions.show());
  return tray;
}
