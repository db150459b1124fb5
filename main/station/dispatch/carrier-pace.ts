// Per-carrier rate limits: a modem takes maybe 10 SMS a minute, an SMPP account has a contracted
// rate. Each carrier gets evenly spaced send slots; a message waits for its carrier's next slot.
export class CarrierPace {
  private readonly nextSlot = new Map<string, number>();

  /** @param perSecond carrier id → messages per second; carriers not named are not limited */
  constructor(
    private readonly perSecond: Readonly<Record<string, number>>,
    private readonly now: () => number = Date.now,
  ) {}

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
