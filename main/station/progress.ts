// Turns a stream of message changes into events: each changed message is pushed at once, and
// each touched broadcast's progress at most every `intervalMs`, because counting a
// 10,000-recipient broadcast after every single status change would swamp the store.
import type { Store } from './store/store.js';
import type { StationEvents } from './events.js';

export class ProgressPublisher {
  private readonly dirty = new Set<number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Store,
    private readonly events: StationEvents,
    private readonly intervalMs = 250,
  ) {}

  messagesCreated(ids: readonly number[]): void {
    for (const m of this.store.messages.views(ids)) {
      this.events.emit('message.created', m);
      if (m.broadcastId !== null) this.touch(m.broadcastId);
    }
  }

  messagesChanged(ids: readonly number[]): void {
    for (const m of this.store.messages.views(ids)) {
      this.events.emit('message.updated', m);
      if (m.broadcastId !== null) this.touch(m.broadcastId);
    }
  }

  touch(broadcastId: number): void {
    this.dirty.add(broadcastId);
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const ids = [...this.dirty];
    this.dirty.clear();
    for (const id of ids) {
      const summary = this.store.broadcasts.summary(id);
      if (summary) this.events.emit('broadcast.progress', summary);
    }
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
