// Widths of the side columns, remembered per user on this desk: two dispatchers sharing a
// workstation each get their own arrangement back when they sign in.
export interface PaneWidths {
  groups: number;
  feed: number;
}

export const DEFAULT_WIDTHS: PaneWidths = { groups: 250, feed: 520 };
export const PANE_LIMITS = { groups: { min: 180, max: 520 }, feed: { min: 320, max: 1100 } } as const;
/** The middle column (compose, board) never gets narrower than this. */
export const MIDDLE_MIN = 420;

export function layoutKey(userId: number): string {
  return `switchboard.layout.${userId}`;
}

export function clampWidth(pane: keyof PaneWidths, width: number): number {
  const { min, max } = PANE_LIMITS[pane];
  return Math.round(Math.min(max, Math.max(min, width)));
}

export function loadWidths(userId: number | undefined): PaneWidths {
  if (userId === undefined) return DEFAULT_WIDTHS;
  try {
    const raw = JSON.parse(globalThis.localStorage?.getItem(layoutKey(userId)) ?? 'null') as Partial<PaneWidths> | null;
    if (!raw || typeof raw !== 'object') return DEFAULT_WIDTHS;
    return {
      groups: typeof raw.groups === 'number' ? clampWidth('groups', raw.groups) : DEFAULT_WIDTHS.groups,
      feed: typeof raw.feed === 'number' ? clampWidth('feed', raw.feed) : DEFAULT_WIDTHS.feed,
    };
  } catch {
    return DEFAULT_WIDTHS; // Unreadable or disabled storage: the default layout works everywhere.
  }
}

export function saveWidths(userId: number | undefined, widths: PaneWidths): void {
  if (userId === undefined) return;
  try {
    globalThis.localStorage?.setItem(layoutKey(userId), JSON.stringify(widths));
  } catch {
    /* A layout not remembered is no reason to bother the dispatcher. */
  }
}
