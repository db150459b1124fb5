// Request bodies for every HTTP door: a size limit checked before and while reading (413), and
// the two encodings old and new scripts send: JSON and application/x-www-form-urlencoded, in the
// charset they declare or, undeclared, the one their bytes are in (charset.ts: UTF-8, cp1251, KOI8-R).
import type { IncomingMessage } from 'node:http';
import { StationError } from '../errors.js';
import { CharsetError, decodeForm, decodeText, declaredCharset, rawQuery, type Charset } from './charset.js';

/** A form or query: repeated names (`to=…&to=…`) collect into an array. */
export type FormFields = Record<string, string | string[]>;

export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  // Nothing left to read (as `for await` would find): an empty body rather than a wait for an 'end' gone by.
  if (req.readableEnded) return Buffer.alloc(0);
  // Listeners rather than `for await`: the stream's async iterator (and its end-of-stream watch)
  // cost more CPU than the rest of reading a REST call's one-packet body.
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    // Inline handlers, left on the request once it is read: it is dropped with its answer, and
    // a settled promise ignores a later 'close'. (Named ones cost a keepNames wrapper each call.)
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > maxBytes) {
        settled = true;
        reject(tooLarge(maxBytes));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      settled = true;
      resolve(Buffer.concat(chunks));
    });
    req.on('error', (err: Error) => {
      settled = true;
      reject(err);
    });
    // Closed before its end (the client went away): fail as the iterator did, never hang.
    req.on('close', () => {
      if (!settled) reject(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
      settled = true;
    });
  });
}

function tooLarge(maxBytes: number): StationError {
  return new StationError('too_large', `The request body is over ${Math.round(maxBytes / 1024)} KiB. Send less at once.`);
}

/** Pairs collected by name; a pair with neither name nor value (`&&`, a trailing `&`) is nothing. */
export function fieldsOf(pairs: readonly (readonly [string, string])[]): FormFields {
  const out: FormFields = {};
  for (const [k, v] of pairs) {
    if (k === '' && v === '') continue;
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/** The charset a request's Content-Type declares; an unknown one is a 400 naming it. */
export function requestCharset(req: IncomingMessage): Charset | undefined {
  try {
    return declaredCharset(req.headers['content-type']);
  } catch (err) {
    if (err instanceof CharsetError) throw new StationError('bad_request', err.message, 'charset');
    throw err;
  }
}

/** The query string's fields, percent-decoded in the charset its bytes are in. */
export function queryFields(req: IncomingMessage): FormFields {
  return fieldsOf(decodeForm(rawQuery(req.url)).pairs);
}

/** A form body's fields in its declared charset, or the one its bytes are in. */
export function formBodyFields(body: Uint8Array, charset: Charset | undefined): FormFields {
  return fieldsOf(decodeForm(body, charset).pairs);
}

/** Parses a JSON or form body into an object; anything else is refused with a sentence. */
export async function readFields(req: IncomingMessage, maxBytes: number): Promise<Record<string, unknown>> {
  const body = await readBody(req, maxBytes);
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (body.length === 0) return {};
  const charset = requestCharset(req);
  if (type === 'application/json' || type === '') {
    let value: unknown;
    try {
      value = JSON.parse(decodeText(body, charset));
    } catch {
      throw new StationError('bad_request', 'The body is not valid JSON. Check quotes and commas, or send a form.');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new StationError('bad_request', 'The JSON body must be an object, e.g. {"to":"+79161234567","text":"…"}.');
    }
    return value as Record<string, unknown>;
  }
  if (type === 'application/x-www-form-urlencoded') return formBodyFields(body, charset);
  throw new StationError('bad_request', `Content-Type ${type} is not accepted here. Send application/json or a form.`);
}
