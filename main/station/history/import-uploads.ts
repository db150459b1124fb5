// Parsed contact files waiting for the dispatcher's "load": the preview reads a file once and the
// commit uses the same rows, so what was shown is what loads. Kept 30 minutes, a few at a time.
import { randomUUID } from 'node:crypto';
import type { ContactTable } from './contact-file.js';

const UPLOAD_TTL_MS = 30 * 60_000;
const MAX_UPLOADS = 8;

export interface ImportUpload {
  table: ContactTable;
  fileName: string;
  /** Who uploaded it: only they may preview it again or load it. */
  ownerId: number | null;
  expires: number;
}

export class ImportUploads {
  private readonly uploads = new Map<string, ImportUpload>();

  put(table: ContactTable, fileName: string, ownerId: number | null, now = Date.now()): string {
    for (const [id, u] of this.uploads) if (u.expires < now) this.uploads.delete(id);
    while (this.uploads.size >= MAX_UPLOADS) this.uploads.delete(this.uploads.keys().next().value!);
    const uploadId = randomUUID();
    this.uploads.set(uploadId, { table, fileName, ownerId, expires: now + UPLOAD_TTL_MS });
    return uploadId;
  }

  /** The upload, while it lasts and for its owner (null: from the CLI or a test, anyone). */
  get(uploadId: string, userId: number | null, now = Date.now()): ImportUpload | undefined {
    const u = this.uploads.get(uploadId);
    if (!u || u.expires < now) return undefined;
    if (u.ownerId !== null && userId !== null && u.ownerId !== userId) return undefined;
    return u;
  }

  delete(uploadId: string): void {
    this.uploads.delete(uploadId);
  }
}
