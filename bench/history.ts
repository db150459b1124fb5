// History bench: over a generated store of 1,000,000 messages — search latency (p50/p95), export
// of every row to .xlsx (time and peak RSS, in a child process), and an import of 10,000 contacts.
// Prints figures, asserts nothing. Alone: `npx tsx bench/history.ts` (HISTORY_BENCH_MESSAGES to
// change the size).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../main/station/store/database.js';
import { searchMessages } from '../main/station/history/search.js';
import { conversation } from '../main/station/history/views.js';
import { readContactFile } from '../main/station/history/contact-file.js';
import { commitImport } from '../main/station/history/contact-import.js';
import { billingSummary } from '../main/station/billing/billing.js';
import type { MessageFilter } from '../shared/protocol/history.js';
import { generateStore } from './_history-store.js';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const ms = (x: number) => Math.round(x * 100) / 100;

function contactsCsv(n: number): Buffer {
  const lines = ['ФИО;Телефон;Должность;Группа;Теги;E-mail'];
  for (let i = 1; i <= n; i++) {
    lines.push(`Сотрудник ${i} Ёлкин;8 (903) ${String(1_000_000 + i).slice(1, 4)}-${String(i % 100).padStart(2, '0')}-${String(Math.floor(i / 100) % 100).padStart(2, '0')};Электромонтёр;Район ${1 + (i % 10)} / Бригада ${1 + (i % 4)};#авария #смена${i % 3};e${i}@example.ru`);
  }
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

export async function benchHistory(): Promise<Record<string, string | number>> {
  const size = Number(process.env.HISTORY_BENCH_MESSAGES ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-history-'));
  const out: Record<string, string | number> = {};
  try {
    const file = join(dir, 'station.db');
    const db = openDatabase(file);
    let t = performance.now();
    const store = generateStore(db, size);
    out['history.generate.messages'] = store.messages;
    out['history.generate.s'] = ms((performance.now() - t) / 1000);
    db.pragma('wal_checkpoint(TRUNCATE)');
    out['history.db.MiB'] = Math.round(statSync(file).size / 2 ** 20);

    // The incremental paths with the FTS trigger: one statement per message (an inbound SMS), and
    // one statement for a whole broadcast (how the store writes recipients). FTS5 flushes its
    // pending terms at every statement savepoint, so the second is far cheaper per message.
    t = performance.now();
    db.transaction(() => {
      const ins = db.prepare(`INSERT INTO messages (direction, phone, text, tags, segments, status, created_at, updated_at)
        VALUES ('in', '+79160000000', ?, '', 1, 'received', ?, ?)`);
      for (let i = 0; i < 10_000; i++) ins.run(`Ответ ${i}: выезжаю на подстанцию`, store.end + i, store.end + i);
    })();
    out['history.insert_with_fts.row_by_row.us_per_message'] = ms(((performance.now() - t) * 1000) / 10_000);
    t = performance.now();
    db.prepare(
      `INSERT INTO messages (direction, phone, text, tags, segments, status, created_at, updated_at)
       SELECT 'out', '+79160000000', 'Авария на подстанции ' || r.value, 'авария', 1, 'queued', ?, ?
       FROM json_each(?) r`,
    ).run(store.end, store.end, JSON.stringify(Array.from({ length: 10_000 }, (_, i) => i)));
    out['history.insert_with_fts.one_statement.us_per_message'] = ms(((performance.now() - t) * 1000) / 10_000);

    const mid = Math.round((store.start + store.end) / 2);
    const month = 30 * 86_400_000;
    const queries: MessageFilter[] = [
      { q: 'авария' },
      { q: '"нет напряжения"' },
      { q: '"бригада выезд"' },
      { q: 'подст*' },
      { q: '#авария' },
      { q: '#газ утечка' },
      { q: 'ёлочная' },
      { q: 'котельная давление -#учения' },
      { q: 'принял', direction: 'in' },
      { q: 'авария', from: mid, to: mid + month },
      { q: 'срочно', groupId: 3 },
      { q: 'ремонт', status: ['failed'] },
      { q: 'фидер', carrierId: 'smpp-1' },
      { tag: 'свет' },
      { direction: 'in', from: mid, to: mid + month },
      { groupId: 1 },
      { contactId: 777 },
      { broadcastId: 1234 },
      {},
    ];
    const times: number[] = [];
    const perQuery: Record<string, number> = {};
    for (let round = 0; round < 6; round++) {
      for (const [i, f] of queries.entries()) {
        const s = performance.now();
        const first = searchMessages(db, f, { limit: 50 });
        if (first.next) searchMessages(db, f, { limit: 50, cursor: first.next }); // and the next page
        const dt = (performance.now() - s) / (first.next ? 2 : 1);
        if (round > 0) times.push(dt); // round 0 warms the page cache
        perQuery[i] = Math.max(perQuery[i] ?? 0, dt);
      }
    }
    times.sort((a, b) => a - b);
    out['history.search.queries'] = times.length;
    out['history.search.p50_ms'] = ms(percentile(times, 50));
    out['history.search.p95_ms'] = ms(percentile(times, 95));
    out['history.search.max_ms'] = ms(times[times.length - 1]!);
    const slowest = Object.entries(perQuery).sort((a, b) => b[1] - a[1])[0]!;
    out['history.search.slowest'] = `${JSON.stringify(queries[Number(slowest[0])])} ${ms(slowest[1])} ms`;

    t = performance.now();
    conversation(db, 777, { limit: 200 });
    out['history.conversation_200.ms'] = ms(performance.now() - t);
    t = performance.now();
    billingSummary(db, { month: new Date(mid).toISOString().slice(0, 7), timeZone: 'Europe/Moscow' });
    out['history.billing_summary.ms'] = ms(performance.now() - t);
    db.close();

    // Export in a child process: its peak RSS is the export's alone.
    const child = fileURLToPath(new URL('./_history-export-child.ts', import.meta.url));
    const xlsx = join(dir, 'all.xlsx');
    const result = JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', child, file, xlsx], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').pop()!,
    ) as { rows: number; sheets: number; ms: number; peakRssMb: number; baselineRssMb: number };
    out['history.export.rows'] = result.rows;
    out['history.export.s'] = ms(result.ms / 1000);
    out['history.export.peak_rss_MiB'] = result.peakRssMb;
    out['history.export.baseline_rss_MiB'] = result.baselineRssMb;
    out['history.export.file_MiB'] = Math.round(statSync(xlsx).size / 2 ** 20);
    rmSync(xlsx, { force: true });

    // Import of 10,000 contacts into a fresh store, then the same file again (all unchanged).
    const fresh = openDatabase(join(dir, 'import.db'));
    const bytes = contactsCsv(10_000);
    t = performance.now();
    const imported = commitImport(fresh, await readContactFile(bytes, 'contacts.csv'), undefined, { fileName: 'contacts.csv' });
    out['history.import_10k.s'] = ms((performance.now() - t) / 1000);
    out['history.import_10k.created'] = imported.totals.created;
    out['history.import_10k.errors'] = imported.totals.errors;
    t = performance.now();
    commitImport(fresh, await readContactFile(bytes, 'contacts.csv'), undefined, { fileName: 'contacts.csv' });
    out['history.reimport_10k.s'] = ms((performance.now() - t) / 1000);
    fresh.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const figures = await benchHistory();
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(44)} ${v}`);
}
