// Strings of the order thread, merged into ru.ts / en.ts.
export const ordersRu = {
  'orders.open': 'Заявка #{code}',
  'orders.openLabel': 'Открыть ленту заявки #{code}',
  'orders.title': 'Заявка #{code}',
  'orders.loading': 'Загружаем ленту заявки…',
  'orders.empty': 'По этой заявке ещё ничего не было.',
  'orders.failed': 'Не удалось загрузить ленту: {message}',
  'orders.broadcast': 'Рассылка №{id} · {author} · получателей: {total}',
  'orders.summary': { one: '{count} сообщение', few: '{count} сообщения', many: '{count} сообщений', other: '{count} сообщения' },
  'orders.replies': { one: '{count} ответ', few: '{count} ответа', many: '{count} ответов', other: '{count} ответа' },
  'orders.notRecipient': 'не был в рассылке',
  'orders.close': 'Закрыть',
  'orders.timeline': 'Лента заявки по времени',
} as const;

type Plural = { one: string; other: string; few?: string; many?: string };
export const ordersEn: { [K in keyof typeof ordersRu]: (typeof ordersRu)[K] extends string ? string : Plural } = {
  'orders.open': 'Order #{code}',
  'orders.openLabel': 'Open the thread of order #{code}',
  'orders.title': 'Order #{code}',
  'orders.loading': 'Loading the order’s thread…',
  'orders.empty': 'Nothing has happened on this order yet.',
  'orders.failed': 'Could not load the thread: {message}',
  'orders.broadcast': 'Broadcast #{id} · {author} · recipients: {total}',
  'orders.summary': { one: '{count} message', other: '{count} messages' },
  'orders.replies': { one: '{count} reply', other: '{count} replies' },
  'orders.notRecipient': 'was not sent the order',
  'orders.close': 'Close',
  'orders.timeline': 'The order’s thread in time order',
};
