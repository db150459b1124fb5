// Bytes in and out of the browser: a picked file as base64 for the station, a station's base64
// (or our own text) saved as a download. No Node here: FileReader-free, btoa/atob in chunks so a
// 20 MB sheet does not blow the argument limit of String.fromCharCode.
import type { RowError } from '../../../shared/protocol/index.js';
import { csvText } from '../../../shared/csv/safe-cell.js';

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function fileToBase64(file: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}

/** Save a blob under a name, the way a link with `download` would. */
export function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const MIME: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv;charset=utf-8',
};

export function mimeOf(fileName: string): string {
  return MIME[fileName.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}


/**
 * Errors of a preview as the station writes them after a commit: UTF-8 with BOM, `;` between
 * cells, so Excel on a Russian Windows opens it without an import dialog.
 */
export function errorsToCsv(errors: readonly RowError[], headers: readonly [string, string, string, string]): string {
  return `\ufeff${csvText([headers, ...errors.map((e) => [e.row, e.column, e.value, e.reason])])}`;
}
