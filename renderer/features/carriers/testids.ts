// Stable hooks for end-to-end and component tests. Change one only together with the tests that use it.
export const carriersTestIds = {
  panel: 'carriers-panel',
  empty: 'carriers-empty',
  /** data-state: connecting | up | degraded | down | disabled. */
  card: (id: string) => `carrier-card-${id}`,
  reason: (id: string) => `carrier-reason-${id}`,
  /** data-bars: 0..4; data-signal: percent or empty. */
  signal: (id: string) => `carrier-signal-${id}`,
  queue: (id: string) => `carrier-queue-${id}`,
  sentToday: (id: string) => `carrier-sent-today-${id}`,
  modem: (id: string) => `carrier-modem-${id}`,
  /** The modem's USB identity (vendor:product, serial, interface). */
  modemUsb: (id: string) => `carrier-modem-usb-${id}`,
  loadError: 'carriers-load-error',
  tools: 'carrier-tools',
  portList: 'carrier-port-list',
  portPath: 'carrier-port-path',
  baud: 'carrier-baud',
  probe: 'carrier-probe',
  /** data-code: the probe verdict code; data-ok: true | false. */
  verdict: 'carrier-probe-verdict',
  answers: 'carrier-probe-answers',
  probeError: 'carrier-probe-error',
  testCarrier: 'carrier-test-carrier',
  testPhone: 'carrier-test-phone',
  testText: 'carrier-test-text',
  testSend: 'carrier-test-send',
  /** data-message-id, data-status. */
  testResult: 'carrier-test-result',
  testError: 'carrier-test-error',
} as const;
