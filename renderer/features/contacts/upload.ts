// The contacts file goes to the station over HTTP, as it is (no base64, no ws frame limit), with
// the session in the Authorization header; the answer is the station's preview of it.
import type { ImportPreview, Locale } from '../../../shared/protocol/index.js';
import { readToken } from '../login/session-token.js';

export class UploadError extends Error {}

export async function uploadContactsFile(file: File, locale: Locale): Promise<ImportPreview> {
  let res: Response;
  try {
    res = await fetch(`/api/v1/contacts/import?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      body: file,
      headers: { authorization: `Bearer ${readToken() ?? ''}`, 'content-type': 'application/octet-stream', 'accept-language': locale },
    });
  } catch {
    throw new UploadError(locale === 'ru' ? 'Станция недоступна: файл не отправлен.' : 'The station is not reachable: the file was not sent.');
  }
  const body = (await res.json().catch(() => null)) as (ImportPreview & { error?: { message: string } }) | null;
  if (!res.ok || !body || body.error) throw new UploadError(body?.error?.message ?? `HTTP ${res.status}`);
  return body;
}
