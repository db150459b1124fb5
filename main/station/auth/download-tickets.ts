// One-use, short-lived download tickets (issue 14 case 5): a link in the page can carry no header,
// and a session token in a URL lands in browser history, proxy logs and our own log. A ticket
// names one file for one session, works once, within a minute, and only while the session lives.
import { randomBytes } from 'node:crypto';

export const TICKET_TTL_MS = 60_000;
const MAX_TICKETS = 1_000;

export interface Ticket {
  /** What the ticket opens, e.g. `export:<uuid>`. */
  resource: string;
  userId: number;
  /** The session it was issued to: it dies with that session. */
  tokenHash: string;
  expiresAt: number;
}

export class DownloadTickets {
  private readonly tickets = new Map<string, Ticket>();

  issue(resource: string, userId: number, tokenHash: string, now = Date.now()): { ticket: string; expiresAt: number } {
    this.sweep(now);
    const ticket = randomBytes(24).toString('base64url');
    const expiresAt = now + TICKET_TTL_MS;
    this.tickets.set(ticket, { resource, userId, tokenHash, expiresAt });
    return { ticket, expiresAt };
  }

  /** The ticket's grant, once: a second use, another resource or a late use gets undefined. */
  redeem(ticket: string, resource: string, now = Date.now()): Ticket | undefined {
    const grant = this.tickets.get(ticket);
    if (!grant) return undefined;
    this.tickets.delete(ticket);
    return grant.resource === resource && grant.expiresAt >= now ? grant : undefined;
  }

  private sweep(now: number): void {
    for (const [t, g] of this.tickets) if (g.expiresAt < now) this.tickets.delete(t);
    // Never more than this outstanding: the oldest go first.
    while (this.tickets.size >= MAX_TICKETS) this.tickets.delete(this.tickets.keys().next().value!);
  }
}
