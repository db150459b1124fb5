// Which order's thread is open. The thread itself is fetched by the view (`order.timeline`)
// and kept there: only one is open at a time and it is refreshed as its broadcasts move.
import type { StateCreator } from 'zustand';
import type { AppState } from '../../app/store.js';

export interface OrdersSlice {
  orders: { open: string | null };
  openOrder(code: string): void;
  closeOrder(): void;
}

export const createOrdersSlice: StateCreator<AppState, [], [], OrdersSlice> = (set) => ({
  orders: { open: null },
  openOrder: (code) => set({ orders: { open: code.replace(/^#/, '') } }),
  closeOrder: () => set({ orders: { open: null } }),
});

/**
 * The order number a text quotes, as the station reads it: `#4711` anywhere, or a bare number
 * of 3 to 12 digits at the start (`4711 принял`).
 */
export function orderCodeIn(text: string): string | null {
  const tagged = /(?<![\p{L}\p{N}_&])#(\d{3,12})(?![\p{L}\p{N}_])/u.exec(text);
  if (tagged) return tagged[1]!;
  const bare = /^\s*(\d{3,12})(?![\p{L}\p{N}_])/u.exec(text);
  return bare ? bare[1]! : null;
}
