// A generated store for the history bench: contacts in a two-level group tree, broadcasts with
// tags, per-recipient outgoing messages and about one reply in four. Deterministic (seeded), in one
// transaction, so a million messages take seconds.
import type { Db } from '../main/station/store/database.js';

const WORDS = [
  'авария', 'подстанция', 'напряжение', 'отключение', 'фидер', 'трансформатор', 'бригада', 'выезд',
  'ремонт', 'линия', 'опора', 'кабель', 'восстановлено', 'ёлочная', 'улица', 'район', 'сбор', 'учения',
  'срочно', 'проверка', 'насос', 'котельная', 'давление', 'утечка', 'газ', 'вода', 'свет', 'связь',
  'охрана', 'пожар', 'дежурный', 'смена', 'график', 'диспетчер', 'заявка', 'наряд', 'допуск', 'отбой',
];
const TAGS = ['авария', 'учения', 'план', 'газ', 'вода', 'свет', '1', '2', 'срочно', 'погода'];
const REPLIES = ['Принял', 'Выезжаю', 'Буду через 20 минут', 'На месте', 'Не могу, болею', '1', '2', 'Готово'];

/** Mulberry32: tiny, fast, good enough to make the same store every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedStore {
  messages: number;
  contacts: number;
  broadcasts: number;
  start: number;
  end: number;
}

export function generateStore(db: Db, target = 1_000_000, seed = 7): GeneratedStore {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const contacts = 2_000;
  const start = Date.UTC(2025, 0, 1);
  const end = Date.UTC(2026, 10, 1);
  let messages = 0;
  let broadcasts = 0;
  db.transaction(() => {
    // Per-row FTS triggers cost ~25 µs a message; for a bulk load, index once at the end with the
    // same statement migration 0002 fills the index with, then put the trigger back.
    const trigger = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'messages_fts_insert'`).pluck().get() as string;
    db.exec('DROP TRIGGER messages_fts_insert');
    db.prepare(`INSERT INTO users (login, name, role, password_hash, created_at) VALUES ('d1', 'Диспетчер Один', 'dispatcher', 'x', 0), ('d2', 'Диспетчер Два', 'dispatcher', 'x', 0)`).run();
    const group = db.prepare('INSERT INTO groups (id, parent_id, name, created_at) VALUES (?, ?, ?, 0)');
    for (let d = 1; d <= 10; d++) {
      group.run(d, null, `Район ${d}`);
      for (let c = 1; c <= 4; c++) group.run(d * 100 + c, d, `Бригада ${c}`);
    }
    const contact = db.prepare('INSERT INTO contacts (id, name, phone, position, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)');
    const member = db.prepare('INSERT INTO group_members (group_id, contact_id) VALUES (?, ?)');
    for (let i = 1; i <= contacts; i++) {
      contact.run(i, `Сотрудник ${i} Ёлкин`, `+7916${String(1_000_000 + i).padStart(7, '0')}`, 'Электромонтёр');
      member.run((1 + (i % 10)) * 100 + 1 + (i % 4), i);
    }
    const bc = db.prepare(`INSERT INTO broadcasts (id, author_id, source, text, tags, total, created_at) VALUES (?, ?, 'ui', ?, ?, ?, ?)`);
    const msg = db.prepare(
      `INSERT INTO messages (id, direction, broadcast_id, contact_id, phone, text, tags, segments, status,
         carrier_id, reply_to, created_at, updated_at, sent_at, delivered_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let id = 0;
    let at = start;
    const step = (end - start) / (target / 1.25);
    while (id < target) {
      broadcasts += 1;
      const tags = rnd() < 0.6 ? [pick(TAGS)] : [];
      const words = Array.from({ length: 6 + Math.floor(rnd() * 10) }, () => pick(WORDS));
      const text = `${tags.map((t) => `#${t} `).join('')}${words.join(' ')}`.replace(/^./, (c) => c.toUpperCase());
      const n = 10 + Math.floor(rnd() * 60);
      bc.run(broadcasts, 1 + (broadcasts % 2), text, tags.join(' '), n, Math.round(at));
      const first = 1 + Math.floor(rnd() * (contacts - n));
      const carrier = rnd() < 0.7 ? 'modem-1' : 'smpp-1';
      for (let k = 0; k < n && id < target; k++) {
        const c = first + k;
        const phone = `+7916${String(1_000_000 + c).padStart(7, '0')}`;
        const t = Math.round(at) + k;
        const status = rnd() < 0.93 ? 'delivered' : 'failed';
        id += 1;
        const outId = id;
        msg.run(id, 'out', broadcasts, c, phone, text, tags.join(' '), text.length > 70 ? 2 : 1, status, carrier, null, t, t, t, status === 'delivered' ? t + 4000 : null);
        if (rnd() < 0.25 && id < target) {
          id += 1;
          const reply = pick(REPLIES);
          msg.run(id, 'in', broadcasts, c, phone, reply, '', 1, 'received', carrier, outId, t + 60_000, t + 60_000, null, null);
        }
      }
      at += step * n * 1.25;
    }
    messages = id;
    db.exec(`INSERT INTO messages_fts (rowid, text, tags)
      SELECT id, replace(replace(text, 'ё', 'е'), 'Ё', 'Е'), replace(replace(tags, 'ё', 'е'), 'Ё', 'Е') FROM messages`);
    db.exec(trigger);
  })();
  return { messages, contacts, broadcasts, start, end };
}
