// An order's thread: every broadcast that carried its number and every message in and out of
// them, oldest first, including replies from phones the order was never sent to.
import type { Store } from '../store/store.js';
import type { OrderTimeline } from '../../../shared/protocol/index.js';

export function orderTimeline(store: Store, code: string): OrderTimeline {
  const clean = code.replace(/^#/, '');
  const ids = store.db.prepare('SELECT id FROM broadcasts WHERE code = ? ORDER BY id').pluck().all(clean) as number[];
  const messageIds =
    ids.length === 0
      ? []
      : (store.db
          .prepare(
            `SELECT id FROM messages WHERE broadcast_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, id LIMIT 5000`,
          )
          .pluck()
          .all(JSON.stringify(ids)) as number[]);
  return {
    code: clean,
    broadcasts: ids.map((id) => store.broadcasts.summary(id)!).filter(Boolean),
    messages: store.messages.views(messageIds),
  };
}
