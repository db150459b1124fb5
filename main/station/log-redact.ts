// No token, key or password in any log line: URLs are logged with those query values blanked,
// and the logger itself censors fields with those names wherever a caller passes them.

/** Query parameters that carry credentials on some door (`?token=`, `?key=`, MTS `password=`). */
const SECRET_PARAMS = /^(token|key|ticket|password|pass|passwd|secret|apikey|api_key|access_token)$/i;

/** The URL (or request target) with credential values replaced by `***`. */
export function redactUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const q = raw.indexOf('?');
  if (q < 0) return raw;
  const query = raw
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // keep the raw name
      }
      return eq >= 0 && SECRET_PARAMS.test(decoded) ? `${name}=***` : pair;
    })
    .join('&');
  return `${raw.slice(0, q)}?${query}`;
}

/** pino `redact` paths: these fields are censored at any of the first two levels of a log object. */
export const REDACT_PATHS = [
  'password',
  'token',
  'key',
  'secret',
  'authorization',
  'ticket',
  '*.password',
  '*.pass',
  '*.token',
  '*.key',
  '*.secret',
  '*.authorization',
  '*.ticket',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers["x-api-key"]',
];

/** URL-like fields of a log object, scrubbed by the logger itself so no caller can forget. */
const URL_FIELDS = ['url', 'path', 'href', 'target', 'callbackUrl'];

export function scrubLogObject(obj: Record<string, unknown>): Record<string, unknown> {
  let out = obj;
  for (const field of URL_FIELDS) {
    const v = obj[field];
    if (typeof v === 'string' && v.includes('?')) {
      if (out === obj) out = { ...obj };
      out[field] = redactUrl(v);
    }
  }
  return out;
}
