// Runs one export in its own process so its peak RSS is the export's alone (the parent has just
// generated a million rows). Prints one JSON line. Used by bench/history.ts; the leading _ keeps bench/run.ts from importing it as a bench.
import { openDatabase } from '../main/station/store/database.js';
import { exportMessages } from '../main/station/history/export-xlsx.js';

const [dbFile, outFile] = process.argv.slice(2) as [string, string];
const db = openDatabase(dbFile);
const baseline = process.memoryUsage().rss;
const started = performance.now();
const summary = await exportMessages(db, outFile, { timeZone: 'Europe/Moscow' });
const ms = performance.now() - started;
db.close();
console.log(
  JSON.stringify({
    ...summary,
    ms: Math.round(ms),
    baselineRssMb: Math.round(baseline / 2 ** 20),
    // maxRSS is in KiB.
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
