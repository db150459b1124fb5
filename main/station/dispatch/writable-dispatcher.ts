// The one door (Dispatcher.send) while the store cannot write: a send is refused at once with a
// sentence that says why and that it resumes by itself, rather than failing half-way into an
// `internal` error; a commit that hits the disk's trouble puts the store in its read-only state.
import { StationError } from '../errors.js';
import { msg } from '../i18n/text.js';
import type { Store } from '../store/store.js';
import { StoreWriteError, writeTrouble, type WriteHealth } from '../store/write-health.js';
import { Dispatcher, type DispatchHooks } from './dispatch.js';

export class WritableDispatcher extends Dispatcher {
  private readonly writes: WriteHealth;

  constructor(store: Store, hooks: DispatchHooks) {
    super(store, hooks);
    this.writes = store.writes;
  }

  override send(...args: Parameters<Dispatcher['send']>): ReturnType<Dispatcher['send']> {
    const writes = this.writes;
    if (!writes.writable) throw readOnly(writes.state.reason!);
    try {
      return super.send(...args);
    } catch (err) {
      if (writes.failed(err)) throw readOnly(writeTrouble(err)!);
      throw err;
    }
  }

  protected override commitFailed(err: unknown): unknown {
    return this.writes.failed(err) ? readOnly(writeTrouble(err)!) : err;
  }
}

export function readOnly(reason: string): StationError {
  return new StationError('unavailable', msg('store.readOnly', { reason }));
}

/** A StoreWriteError (or a raw SQLite write failure) as what the client hears. */
export function storeTroubleAsStationError(err: unknown): StationError | null {
  const reason = err instanceof StoreWriteError ? err.reason : writeTrouble(err);
  return reason ? readOnly(reason) : null;
}
