// Where the data folder's key (secret.key) is protected. Under plain Node it is a file only the
// station's user may read (0600). When the desktop shell runs the station, the shell passes a
// wrap backed by the OS keychain (Electron's safeStorage: DPAPI on Windows, libsecret/kwallet on
// Linux) and the file then holds the key only as the keychain sealed it. The station never imports
// electron: the wrap is injected (createStation's `keyWrap`).
export interface KeyWrap {
  /** Written into the key file, so a station without this wrap can say why it cannot open it. */
  readonly name: string;
  wrap(key: Buffer): Buffer;
  unwrap(wrapped: Buffer): Buffer;
}

let current: KeyWrap | null = null;

/** Set by createStation from its options before anything reads a secret. */
export function useKeyWrap(wrap: KeyWrap | null): void {
  current = wrap;
}

export function keyWrap(): KeyWrap | null {
  return current;
}
