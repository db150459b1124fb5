// Stable hooks for end-to-end tests of the shell. Change one only together with the specs.
export const shellTestIds = {
  shell: 'app-shell',
  /** Shown while the station is unreachable; data-link="connecting|offline". */
  stationBanner: 'station-banner',
  retryNow: 'station-retry',
  /** One per troubled carrier: carrier-banner-<carrier id>. */
  carrierBanner: (carrierId: string) => `carrier-banner-${carrierId}`,
  allCarriersDown: 'carriers-down-banner',
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
} as const;
