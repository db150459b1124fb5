// SMS whose submit got no answer in time: they may have gone out. Each waits here for its late
// answer (the carrier keeps listening and reports it through CarrierSink.late) for a bounded
// grace; when the answer says it was lost, or the grace ends, the outbox sends it again — once.
// The store holds the same fact durably (messages.in_doubt_at), so a restart re-sends it too.

export interface InDoubtEntry {
  id: number;
  carrierId: string;
  phone: string;
  /** Times this SMS was already re-sent after an earlier doubt. */
  resends: number;
  since: number;
}

export class InDoubtBook {
  private readonly entries = new Map<number, InDoubtEntry & { timer: NodeJS.Timeout }>();
  private readonly perCarrier = new Map<string, number>();

  constructor(private readonly onChange: (carrierId: string, count: number) => void) {}

  add(entry: InDoubtEntry, graceMs: number, graceOver: (entry: InDoubtEntry) => void): void {
    this.take(entry.id);
    const timer = setTimeout(() => {
      if (this.take(entry.id, entry.carrierId)) graceOver(entry);
    }, graceMs);
    timer.unref();
    this.entries.set(entry.id, { ...entry, timer });
    this.bump(entry.carrierId, +1);
  }

  /** Removes and returns the entry (only if it is in doubt on `carrierId`, when given). */
  take(id: number, carrierId?: string): InDoubtEntry | undefined {
    const e = this.entries.get(id);
    if (!e || (carrierId !== undefined && e.carrierId !== carrierId)) return undefined;
    clearTimeout(e.timer);
    this.entries.delete(id);
    this.bump(e.carrierId, -1);
    const { timer: _timer, ...entry } = e;
    return entry;
  }

  count(carrierId: string): number {
    return this.perCarrier.get(carrierId) ?? 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Forgets every entry without settling it: the store keeps them in doubt for the next start. */
  clear(): void {
    for (const e of this.entries.values()) clearTimeout(e.timer);
    const carriers = [...this.perCarrier.keys()];
    this.entries.clear();
    this.perCarrier.clear();
    for (const c of carriers) this.onChange(c, 0);
  }

  private bump(carrierId: string, by: number): void {
    const n = Math.max(0, (this.perCarrier.get(carrierId) ?? 0) + by);
    this.perCarrier.set(carrierId, n);
    this.onChange(carrierId, n);
  }
}
