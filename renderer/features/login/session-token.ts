// The session token: per tab, so closing the tab signs out and a second tab can be a second user.
const KEY = 'switchboard.token';

export function readToken(): string | null {
  try {
    return globalThis.sessionStorage?.getItem(KEY) ?? null;
  } catch {
    return null;
  }
}

export function writeToken(token: string | null): void {
  try {
    if (token === null) globalThis.sessionStorage?.removeItem(KEY);
    else globalThis.sessionStorage?.setItem(KEY, token);
  } catch {
    /* Without storage the dispatcher signs in again after a reload; nothing worse. */
  }
}
