// Per-carrier rate limits: a modem takes maybe 10 SMS a minute, an SMPP account has a contracted
// rate. Each carrier gets evenly spaced send slots; a message waits for its carrier's next slot.
export class CarrierPace {
  private readonly nextSlot = new Map<string, number>();

  private readonly perSecond: Record<string, number>;

  /** @param perSecond carrier id → messages per second; carriers not named are not limited */
  constructor(
    perSecond: Readonly<Record<string, number>>,
    private readonly now: () => number = Date.now,
  ) {
    this.perSecond = { ...perSecond };
  }

  /** A rate set on screen, at once; null takes the limit off. */
  setRate(carrierId: string, perSecond: number | null): void {
    if (perSecond === null || perSecond <= 0) delete this.perSecond[carrierId];
    else this.perSecond[carrierId] = perSecond;
    this.nextSlot.delete(carrierId);
  }

  /** Reserves the carrier's next slot and returns how long to wait for it, ms (0 = go now). */
  reserve(carrierId: string): number {
    const rate = this.perSecond[carrierId];
    if (!rate || rate <= 0) return 0;
    const now = this.now();
    const at = Math.max(now, this.nextSlot.get(carrierId) ?? 0);
    this.nextSlot.set(carrierId, at + 1000 / rate);
    return at - now;
  }
}
