// The store: one SQLite file and the repositories over it.
import { openDatabase, type Db } from './database.js';
import { UserRepository } from './users.js';
import { ContactRepository } from './contacts.js';
import { GroupRepository } from './groups.js';
import { TagRepository } from './tags.js';
import { BroadcastRepository } from './broadcasts.js';
import { MessageRepository } from './messages.js';
import { OutboxQueue } from './outbox-queue.js';
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
  readonly audit: AuditLog;

  constructor(readonly db: Db) {
    this.users = new UserRepository(db);
    this.contacts = new ContactRepository(db);
    this.groups = new GroupRepository(db);
    this.tags = new TagRepository(db);
    this.broadcasts = new BroadcastRepository(db);
    this.messages = new MessageRepository(db);
    this.outbox = new OutboxQueue(db);
    this.audit = new AuditLog(db);
  }

  static open(file: string): Store {
    return new Store(openDatabase(file));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
