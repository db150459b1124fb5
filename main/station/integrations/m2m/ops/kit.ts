// What every M2M operation gets: the station, the caller (a key acting with its user's rights,
// reading what its user may read), the station's time zone for dates, the door's own tables, and the arguments already converted by
// the contract's types (args.ts). An operation returns plain values under the contract's field
// names; xml-out.ts writes them.
import type { StationCore } from '../../../core.js';
import type { ZoneClock } from '../../../domain/time-zone.js';
import type { Caller } from '../../api-door.js';
import type { ReadScope } from '../../../auth/read-scope.js';
import type { ArgValue } from '../args.js';
import type { M2mStore } from '../m2m-store.js';
import type { XmlValue } from '../xml-out.js';
import { M2mFault } from '../faults.js';

export interface OpContext {
  core: StationCore;
  caller: Caller;
  zone: ZoneClock;
  m2m: M2mStore;
  /** Whom the key's user may read (auth/read-scope.ts), looked up on first use. */
  scope: () => ReadScope;
  /** What this call left out that its result cannot say (a malformed number, …): audited with the call. */
  notes: string[];
}

export type Args = Record<string, ArgValue | undefined>;
export type OpRun = (ctx: OpContext, args: Args) => XmlValue | undefined | Promise<XmlValue | undefined>;

export const str = (args: Args, name: string): string => {
  const v = args[name];
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
};
export const num = (args: Args, name: string): number | null => (typeof args[name] === 'number' ? (args[name] as number) : null);
export const bool = (args: Args, name: string): boolean | null => (typeof args[name] === 'boolean' ? (args[name] as boolean) : null);
export const list = (args: Args, name: string): ArgValue[] => (Array.isArray(args[name]) ? (args[name] as ArgValue[]) : []);
export const strings = (args: Args, name: string): string[] => list(args, name).map((v) => String(v));
export const records = (args: Args, name: string): Args[] =>
  list(args, name).filter((v): v is { [k: string]: ArgValue } => typeof v === 'object' && v !== null && !Array.isArray(v));

/** A required whole-number parameter (messageID, mailingListId, …). */
export function requiredId(args: Args, name: string): number {
  const v = num(args, name);
  if (v === null) throw new M2mFault('WRONG_ID', 'bad_request', `Parameter "${name}" is missing: give the id.`, name);
  return v;
}

/** `+79161234567` → `79161234567`, the msid form the operator answered with. */
export const msidOf = (phone: string) => phone.replace(/^\+/, '');

export function requireAdmin(ctx: OpContext, what: string): void {
  if (ctx.caller.role !== 'admin') {
    throw new M2mFault('OPERATION_NOT_ALLOWED', 'forbidden', `Only an administrator's key may ${what}. Ask an administrator.`);
  }
}
