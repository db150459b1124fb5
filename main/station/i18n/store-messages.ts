// What the station says when its store cannot write (disk full, I/O error, a locked file).
// Spread into messages.ts.
import { entry } from './catalog.js';

const reasonRu: Record<string, string> = {
  'disk full': 'диск заполнен',
  'I/O error': 'ошибка ввода-вывода диска',
  locked: 'файл базы занят другой программой',
  'read-only file': 'файл базы доступен только для чтения',
};

export const storeMessages = {
  'store.readOnly': entry<{ reason: string }>({
    en: (p) =>
      `The station cannot write to its store (${p.reason}), so it takes no new sends for now. Everything already stored is kept; ` +
      'sending resumes by itself once the disk is writable again. Free disk space or ask the administrator.',
    ru: (p) =>
      `Станция не может записывать данные (${reasonRu[p.reason] ?? p.reason}), поэтому новые рассылки пока не принимаются. ` +
      'Всё сохранённое цело; отправка продолжится сама, как только запись снова станет возможной. Освободите место на диске или обратитесь к администратору.',
  }),
};
