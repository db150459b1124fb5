// Excel exports as background jobs for ws and REST: start returns at once, progress goes out as
// `history.export.progress` events, cancel aborts, and the finished file waits in
// `<data>/exports/` for GET /api/v1/exports/{exportId} (kept a day, then swept).
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportProgress, MessageFilter } from '../../../shared/protocol/history.js';
import type { Db } from '../store/database.js';
import { ExportCancelledError, exportMessages } from './export-xlsx.js';
import { countMessages } from './search.js';
import type { ScopedFilter } from './message-filter.js';
import type { ExportLocale } from './export-labels.js';

const KEEP_MS = 24 * 3_600_000;

interface Job {
  /** Who started it: only they get its progress and may download it. */
  ownerId: number | null;
  controller: AbortController;
  file: string;
  fileName: string;
  state: ExportProgress['state'];
}

export class ExportJobs {
  private readonly jobs = new Map<string, Job>();
  readonly dir: string;

  constructor(
    private readonly db: Db,
    dataDir: string,
    private readonly emit: (progress: ExportProgress) => void,
  ) {
    this.dir = join(dataDir, 'exports');
  }

  start(
    filter: ScopedFilter,
    options: { timeZone?: string; locale?: ExportLocale; now?: number; ownerId?: number | null } = {},
  ): { exportId: string; total: number } {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    this.sweep(options.now ?? Date.now());
    const exportId = randomUUID();
    const stamp = new Date(options.now ?? Date.now()).toISOString().slice(0, 16).replace(/[-:T]/g, '');
    const fileName = `messages-${stamp}.xlsx`;
    const job: Job = { ownerId: options.ownerId ?? null, controller: new AbortController(), file: join(this.dir, `${exportId}.xlsx`), fileName, state: 'running' };
    this.jobs.set(exportId, job);
    // Counting first validates the filter (a bad query fails the request, not the job).
    const total = countMessages(this.db, filter);
    const report = (state: ExportProgress['state'], rows: number, error: string | null = null) =>
      this.emit({ exportId, state, rows, total, fileName: state === 'done' ? fileName : null, error });
    exportMessages(this.db, job.file, {
      filter,
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
      locale: options.locale ?? 'ru',
      signal: job.controller.signal,
      onProgress: (p) => report('running', p.rows),
    }).then(
      (summary) => {
        job.state = 'done';
        report('done', summary.rows);
      },
      (err: unknown) => {
        job.state = err instanceof ExportCancelledError ? 'cancelled' : 'failed';
        report(job.state, 0, err instanceof Error ? err.message : String(err));
      },
    );
    return { exportId, total };
  }

  cancel(exportId: string): void {
    this.jobs.get(exportId)?.controller.abort();
  }

  /** The finished file for download, or null while running, after failure, or when unknown. */
  file(exportId: string): { path: string; fileName: string; ownerId: number | null } | null {
    const job = this.jobs.get(exportId);
    return job && job.state === 'done' ? { path: job.file, fileName: job.fileName, ownerId: job.ownerId } : null;
  }

  /** Who started the export; undefined for an unknown id. */
  ownerOf(exportId: string): number | null | undefined {
    return this.jobs.get(exportId)?.ownerId;
  }

  /** Cancels running jobs (station shutdown). */
  close(): void {
    for (const job of this.jobs.values()) job.controller.abort();
  }

  private sweep(now: number): void {
    for (const name of readdirSync(this.dir)) {
      const path = join(this.dir, name);
      if (now - statSync(path).mtimeMs > KEEP_MS) rmSync(path, { force: true });
    }
  }
}
