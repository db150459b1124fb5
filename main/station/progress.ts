// Turns a stream of message changes into events: each changed message is pushed at once, and
// each touched broadcast's progress at most every `intervalMs` (its counts are counters, but a
// broadcast changes thousands of times a minute). A batch of changes larger than CHUNK (an outbox
// round on a fast carrier, a large broadcast's reports) is pushed in chunks, one macrotask each,
// in order, so the station keeps answering while it tells the desks.
import type { Store } from './store/store.js';
import type { StationEvents } from './events.js';

/** Messages read and pushed per macrotask. */
const CHUNK = 100;

type Change = { kind: 'message.created' | 'message.updated'; id: number };

export class ProgressPublisher {
  private readonly dirty = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  private queue: Change[] = [];
  private draining: NodeJS.Immediate | null = null;

  constructor(
    private readonly store: Store,
    private readonly events: StationEvents,
    private readonly intervalMs = 250,
    /** A push that could not be read (the store failing): logged, and tried again in a second. */
    private readonly trouble: (err: unknown) => void = () => undefined,
  ) {}

  messagesCreated(ids: readonly number[]): void {
    this.enqueue('message.created', ids);
  }

  messagesChanged(ids: readonly number[]): void {
    this.enqueue('message.updated', ids);
  }

  private enqueue(kind: Change['kind'], ids: readonly number[]): void {
    for (const id of ids) this.queue.push({ kind, id });
    // A small batch with nothing waiting goes out now: a reply reaches the desks in this same turn.
    if (!this.draining && this.queue.length <= CHUNK) this.drain();
    else this.draining ??= setImmediate(() => this.drain());
  }

  private drain(): void {
    this.draining = null;
    const batch = this.queue.splice(0, CHUNK);
    // Nobody to tell (no desk connected, no webhook): nothing to read. A desk reads the board afresh when it connects.
    if (!this.wanted()) {
      this.queue = [];
      return;
    }
    let views: Map<number, ReturnType<Store['messages']['views']>[number]>;
    try {
      views = new Map(this.store.messages.views(batch.map((c) => c.id)).map((m) => [m.id, m]));
    } catch (err) {
      // Whoever changed the messages goes on; the desks hear of them once the store reads again.
      this.queue.unshift(...batch);
      this.trouble(err);
      this.retry();
      return;
    }
    for (const c of batch) {
      const m = views.get(c.id);
      if (!m) continue;
      this.events.emit(c.kind, m);
      if (m.broadcastId !== null) this.touch(m.broadcastId);
    }
    if (this.queue.length > 0) this.draining = setImmediate(() => this.drain());
  }

  private wanted(): boolean {
    return this.events.wanted('message.created') || this.events.wanted('message.updated') || this.events.wanted('broadcast.progress');
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
    if (!this.events.wanted('broadcast.progress')) return;
    for (const [i, id] of ids.entries()) {
      let summary: ReturnType<Store['broadcasts']['summary']>;
      try {
        summary = this.store.broadcasts.summary(id);
      } catch (err) {
        for (const left of ids.slice(i)) this.dirty.add(left);
        this.trouble(err);
        this.timer ??= setTimeout(() => this.flush(), 1_000);
        return;
      }
      if (summary) this.events.emit('broadcast.progress', summary);
    }
  }

  private retry(): void {
    if (this.draining || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.drain();
    }, 1_000);
  }

  private retryTimer: NodeJS.Timeout | null = null;

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.draining) clearImmediate(this.draining);
    this.draining = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.queue = [];
  }
}
