// The `server` part of config.json: the names the station answers to, the browser origins it
// trusts beyond its own, TLS, and the limits of an upload. See docs/security.md.
import { z } from 'zod';

const HostName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(\*\.)?[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/, 'a host name such as switchboard.corp.example, *.corp.example or an IP');

export const ServerConfig = z
  .object({
    /**
     * Names other desks reach the station by (a DNS alias, a name in their hosts file). Besides
     * these the station answers to IP addresses, `localhost` and its own computer name; any other
     * Host header is refused, which is what defeats DNS rebinding.
     */
    hostnames: z.array(HostName).default([]),
    /** Pages on other origins allowed to open the control room's ws (a reverse proxy's public URL). */
    allowedOrigins: z.array(z.string().url()).default([]),
    tls: z
      .object({
        /** PEM files; relative paths are read from the data folder. */
        cert: z.string().min(1).optional(),
        key: z.string().min(1).optional(),
        /** Make (once) and use a self-signed certificate in `<data>/tls/`. */
        selfSigned: z.boolean().default(false),
      })
      .strict()
      .refine((t) => (t.cert === undefined) === (t.key === undefined), 'tls.cert and tls.key go together')
      .optional(),
    /** Wrong passwords: this many per account cost nothing, then waits double from firstDelayMs, then a lock. */
    logins: z
      .object({
        freeFailures: z.number().int().min(0).default(3),
        firstDelayMs: z.number().int().positive().default(1_000),
        lockAfter: z.number().int().positive().default(10),
        lockMinutes: z.number().positive().default(15),
        /** The longest wait between two tries before the lock. */
        maxDelayMs: z.number().int().positive().default(60_000),
      })
      .strict()
      .prefault({}),
    uploads: z
      .object({
        /** Largest contacts file accepted over HTTP, in bytes. */
        maxBytes: z.number().int().positive().default(20 * 1024 * 1024),
        maxRows: z.number().int().positive().default(200_000),
        maxColumns: z.number().int().positive().default(64),
        maxCellChars: z.number().int().positive().default(4_000),
        /** What an .xlsx (a zip) may inflate to, all parts together. */
        maxInflatedBytes: z.number().int().positive().default(256 * 1024 * 1024),
      })
      .strict()
      .prefault({}),
  })
  .strict();
export type ServerConfig = z.infer<typeof ServerConfig>;
export type UploadLimits = ServerConfig['uploads'];
