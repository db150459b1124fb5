// The station's in-process event bus. Its events are exactly the protocol's, so the ws server
// forwards them as they are and integrations (webhooks, notifications) listen to the same stream.
// Each listener runs behind its own guard: one that throws is logged and the others still hear
// the event, and whoever emitted it (a carrier's callback, the outbox, the inbound path) goes on.
import { EventEmitter } from 'node:events';
import type { EventData, EventName } from '../../shared/protocol/index.js';

export class StationEvents {
  private readonly emitter = new EventEmitter();

  /** `failed`: told when a listener throws (the station logs it). */
  constructor(private readonly failed: (err: unknown, event: EventName) => void = () => undefined) {
    // Every ws client subscribes once; a busy control room can have dozens.
    this.emitter.setMaxListeners(0);
  }

  emit<K extends EventName>(name: K, data: EventData<K>): void {
    this.emitter.emit(name, data);
  }

  on<K extends EventName>(name: K, listener: (data: EventData<K>) => void): () => void {
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
    return () => this.emitter.off(name, guarded);
  }
}
