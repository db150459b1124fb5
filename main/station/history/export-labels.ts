// Words in the exported file: headers, directions and statuses, in the reader's language.
import type { MessageStatus } from '../../../shared/protocol/entities.js';

export type ExportLocale = 'ru' | 'en';

export interface ExportLabels {
  sheet: string;
  headers: string[];
  direction: Record<'in' | 'out', string>;
  status: Record<MessageStatus, string>;
  dateFormat: string;
}

export const EXPORT_LABELS: Record<ExportLocale, ExportLabels> = {
  ru: {
    sheet: 'Сообщения',
    headers: ['Дата и время', 'Направление', 'Сотрудник', 'Телефон', 'Группы', 'Теги', 'Текст', 'Статус', 'Доставлено', 'Рассылка', 'Автор'],
    direction: { in: 'Входящее', out: 'Исходящее' },
    status: {
      queued: 'В очереди',
      sending: 'Отправляется',
      sent: 'Отправлено',
      delivered: 'Доставлено',
      failed: 'Ошибка',
      expired: 'Истекло',
      cancelled: 'Отменено',
      received: 'Получено',
    },
    dateFormat: 'dd.mm.yyyy hh:mm:ss',
  },
  en: {
    sheet: 'Messages',
    headers: ['Date and time', 'Direction', 'Employee', 'Phone', 'Groups', 'Tags', 'Text', 'Status', 'Delivered at', 'Broadcast', 'Author'],
    direction: { in: 'Incoming', out: 'Outgoing' },
    status: {
      queued: 'Queued',
      sending: 'Sending',
      sent: 'Sent',
      delivered: 'Delivered',
      failed: 'Failed',
      expired: 'Expired',
      cancelled: 'Cancelled',
      received: 'Received',
    },
    dateFormat: 'yyyy-mm-dd hh:mm:ss',
  },
};

/** Column widths in characters, in header order. */
export const EXPORT_WIDTHS = [20, 12, 28, 16, 30, 18, 60, 14, 20, 10, 24];
