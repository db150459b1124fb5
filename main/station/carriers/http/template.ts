// Filling provider templates and reading fields out of provider JSON. Both pure.

/** Replaces {name} with values[name]; unknown placeholders are left as they are. */
export function fillTemplate(template: string, values: Record<string, string>, encode: (v: string) => string = (v) => v): string {
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? encode(values[name]!) : whole,
  );
}

/** Fills every string inside a JSON-like template (objects, arrays) with the placeholders. */
export function fillDeep(template: unknown, values: Record<string, string>): unknown {
  if (typeof template === 'string') return fillTemplate(template, values);
  if (Array.isArray(template)) return template.map((v) => fillDeep(v, values));
  if (template && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, fillDeep(v, values)]));
  }
  return template;
}

/** Reads "a.b[0].c" (a leading "$." is allowed) from a parsed value; undefined when absent. */
export function readPath(value: unknown, path: string): unknown {
  const steps = path
    .replace(/^\$\.?/, '')
    .split(/\.|\[(\d+)\]/)
    .filter((s) => s !== undefined && s !== '');
  let current: unknown = value;
  for (const step of steps) {
    if (current === null || current === undefined) return undefined;
    if (Array.isArray(current) && /^\d+$/.test(step)) current = current[Number(step)];
    else if (typeof current === 'object') current = (current as Record<string, unknown>)[step];
    else return undefined;
  }
  return current;
}
