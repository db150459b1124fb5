// One SMS storage as the emulator keeps it (SM on the SIM, ME in the module, SR for status
// reports): numbered slots from the vendor's first index, a capacity, <stat> per slot, and
// entries that can be corrupted (listed with no PDU, unreadable by AT+CMGR).

export interface StoredSms {
  pdu: string;
  /** 0 received unread, 1 received read (27.005 PDU-mode <stat>). */
  stat: 0 | 1;
  /** A damaged entry: counted and listed, but its PDU cannot be read. */
  corrupt?: boolean;
}

export class SimStorage {
  private readonly slots = new Map<number, StoredSms>();

  constructor(
    public capacity = 30,
    readonly indexBase = 1,
  ) {}

  get used(): number {
    return this.slots.size;
  }

  get full(): boolean {
    return this.slots.size >= this.capacity;
  }

  /** Stores a PDU in the lowest free slot; null when full. */
  store(pdu: string): number | null {
    for (let i = this.indexBase; i < this.indexBase + this.capacity; i++) {
      if (!this.slots.has(i)) {
        this.slots.set(i, { pdu, stat: 0 });
        return i;
      }
    }
    return null;
  }

  /** Stores at a given slot (a slot just freed). */
  storeAt(index: number, pdu: string): void {
    this.slots.set(index, { pdu, stat: 0 });
  }

  read(index: number): StoredSms | undefined {
    const s = this.slots.get(index);
    if (s && !s.corrupt) s.stat = 1;
    return s;
  }

  delete(index: number): boolean {
    return this.slots.delete(index);
  }

  corrupt(index: number): void {
    const s = this.slots.get(index);
    if (s) s.corrupt = true;
  }

  list(): Array<[number, StoredSms]> {
    return [...this.slots.entries()].sort((a, b) => a[0] - b[0]);
  }
}
