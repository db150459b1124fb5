// Request bodies for every HTTP door: a size limit checked before and while reading (413), and
// the two encodings old and new scripts send: JSON and application/x-www-form-urlencoded.
import type { IncomingMessage } from 'node:http';
import { StationError } from '../errors.js';

/** A form or query: repeated names (`to=…&to=…`) collect into an array. */
export type FormFields = Record<string, string | string[]>;

export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      req.destroy();
      throw tooLarge(maxBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function tooLarge(maxBytes: number): StationError {
  return new StationError('too_large', `The request body is over ${Math.round(maxBytes / 1024)} KiB. Send less at once.`);
}

export function formFields(params: URLSearchParams): FormFields {
  const out: FormFields = {};
  for (const [k, v] of params) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/** Parses a JSON or form body into an object; anything else is refused with a sentence. */
export async function readFields(req: IncomingMessage, maxBytes: number): Promise<Record<string, unknown>> {
  const body = await readBody(req, maxBytes);
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (body.length === 0) return {};
  if (type === 'application/json' || type === '') {
    let value: unknown;
    try {
      value = JSON.parse(body.toString('utf8'));
    } catch {
      throw new StationError('bad_request', 'The body is not valid JSON. Check quotes and commas, or send a form.');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new StationError('bad_request', 'The JSON body must be an object, e.g. {"to":"+79161234567","text":"…"}.');
    }
    return value as Record<string, unknown>;
  }
  if (type === 'application/x-www-form-urlencoded') return formFields(new URLSearchParams(body.toString('utf8')));
  throw new StationError('bad_request', `Content-Type ${type} is not accepted here. Send application/json or a form.`);
}
