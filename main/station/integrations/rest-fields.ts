// Body schemas for REST writes. Forms send every value as text, so numbers, booleans and lists
// are accepted both as JSON values and as their text forms. Unknown fields are refused by name.
import { z } from 'zod';
import { StationError } from '../errors.js';

export const int = z.coerce.number().int().nonnegative();
export const bool = z.preprocess((v) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v), z.boolean());
const split = (v: unknown) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v);
export const intList = z.preprocess(split, z.array(int).max(10_000));
export const textList = z.preprocess(split, z.array(z.string().min(1).max(100)).max(1000));
export const optionalText = (max: number) => z.string().max(max).nullable().optional();

/** Parses with the schema; the first problem becomes a 400 naming its field. */
export function parseFields<T extends z.ZodType>(schema: T, fields: unknown): z.output<T> {
  const parsed = schema.safeParse(fields);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const name = issue.keys[0]!;
    throw new StationError('bad_request', `Unknown field "${name}". Remove it or check its spelling.`, name);
  }
  const field = issue.path.join('.') || '(body)';
  throw new StationError('bad_request', `Field "${field}": ${issue.message}.`, field);
}
