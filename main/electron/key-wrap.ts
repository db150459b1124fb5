// The OS keychain for the station's data-folder key (main/station/secrets/key-wrap.ts), through
// Electron's safeStorage: DPAPI on Windows, libsecret or kwallet on Linux. Where the keychain is
// not available (a Linux session without a secret service) the station keeps its 0600 key file.
import { safeStorage } from 'electron';
import type { KeyWrap } from '../station/secrets/key-wrap.js';

export function safeStorageKeyWrap(): KeyWrap | undefined {
  if (!safeStorage?.isEncryptionAvailable?.()) return undefined;
  // 'basic_text' means no real keychain on Linux: a plain file says the same more honestly.
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') return undefined;
  return {
    name: 'safeStorage',
    wrap: (key) => safeStorage.encryptString(key.toString('base64')),
    unwrap: (wrapped) => Buffer.from(safeStorage.decryptString(wrapped), 'base64'),
  };
}
