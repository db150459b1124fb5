// Stable hooks for end-to-end tests of the shell. Change one only together with the specs.
export const shellTestIds = {
  shell: 'app-shell',
  /** Shown while the station is unreachable; data-link="connecting|offline". */
  stationBanner: 'station-banner',
  retryNow: 'station-retry',
  /** One per troubled carrier: carrier-banner-<carrier id>. */
  carrierBanner: (carrierId: string) => `carrier-banner-${carrierId}`,
  allCarriersDown: 'carriers-down-banner',
  storeReadOnly: 'store-read-only-banner',
  protocolBanner: 'protocol-banner',
  /** data-link="open|connecting|offline". */
  link: 'link-indicator',
  /** data-state=<CarrierState>, or "unknown" while the station is unreachable. */
  carrier: (carrierId: string) => `carrier-${carrierId}`,
  locale: 'locale-switch',
  theme: 'theme-toggle',
  user: 'current-user',
  logout: 'logout',
  /** Header button opening the shortcut list; the list itself is a dialog. */
  shortcutsButton: 'shortcuts-button',
  shortcutHelp: 'shortcut-help',
  /** The desk settings popover's button; its panel is `desk-settings-panel`. */
  settings: 'desk-settings',
  scale: (scale: number) => `desk-scale-${String(scale).replace('.', '_')}`,
  replySound: 'desk-reply-sound',
  replyNotify: 'desk-reply-notify',
  notifyPermission: 'desk-notify-permission',
  /** The three-column grid; its splitters are `splitter-groups` and `splitter-feed`. */
  layout: 'control-room-layout',
  splitter: (pane: 'groups' | 'feed') => `splitter-${pane}`,
  /** The row of tabs along the bottom holding the folded panels (carriers, admin…). */
  dock: 'dock',
} as const;
