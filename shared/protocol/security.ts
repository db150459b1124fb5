// The station's locks over the control-room protocol (issue 14): login locks the admin sees and
// lifts, and one-use download tickets, so a link in the page never carries the session token.
import { z } from 'zod';

export const LoginLockView = z.object({
  kind: z.enum(['account', 'address']),
  /** The login as typed (lower case) or the remote address. */
  key: z.string(),
  failures: z.number().int(),
  lastFailureAt: z.number(),
  /** While locked: until when. */
  lockedUntil: z.number().nullable(),
  /** While only slowed down: when the next try is checked. */
  retryAt: z.number().nullable(),
});
export type LoginLockView = z.infer<typeof LoginLockView>;

const Locks = z.object({ locks: z.array(LoginLockView) });

export const securityRequests = {
  /** Admin only: accounts and addresses locked or slowed down after wrong passwords. */
  'security.logins': { params: z.object({}).strict(), result: Locks },
  /** Admin only: lifts the lock and forgets the failures; audited. */
  'security.unlock': {
    params: z.object({ kind: z.enum(['account', 'address']), key: z.string().min(1).max(100) }).strict(),
    result: Locks,
  },
  /**
   * A download link for a finished export of one's own: `/api/v1/exports/{id}?ticket=…`, valid
   * for one download within a minute, bound to this session.
   */
  'export.ticket': {
    params: z.object({ exportId: z.string().min(1).max(64) }).strict(),
    result: z.object({ url: z.string(), expiresAt: z.number() }),
  },
} as const;
