// Tag subscriptions by SMS: `+#авария` joins, `-#авария` leaves, where the admin made the tag
// self-service. The sender gets an SMS back saying what happened, so a typo is not silent.
import type { Store } from '../store/store.js';
import type { SubscriptionCommand } from '../domain/answers.js';

export interface SubscriptionOutcome {
  /** The text of the SMS that goes back to the sender. */
  reply: string;
  changed: boolean;
}

export function applySubscriptionCommands(
  store: Store,
  sender: { phone: string; contactId: number | null },
  commands: readonly SubscriptionCommand[],
  now: number,
): SubscriptionOutcome {
  if (sender.contactId === null) {
    return { reply: 'Ваш номер не найден в справочнике. Обратитесь к диспетчеру, чтобы подписаться на рассылки.', changed: false };
  }
  const lines: string[] = [];
  let changed = false;
  for (const cmd of commands) {
    const tag = store.tags.byName(cmd.tag);
    if (!tag || !tag.selfService) {
      lines.push(`#${cmd.tag}: подписка по SMS недоступна, обратитесь к диспетчеру.`);
      continue;
    }
    if (cmd.join) {
      store.tags.subscribe(tag.id, sender.contactId, 'sms', now);
      lines.push(`Вы подписаны на #${tag.name}. Отписаться: -#${tag.name}`);
    } else {
      store.tags.unsubscribe(tag.id, sender.contactId);
      lines.push(`Вы отписаны от #${tag.name}.`);
    }
    store.audit.record(
      { userId: null, name: `sms:${sender.phone}` },
      cmd.join ? 'tag.subscribe' : 'tag.unsubscribe',
      `tag:${tag.id}`,
      { tag: tag.name, contactId: sender.contactId, source: 'sms' },
      now,
    );
    changed = true;
  }
  return { reply: lines.join(' '), changed };
}
