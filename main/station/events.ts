// The station's in-process event bus. Its events are exactly the protocol's, so the ws server
// forwards them as they are and integrations (webhooks, notifications) listen to the same stream.
// Each listener runs behind its own guard: one that throws is logged and the others still hear
// the event, and whoever emitted it (a carrier's callback, the outbox, the inbound path) goes on.
import { EventEmitter } from 'node:events';
import type { EventData, EventName } from '../../shared/protocol/index.js';

export class StationEvents {
  private readonly emitter = new EventEmitter();
  /** Per event: listeners that always want it, and the "do I want it now" of those that say so. */
  private readonly always = new Map<EventName, number>();
  private readonly when = new Map<EventName, Set<() => boolean>>();

  /** `failed`: told when a listener throws (the station logs it). */
  constructor(private readonly failed: (err: unknown, event: EventName) => void = () => undefined) {
    // Every ws client subscribes once; a busy control room can have dozens.
    this.emitter.setMaxListeners(0);
  }

  emit<K extends EventName>(name: K, data: EventData<K>): void {
    this.emitter.emit(name, data);
  }

  /**
   * `wants`: whether this listener has any use for the event now (a control room with no desk
   * connected has none), so an emitter may skip reading what it would tell (see `wanted`). The
   * listener still hears every event emitted.
   */
  on<K extends EventName>(name: K, listener: (data: EventData<K>) => void, wants?: () => boolean): () => void {
    const guarded = (data: EventData<K>) => {
      try {
        listener(data);
      } catch (err) {
        try {
          this.failed(err, name);
        } catch {
          // the log itself failed; the event still reached the other listeners
        }
      }
    };
    this.emitter.on(name, guarded);
    if (wants) {
      const set = this.when.get(name) ?? new Set();
      this.when.set(name, set.add(wants));
    } else this.always.set(name, (this.always.get(name) ?? 0) + 1);
    return () => {
      this.emitter.off(name, guarded);
      if (wants) this.when.get(name)?.delete(wants);
      else this.always.set(name, this.always.get(name)! - 1);
    };
  }

  /** Whether an emit of this event now would be of use to any listener. */
  wanted(name: EventName): boolean {
    if ((this.always.get(name) ?? 0) > 0) return true;
    for (const wants of this.when.get(name) ?? []) if (wants()) return true;
    return false;
  }
}
