// The search form's fields as typed, and the station's MessageFilter they mean. Dates are the
// dispatcher's local calendar days: "from 3 March to 5 March" includes all of 5 March, so `to`
// is the local midnight after it (the filter's `to` is exclusive).
import type { MessageFilter, MessageStatus } from '../../../shared/protocol/index.js';

export interface FilterForm {
  q: string;
  /** yyyy-mm-dd from <input type="date">, or ''. */
  from: string;
  to: string;
  direction: '' | 'in' | 'out';
  status: MessageStatus[];
  contactId: string;
  groupId: string;
  broadcastId: string;
  carrierId: string;
  tag: string;
}

export const emptyForm: FilterForm = {
  q: '',
  from: '',
  to: '',
  direction: '',
  status: [],
  contactId: '',
  groupId: '',
  broadcastId: '',
  carrierId: '',
  tag: '',
};

/** Local midnight starting the day `yyyy-mm-dd`, plus `addDays`; undefined for anything else. */
export function localDayStart(day: string, addDays = 0): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  const ms = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + addDays).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

function id(value: string): number | undefined {
  const n = Number(value.trim().replace(/^[#№]/, ''));
  return value.trim() !== '' && Number.isInteger(n) && n >= 0 ? n : undefined;
}

export function toFilter(form: FilterForm): MessageFilter {
  const f: MessageFilter = {};
  const q = form.q.trim();
  if (q) f.q = q;
  const from = localDayStart(form.from);
  const to = localDayStart(form.to, 1);
  if (from !== undefined) f.from = from;
  if (to !== undefined) f.to = to;
  if (form.direction) f.direction = form.direction;
  if (form.status.length > 0) f.status = [...form.status];
  const contactId = id(form.contactId);
  const groupId = id(form.groupId);
  const broadcastId = id(form.broadcastId);
  if (contactId !== undefined) f.contactId = contactId;
  if (groupId !== undefined) f.groupId = groupId;
  if (broadcastId !== undefined) f.broadcastId = broadcastId;
  if (form.carrierId) f.carrierId = form.carrierId;
  const tag = form.tag.trim().replace(/^#/, '');
  if (tag) f.tag = tag;
  return f;
}

/** True when the filter narrows nothing: exporting it is exporting everything. */
export function isEverything(filter: MessageFilter): boolean {
  return Object.keys(filter).length === 0;
}
