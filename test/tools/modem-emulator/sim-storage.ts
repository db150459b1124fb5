// The SIM's SMS storage as the emulator keeps it: numbered slots, a capacity, stat per slot.

export interface StoredSms {
  pdu: string;
  /** 0 received unread, 1 received read (27.005 PDU-mode <stat>). */
  stat: 0 | 1;
}

export class SimStorage {
  private readonly slots = new Map<number, StoredSms>();

  constructor(public capacity = 30) {}

  get used(): number {
    return this.slots.size;
  }

  /** Stores a PDU in the lowest free slot; null when full. */
  store(pdu: string): number | null {
    for (let i = 1; i <= this.capacity; i++) {
      if (!this.slots.has(i)) {
        this.slots.set(i, { pdu, stat: 0 });
        return i;
      }
    }
    return null;
  }

  read(index: number): StoredSms | undefined {
    const s = this.slots.get(index);
    if (s) s.stat = 1;
    return s;
  }

  delete(index: number): boolean {
    return this.slots.delete(index);
  }

  list(): Array<[number, StoredSms]> {
    return [...this.slots.entries()].sort((a, b) => a[0] - b[0]);
  }
}
