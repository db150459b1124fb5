// An alert plan's text: a template whose `{поля}` the dispatcher fills at launch ("Авария на
// {объект}, {адрес}"). Pure and shared, so the launch form counts SMS with the very text the
// station will send. `{name}` and `{order}` stay the dispatcher's own placeholders (DESIGN §4).
import { NAME_PLACEHOLDER, ORDER_PLACEHOLDER } from '../sms/placeholders.js';

/** What a drill puts in front of every SMS, so nobody mistakes it for the real thing. */
export const DRILL_PREFIX = 'УЧЕНИЯ! ';

const FIELD = /\{([\p{L}\p{N}_][\p{L}\p{N}_ -]{0,39})\}/gu;
const BUILT_IN = new Set([NAME_PLACEHOLDER, ORDER_PLACEHOLDER]);

/** The fields a template asks for, in the order they first appear, each once. */
export function templateFields(template: string): string[] {
  const out: string[] = [];
  for (const m of template.matchAll(FIELD)) {
    if (BUILT_IN.has(m[0])) continue;
    const name = m[1]!.trim();
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** The template with every field filled; a field with no value keeps its `{поле}`, so it shows. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(FIELD, (whole, raw: string) => {
    if (BUILT_IN.has(whole)) return whole;
    const value = values[raw.trim()];
    return value === undefined || value.trim() === '' ? whole : value.trim();
  });
}

/** The text a launch sends: the filled template, marked as a drill when it is one. */
export function launchText(template: string, values: Readonly<Record<string, string>>, drill: boolean): string {
  const text = fillTemplate(template, values).trim();
  return drill ? DRILL_PREFIX + text : text;
}
