// The store: one SQLite file and the repositories over it.
import { openDatabase, type Db } from './database.js';
import { UserRepository } from './users.js';
import { ContactRepository } from './contacts.js';
import { GroupRepository } from './groups.js';
import { TagRepository } from './tags.js';
import { BroadcastRepository } from './broadcasts.js';
import { MessageRepository } from './messages.js';
import { OutboxQueue } from './outbox-queue.js';
import { WriteHealth, writeTrouble } from './write-health.js';
import { diskNearlyFull, keepReserve, releaseReserve } from './disk-reserve.js';
import { AuditLog } from './audit.js';

export class Store {
  readonly users: UserRepository;
  readonly contacts: ContactRepository;
  readonly groups: GroupRepository;
  readonly tags: TagRepository;
  readonly broadcasts: BroadcastRepository;
  readonly messages: MessageRepository;
  /** The outbox's claims and outcomes over the messages table. */
  readonly outbox: OutboxQueue;
  /** Whether writes succeed: read-only while the disk is full or failing, back by itself. */
  readonly writes: WriteHealth;
  readonly audit: AuditLog;

  constructor(readonly db: Db) {
    this.users = new UserRepository(db);
    this.contacts = new ContactRepository(db);
    this.groups = new GroupRepository(db);
    this.tags = new TagRepository(db);
    this.broadcasts = new BroadcastRepository(db);
    this.messages = new MessageRepository(db);
    this.outbox = new OutboxQueue(db);
    this.writes = new WriteHealth(db);
    this.audit = new AuditLog(db);
  }

  /**
   * Opens the file; on a disk too full even to open it, gives up the reserve beside it and opens
   * read-only (disk-reserve.ts), rather than leaving the station unable to start.
   */
  static open(file: string): Store {
    let db: Db;
    let startedFull = false;
    try {
      db = openDatabase(file);
    } catch (err) {
      if (!writeTrouble(err) || !releaseReserve(file)) throw err;
      db = openDatabase(file);
      startedFull = true;
    }
    const store = new Store(db);
    if (startedFull) store.writes.startReadOnly(diskNearlyFull(file) ? 'disk full' : 'I/O error');
    else keepReserve(file);
    store.writes.onChange((s) => {
      if (s.state === 'ok') keepReserve(file);
    });
    return store;
  }

  close(): void {
    this.writes.stop();
    this.audit.flush();
    if (this.db.open) this.db.close();
  }
}
