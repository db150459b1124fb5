// Stable hooks for end-to-end tests. Change one only together with the specs that use it.
export const ordersTestIds = {
  /** A button opening an order's thread, by code (board rows, feed items). */
  link: (code: string) => `order-link-${code}`,
  /** The thread dialog; data-code, data-messages (count), data-broadcasts (count). */
  thread: 'order-thread',
  /** One broadcast of the order, as its header line in the timeline. */
  broadcast: (id: number) => `order-broadcast-${id}`,
  /** One message in the timeline; data-direction, data-status, data-phone. */
  message: (id: number) => `order-message-${id}`,
  close: 'order-thread-close',
  error: 'order-thread-error',
} as const;
