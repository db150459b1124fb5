// The port the driver talks through, injected (ports and adapters): the serialport adapter in
// serial-transport.ts in production, anything else that moves bytes in tests and the bench.

export interface ModemTransport {
  write(data: string | Uint8Array): Promise<void>;
  /** Bytes from the modem. */
  onData(listener: (chunk: Uint8Array) => void): void;
  /** The port went away (unplugged, closed by the other side) or failed. Called once. */
  onClose(listener: (error: Error | null) => void): void;
  close(): Promise<void>;
  /** Resolves once everything written has left (serialport drain). */
  drain?(): Promise<void>;
}

/**
 * Opens a transport to the modem; rejects when the port cannot be opened (yet). `path` is where
 * the modem is now when it came back under another name; without it, the configured port.
 */
export type ModemPortOpener = (path?: string) => Promise<ModemTransport>;
