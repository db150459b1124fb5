// Who may talk to the station from a browser. Two questions, answered without throwing for any
// header a client can send:
// - Host: is this one of the names the station answers to? A DNS-rebinding page reaches us under
//   the attacker's name (Host = evil.example resolving to 127.0.0.1), which is refused. IP literals
//   are always fine: rebinding needs a name.
// - Origin: is the page that opened this connection served by the station itself (its own scheme,
//   one of its names or addresses, its port), or explicitly trusted in config? `null` (sandboxed
//   iframes, file: pages) is never trusted. No Origin at all is a script, not a browser page.
import { isIP } from 'node:net';
import { hostname as osHostname, networkInterfaces } from 'node:os';

export interface OriginPolicyOptions {
  /** The address the server listens on (127.0.0.1, 0.0.0.0, a name). */
  bindHost: string;
  /** The port it listens on, once known. */
  port: () => number;
  tls: boolean;
  /** Extra names from config (`server.hostnames`), `*.domain` allowed. */
  hostnames: readonly string[];
  /** Extra trusted origins from config (`server.allowedOrigins`). */
  allowedOrigins: readonly string[];
  /** For tests: the computer's name and addresses. */
  machine?: { hostname: string; addresses: () => string[] };
}

const LOOPBACK_NAMES = new Set(['localhost']);
const HOST_ANSWERS_MAX = 256;

/** `host[:port]` or `[v6]:port` → lower-case hostname (no brackets) and port, or null when malformed. */
export function parseHostHeader(value: string): { hostname: string; port: string } | null {
  if (value.length === 0 || value.length > 300 || /[\s/?#@\\]/.test(value)) return null;
  try {
    const url = new URL(`http://${value}`);
    return { hostname: url.hostname.replace(/^\[|\]$/g, '').toLowerCase(), port: url.port };
  } catch {
    return null;
  }
}

function ourAddresses(): string[] {
  const out = ['127.0.0.1', '::1'];
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) out.push(a.address.toLowerCase());
  return out;
}

export class OriginPolicy {
  private readonly names: Set<string>;
  private readonly suffixes: string[];
  private readonly trusted: Set<string>;
  private readonly machine: { hostname: string; addresses: () => string[] };
  private readonly hostAnswers = new Map<string, boolean>();

  constructor(private readonly options: OriginPolicyOptions) {
    this.machine = options.machine ?? { hostname: osHostname(), addresses: ourAddresses };
    const own = this.machine.hostname.toLowerCase();
    this.names = new Set([...LOOPBACK_NAMES, own, `${own.split('.')[0]}.local`, `${own}.local`]);
    const bind = options.bindHost.toLowerCase();
    if (isIP(bind) === 0 && bind !== '') this.names.add(bind);
    this.suffixes = [];
    for (const name of options.hostnames) {
      if (name.startsWith('*.')) this.suffixes.push(name.slice(1));
      else this.names.add(name.replace(/^\[|\]$/g, ''));
    }
    this.trusted = new Set(options.allowedOrigins.map((o) => originOf(o)).filter((o): o is string => o !== null));
  }

  /** Whether a request's Host header names this station. A request without one (HTTP/1.0) passes. */
  hostAllowed(host: string | undefined): boolean {
    if (host === undefined) return true;
    // Asked on every request with the same one or two values; the answer depends on nothing that changes.
    let allowed = this.hostAnswers.get(host);
    if (allowed === undefined) {
      const parsed = parseHostHeader(host);
      allowed = parsed !== null && (isIP(parsed.hostname) !== 0 || this.isOurName(parsed.hostname));
      // Bounded: a client may send any Host it likes.
      if (this.hostAnswers.size >= HOST_ANSWERS_MAX) this.hostAnswers.clear();
      this.hostAnswers.set(host, allowed);
    }
    return allowed;
  }

  /** Whether a page of this origin may drive the station (the ws upgrade, uploads). */
  originAllowed(origin: string | undefined): boolean {
    if (origin === undefined) return true;
    const normal = originOf(origin);
    if (normal === null) return false;
    if (this.trusted.has(normal)) return true;
    const url = new URL(normal);
    if (url.protocol !== (this.options.tls ? 'https:' : 'http:')) return false;
    const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
    if (port !== this.options.port()) return false;
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (isIP(host) !== 0) return this.isOurAddress(host);
    return this.isOurName(host);
  }

  private isOurName(name: string): boolean {
    return this.names.has(name) || this.suffixes.some((s) => name.endsWith(s) && name.length > s.length);
  }

  private isOurAddress(ip: string): boolean {
    if (ip.startsWith('127.') || ip === '::1') return true;
    if (ip === this.options.bindHost.toLowerCase()) return true;
    return this.machine.addresses().includes(ip);
  }
}

/** The serialised origin of a URL, or null for `null`, opaque or malformed origins. */
function originOf(value: string): string | null {
  if (value.length > 300) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}
