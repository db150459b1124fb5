// Widths of the side columns, remembered per user on this desk: two dispatchers sharing a
// workstation each get their own arrangement back when they sign in.
export interface PaneWidths {
  groups: number;
  feed: number;
}

export const DEFAULT_WIDTHS: PaneWidths = { groups: 250, feed: 520 };
export const PANE_LIMITS = { groups: { min: 180, max: 520 }, feed: { min: 320, max: 1100 } } as const;

/**
 * The widths a desk starts with: DEFAULT_WIDTHS at 1366 px and below, more for the group tree
 * (on-duty names) and the feed (a reply's text beside its buttons) on a wider screen.
 */
export function defaultWidths(screenWidth: number = globalThis.innerWidth ?? 0): PaneWidths {
  return {
    groups: Math.round(Math.min(330, Math.max(DEFAULT_WIDTHS.groups, screenWidth * 0.17))),
    feed: Math.round(Math.min(640, Math.max(DEFAULT_WIDTHS.feed, screenWidth * 0.31))),
  };
}
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
  const start = defaultWidths();
  if (userId === undefined) return start;
  try {
    const raw = JSON.parse(globalThis.localStorage?.getItem(layoutKey(userId)) ?? 'null') as Partial<PaneWidths> | null;
    if (!raw || typeof raw !== 'object') return start;
    return {
      groups: typeof raw.groups === 'number' ? clampWidth('groups', raw.groups) : start.groups,
      feed: typeof raw.feed === 'number' ? clampWidth('feed', raw.feed) : start.feed,
    };
  } catch {
    return start; // Unreadable or disabled storage: the default layout works everywhere.
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
