// The station's in-process event bus. Its events are exactly the protocol's, so the ws server
// forwards them as they are and integrations (webhooks, notifications) listen to the same stream.
import { EventEmitter } from 'node:events';
import type { EventData, EventName } from '../../shared/protocol/index.js';

export class StationEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every ws client subscribes once; a busy control room can have dozens.
    this.emitter.setMaxListeners(0);
  }

  emit<K extends EventName>(name: K, data: EventData<K>): void {
    this.emitter.emit(name, data);
  }

  on<K extends EventName>(name: K, listener: (data: EventData<K>) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}
